// A demo-city database of about N items for benchmarks: the demo generator's files ingested with the real
// loader, as tests/bench/pages.ts seeds its databases. Built once per file (reused when present and complete).
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../../../db/client";
import { createIngestStore } from "../../../db/ingest-store";
import { generateDemo } from "../../../ingest/demo/generate";
import { ingestFile } from "../../../ingest/load";

const DEMO_ITEMS = 47_600; // items in the demo city at scale 1

export async function seedDemoDb(file: string, items: number, log: (line: string) => void): Promise<string> {
  if (fs.existsSync(file) && !fs.existsSync(`${file}.building`)) {
    log(`reusing ${file}`);
    return file;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.building`, "");
  for (const s of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + s, { force: true });
  const started = Date.now();
  const work = `${file}.demo`;
  const { files } = await generateDemo(work, { scale: items / DEMO_ITEMS });
  const db = openDatabase(file);
  for (const [f, channel, preset] of [
    [files.weiboPosts, "weibo", "minyi-weibo-posts"], [files.weiboComments, "weibo", "minyi-weibo-comments"],
    [files.hotline, "hotline", "minyi-hotline"], [files.mailbox, "mailbox", "minyi-mailbox"],
  ] as const) {
    const s = await ingestFile({ db, file: f, channel, preset, reportDir: work });
    log(`  ${path.basename(f)}: ${s.inserted.toLocaleString()} items in ${s.seconds.toFixed(1)} s`);
  }
  createIngestStore(db).setSetting("demo_data", "true");
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(`${file}.building`);
  log(`seeded ${file} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return file;
}
