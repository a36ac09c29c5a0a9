// npm run ingest -- <file> --channel hotline|mailbox|weibo [--preset NAME | --mapping FILE] [--json] …
// Arguments, progress and exit codes only; the work is in load.ts.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../db/client";
import { CHANNELS, type Channel } from "../db/schema";
import { parseDateTime } from "./dates";
import { ingestFile, type IngestSummary } from "./load";
import { refreshDerived } from "../db/refresh";
import { describeNlpPass, runNlpPass, type NlpPassResult } from "./nlp/nlp-pass";
import { parseMapping } from "./mapping-schema";
import { PRESETS } from "./presets";
import { terminalProgress } from "./progress";
import { UnreadableFileError } from "./read/types";

const USAGE = `Usage: npm run ingest -- <file> --channel hotline|mailbox|weibo [options]
  --preset NAME        a built-in format (see --list-presets); by default recognised from the header
  --mapping FILE       a JSON mapping file for any other CSV / XLSX / JSON / JSONL source
  --source NAME        id space of the file's external ids (default: the preset's)
  --crawled-at TIME    when a Weibo crawl ran, for relative times like 3小时前 (e.g. "2020-01-14 20:00")
  --account NAME       Weibo account of a posts file that does not name it
  --db PATH            database file (default: DATABASE_PATH or data/minyi.db)
  --report-dir DIR     where the report and rejects CSV go (default data/imports)
  --no-nlp             skip the NLP pass (routing, sentiment, places, personal data) over the imported items;
                       run it later with npm run classify
  --json               print the summary as JSON on the last line
  --list-presets       list the built-in presets`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      channel: { type: "string" },
      preset: { type: "string" },
      mapping: { type: "string" },
      source: { type: "string" },
      "crawled-at": { type: "string" },
      account: { type: "string" },
      db: { type: "string" },
      "report-dir": { type: "string" },
      json: { type: "boolean", default: false },
      "no-nlp": { type: "boolean", default: false },
      "list-presets": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values["list-presets"]) {
    for (const p of PRESETS) console.log(`${p.name.padEnd(24)} ${p.channel.padEnd(8)} ${p.description ?? ""}`);
    return 0;
  }
  const file = positionals[0];
  const channel = values.channel as Channel | undefined;
  if (!file || !channel) return usageError("a file and --channel are required");
  if (!CHANNELS.includes(channel)) return usageError(`--channel must be one of ${CHANNELS.join(", ")}`);
  if (values.preset && values.mapping) return usageError("give --preset or --mapping, not both");

  let crawledAt: number | undefined;
  if (values["crawled-at"]) {
    const parsed = parseDateTime(values["crawled-at"], { timeZone: "Asia/Shanghai" });
    if (!parsed.ok) return usageError(`--crawled-at: ${parsed.reason}`);
    crawledAt = parsed.value;
  }

  try {
    const mapping = values.mapping ? parseMapping(readJson(values.mapping), values.mapping) : undefined;
    const db = openDatabase(values.db);
    const summary = await ingestFile({
      db, file, channel, preset: values.preset, mapping, source: values.source, crawledAt, account: values.account,
      reportDir: values["report-dir"], onProgress: terminalProgress(),
    });
    // The first rejected rows, as file:line: field: reason, so the message names them without opening the rejects file.
    const firstRejects = db.$client
      .prepare("SELECT line, reason FROM import_rejects WHERE import_run_id = ? AND severity = 'error' ORDER BY id LIMIT 5")
      .all(summary.importRunId) as { line: number; reason: string }[];
    const nlp = values["no-nlp"] ? null : runNlpPass(db, { importRunId: summary.importRunId });
    // Items stored but never analysed: an import killed before or during its NLP pass leaves them, and its re-run
    // finds them unchanged (still the old run's items), so without this they would never be analysed. Also catches
    // up items of an earlier --no-nlp import.
    const unanalysed = nlp && db.$client.prepare("SELECT 1 FROM items i LEFT JOIN item_nlp n ON n.item_id = i.id WHERE n.item_id IS NULL LIMIT 1").get();
    const caughtUp = unanalysed ? runNlpPass(db, { missingOnly: true }) : null;
    // The pages read rollups and the search index; bring them up to date now rather than on the first page view.
    refreshDerived(db);
    db.$client.close();
    printSummary(summary, nlp, values.json ?? false, firstRejects, caughtUp?.analysed ?? 0);
    return 0;
  } catch (e) {
    if (e instanceof UnreadableFileError || (e instanceof Error && /invalid mapping|mapping file/.test(e.message))) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: cannot read mapping file: ${(e as Error).message}`);
  }
}

function printSummary(s: IngestSummary, nlp: NlpPassResult | null, json: boolean, firstRejects: { line: number; reason: string }[] = [], nlpCaughtUp = 0): void {
  const lines = [
    `${s.file} → import run ${s.importRunId} (preset ${s.preset}, source ${s.source}, ${s.encoding})`,
    `read ${s.read}, inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}, warnings ${s.warnings} in ${s.seconds.toFixed(1)} s`,
  ];
  const name = path.basename(s.file);
  for (const r of firstRejects) lines.push(`  rejected ${name}:${r.line}: ${r.reason}`);
  if (s.rejected > firstRejects.length && firstRejects.length) lines.push(`  … ${s.rejected - firstRejects.length} more rejected rows`);
  if (s.rejectsFile) lines.push(`rejects and warnings: ${s.rejectsFile}`);
  const unmatched = Object.entries(s.unmatchedUnits);
  if (unmatched.length) {
    lines.push(`unit names not in the department catalogue (add an alias): ${unmatched.slice(0, 15).map(([n, c]) => `${n} (${c})`).join(", ")}${unmatched.length > 15 ? ` … ${unmatched.length - 15} more in the report` : ""}`);
  }
  for (const w of s.calendarWarnings) lines.push(`warning: ${w.message}`);
  lines.push(`report: ${s.reportFile}`);
  if (nlp) lines.push(describeNlpPass(nlp));
  if (nlpCaughtUp) lines.push(`NLP: also analysed ${nlpCaughtUp} earlier items that had never been analysed (an interrupted or --no-nlp import)`);
  // With --json the human lines go to stderr so stdout's last line is the JSON summary.
  const out = json ? console.error : console.log;
  for (const l of lines) out(l);
  if (json) {
    const { read, inserted, updated, unchanged, rejected, rejectsFile } = s;
    console.log(JSON.stringify({ read, inserted, updated, unchanged, rejected, rejectsFile, warnings: s.warnings, importRunId: s.importRunId, seconds: s.seconds, nlp, nlpCaughtUp }));
  }
}

function usageError(message: string): number {
  console.error(`error: ${message}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
