// Child process for tests/robustness/large-file.test.ts: runs the import's read side (ingest/producer.ts) over a
// file under a small heap cap and prints one JSON line: record count, rejects and warnings (line, field,
// reason), lines out of order, peak RSS and the time taken.
import { produce } from "../../../ingest/producer";

const file = process.argv[2];
let records = 0;
let lastLine = 0;
let outOfOrder = 0;
let peakRss = process.memoryUsage().rss;
const rejects: { line: number; field: string; reason: string }[] = [];
const warnings: { line: number; field: string; reason: string }[] = [];
const started = Date.now();
for await (const m of produce({ file, channel: "hotline", preset: "minyi-hotline", catalogue: { departments: [], topics: [] } })) {
  if (m.type !== "batch") continue;
  for (const r of m.records) {
    records++;
    if (r[1] <= lastLine) outOfOrder++;
    lastLine = r[1];
    if (r[0] === 0) rejects.push({ line: r[1], field: r[3][0]?.field ?? "", reason: r[3][0]?.reason ?? "" });
    else if (r[0] === 1 && r[6]) for (const p of r[6]) if (p.severity === "warning") warnings.push({ line: r[1], field: p.field, reason: p.reason });
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
console.log(JSON.stringify({ records, outOfOrder, rejects, warnings, peakRss, ms: Date.now() - started }));
