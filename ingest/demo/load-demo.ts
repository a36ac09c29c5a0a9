// Generates the demo city's files and ingests them through the same path as any real import.
import path from "node:path";
import type { Db } from "../../db/client";
import { createIngestStore } from "../../db/ingest-store";
import { ingestFile, type IngestSummary } from "../load";
import { ensureDemoAccounts } from "../../db/auth/users";
import { describeNlpPass, runNlpPass } from "../nlp/nlp-pass";
import { generateDemo } from "./generate";

export async function loadDemoData(
  db: Db,
  workDir: string,
  log: (line: string) => void = () => {},
  options: { scale?: number; /** Run the NLP pass (sentiment, places, …) over the loaded items; default true. */ nlp?: boolean } = {},
): Promise<IngestSummary[]> {
  const demoDir = path.join(workDir, "demo");
  const started = Date.now();
  const { files, counts } = await generateDemo(demoDir, { scale: options.scale });
  log(`demo data generated in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
  const reportDir = path.join(workDir, "imports");
  const summaries: IngestSummary[] = [];
  // Posts before comments, so comments link to their posts as they load.
  const plan = [
    { file: files.weiboPosts, channel: "weibo", preset: "minyi-weibo-posts" },
    { file: files.weiboComments, channel: "weibo", preset: "minyi-weibo-comments" },
    { file: files.hotline, channel: "hotline", preset: "minyi-hotline" },
    { file: files.mailbox, channel: "mailbox", preset: "minyi-mailbox" },
  ] as const;
  for (const step of plan) {
    const summary = await ingestFile({ db, ...step, reportDir });
    log(`  ${path.basename(step.file)}: inserted ${summary.inserted}, rejected ${summary.rejected}, warnings ${summary.warnings}`);
    summaries.push(summary);
  }
  createIngestStore(db).setSetting("demo_data", "true");
  await ensureDemoAccounts(db);
  // The same analysis an import from the command line runs: sentiment, places, personal data, reply quality.
  if (options.nlp !== false) log(`  ${describeNlpPass(runNlpPass(db))}`);
  return summaries;
}
