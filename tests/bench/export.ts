// npm run bench:export -- [--items 1000000] [--db FILE] [--keep DIR] [--formats csv,xlsx] [--out DIR] [--json]
// Streams the export of the whole items list (全口径, any time, newest first: every item in the database) as CSV
// and as XLSX through the same code as /items/export, into /dev/null (or files in --out DIR), and reports per
// format: rows, seconds, rows/s, bytes, peak RSS (VmHWM), peak heap, and RSS / heap after 10k, 100k, 500k and
// 1M rows, which shows whether memory stays flat. Each format runs in a fresh process of its own, so one
// format's peak is not the other's. --db reuses an existing database (opened read-only, never migrated);
// otherwise a demo-city database of --items items is seeded in --keep DIR (reused when present) or a temp dir.
// With --json the last stdout line is {"items":N,"db":…,"results":[{format,rows,seconds,…}]}.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { openDatabase } from "../../db/client";
import { csvStream } from "../../db/exports/csv";
import { itemsExportTable } from "../../db/exports/items";
import { xlsxStream } from "../../db/exports/xlsx";
import { dataCutoff } from "../../db/metrics/overview";
import { itemExportLabels } from "../../app/lib/exports.server";
import { seedDemoDb } from "./lib/demo-db";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "1000000" },
    db: { type: "string" },
    keep: { type: "string" },
    formats: { type: "string", default: "csv,xlsx" },
    out: { type: "string" },
    json: { type: "boolean", default: false },
    child: { type: "string" },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const MB = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
const MILESTONES = [10_000, 100_000, 500_000, 1_000_000];

/** This process's resident-set high-water mark (Linux), in bytes. */
function peakRss(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : process.memoryUsage().rss;
}

/** One format in this process: the result JSON on stdout's last line. */
async function child(format: "csv" | "xlsx", file: string): Promise<void> {
  const db = openDatabase(file, { readonly: true });
  const asOf = dataCutoff(db);
  const baseline = process.memoryUsage();
  let peakHeap = baseline.heapUsed;
  const at: Record<string, { rssMB: number; heapMB: number }> = {};
  let next = 0;
  const sample = (rows?: number) => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    while (rows !== undefined && next < MILESTONES.length && rows >= MILESTONES[next]) at[MILESTONES[next++]] = { rssMB: MB(m.rss), heapMB: MB(m.heapUsed) };
  };
  const timer = setInterval(sample, 50);
  const started = performance.now();
  // The list's selection for /items/export?scope=all with no period and no filter: every item, newest first.
  const table = itemsExportTable(db, { filters: { includeExcluded: true }, asOf }, { labels: itemExportLabels("zh-CN"), mask: true, asOf, sheetName: "诉求列表" });
  let rows = 0;
  const onProgress = (n: number) => {
    rows = n;
    sample(n);
  };
  const body = format === "csv" ? csvStream(table, { onProgress }) : xlsxStream(table, { onProgress });
  const target = values.out ? path.join(values.out, `export-bench.${format}`) : "/dev/null";
  const out = fs.createWriteStream(target);
  let bytes = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    // A consumer that keeps up with the disk: wait whenever the file stream's buffer is full.
    if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample(rows);
  const end = process.memoryUsage();
  at[`end (${rows})`] = { rssMB: MB(end.rss), heapMB: MB(end.heapUsed) };
  db.$client.close();
  console.log(JSON.stringify({
    format, rows, seconds: Math.round(seconds * 100) / 100, rowsPerSecond: Math.round(rows / seconds), megabytes: MB(bytes),
    peakRssMB: MB(peakRss()), peakHeapMB: MB(peakHeap), baselineRssMB: MB(baseline.rss), baselineHeapMB: MB(baseline.heapUsed), at,
    file: values.out ? target : undefined,
  }));
}

async function main(): Promise<void> {
  let file: string;
  let cleanup: string | undefined;
  if (values.db) {
    file = path.resolve(values.db);
    if (!fs.existsSync(file)) throw new Error(`no database at ${file}`);
  } else {
    const items = Number(values.items);
    const dir = values.keep ? path.resolve(values.keep) : fs.mkdtempSync(path.join(os.tmpdir(), "minyi-bench-export-"));
    if (!values.keep) cleanup = dir;
    file = await seedDemoDb(path.join(dir, `export-${items}.db`), items, log);
  }
  const sqlite = new Database(file, { readonly: true });
  const items = sqlite.prepare("SELECT count(*) FROM items").pluck().get() as number;
  sqlite.close();
  log(`database ${file}: ${items.toLocaleString()} items`);
  if (values.out) fs.mkdirSync(values.out, { recursive: true });
  const results: unknown[] = [];
  for (const format of values.formats!.split(",").map((f) => f.trim()).filter(Boolean)) {
    if (format !== "csv" && format !== "xlsx") throw new Error(`unknown format ${format}`);
    log(`exporting ${format} …`);
    const args = [...process.execArgv, process.argv[1], "--child", format, "--db", file, ...(values.out ? ["--out", values.out] : [])];
    const r = spawnSync(process.execPath, args, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 16 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`${format} export failed (exit ${r.status})`);
    const result = JSON.parse(r.stdout.trim().split("\n").pop()!);
    log(`  ${format}: ${result.rows.toLocaleString()} rows in ${result.seconds} s (${result.rowsPerSecond.toLocaleString()} rows/s), ${result.megabytes} MB, peak RSS ${result.peakRssMB} MB, peak heap ${result.peakHeapMB} MB`);
    results.push(result);
  }
  if (cleanup) fs.rmSync(cleanup, { recursive: true, force: true });
  const summary = { items, db: file, results };
  console.log(values.json ? JSON.stringify(summary) : JSON.stringify(summary, null, 2));
}

if (values.child) await child(values.child as "csv" | "xlsx", values.db!);
else await main();
