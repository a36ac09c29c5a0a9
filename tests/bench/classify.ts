// npm run bench:classify -- [--json] [--keep-db]
// Loads the demo city (47,600 items) into a fresh database, then measures on one core:
// - training the department model on 10,000 labelled work orders (text analysis included);
// - classification throughput: department and topic predicted from raw text, segmentation included;
// - the whole NLP pass (routing with terms, sentiment, places, personal data, reply quality, database writes).
// With --json the last stdout line is {"trainSeconds10k":…,"classifyItemsPerSecond":…,"nlpPassItemsPerSecond":…}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { loadTrainingItems } from "../../db/queries/nlp";
import { loadDemoData } from "../../ingest/demo/load-demo";
import { analyzeText } from "../../ingest/nlp/analyze";
import { runNlpPass } from "../../ingest/nlp/nlp-pass";
import { predict, trainClassifier } from "../../ingest/nlp/text-classifier";
import { trainRoutingModel } from "../../ingest/nlp/train";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, "keep-db": { type: "boolean", default: false } } });
const log = (line: string) => (values.json ? console.error(line) : console.log(line));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "minyi-bench-classify-"));
const db = openDatabase(path.join(dir, "bench.db"));
await loadDemoData(db, dir, log);

const rows = loadTrainingItems(db, "department");
const texts = rows.map((r) => [r.title, r.body].filter(Boolean).join("\n"));
const labels = rows.map((r) => String(r.label));
log(`${rows.length} items with a department label; mean text length ${Math.round(texts.reduce((a, t) => a + t.length, 0) / texts.length)} characters`);

let t = performance.now();
const first = texts.slice(0, 10_000).map((x) => analyzeText(x));
const classifier10k = trainClassifier(first, labels.slice(0, 10_000));
const trainSeconds10k = (performance.now() - t) / 1000;
log(`trained on 10,000 items in ${trainSeconds10k.toFixed(2)} s (segmentation included), ${classifier10k.classes.length} classes`);

const department = trainRoutingModel(db, "department");
const topic = trainRoutingModel(db, "topic");
log(`full models: department ${department.trainedItems} items in ${department.trainSeconds.toFixed(1)} s, topic ${topic.trainedItems} items in ${topic.trainSeconds.toFixed(1)} s`);

// Throughput from raw text: analyse once, predict with the 10k model (the same cost as any model of this config).
const sample = texts.slice(10_000, 40_000);
t = performance.now();
let checksum = 0;
for (const text of sample) checksum += predict(classifier10k, analyzeText(text)).classIndex;
const classifySeconds = (performance.now() - t) / 1000;
const classifyItemsPerSecond = Math.round(sample.length / classifySeconds);
log(`classified ${sample.length} items in ${classifySeconds.toFixed(2)} s: ${classifyItemsPerSecond} items/s (checksum ${checksum})`);

const pass = runNlpPass(db);
const nlpPassItemsPerSecond = Math.round(pass.analysed / pass.seconds);
log(`NLP pass over ${pass.analysed} items in ${pass.seconds.toFixed(1)} s: ${nlpPassItemsPerSecond} items/s`);

db.$client.close();
if (!values["keep-db"]) fs.rmSync(dir, { recursive: true, force: true });
else log(`database kept: ${dir}`);
const result = {
  trainItems: 10_000, trainSeconds10k: round(trainSeconds10k), classifyItems: sample.length, classifyItemsPerSecond,
  nlpPassItems: pass.analysed, nlpPassItemsPerSecond, departmentModelSeconds: round(department.trainSeconds), topicModelSeconds: round(topic.trainSeconds),
  rssMB: Math.round(process.memoryUsage().rss / 1e5) / 10,
};
console.log(values.json ? JSON.stringify(result) : result);

function round(x: number) {
  return Math.round(x * 100) / 100;
}
