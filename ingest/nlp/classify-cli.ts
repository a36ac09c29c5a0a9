// npm run classify -- [--db PATH] [--missing-only] [--json]: runs the NLP pass over stored items with the
// active models (or the cold-start rules and the lexicon when there are none).
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { refreshRollups } from "../../db/metrics/rollups";
import { describeNlpPass, runNlpPass } from "./nlp-pass";

const usage = `usage: npm run classify -- [--db PATH] [--missing-only] [--json]
  Routes every item (department, topic, confidence, terms), scores sentiment and finds places, personal data and
  placeholder replies. --missing-only analyses only items never analysed (e.g. after ingest --no-nlp).`;

let values;
try {
  ({ values } = parseArgs({ options: { db: { type: "string" }, "missing-only": { type: "boolean", default: false }, json: { type: "boolean", default: false }, help: { type: "boolean", default: false } } }));
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
} else {
  const db = openDatabase(values.db);
  const pass = runNlpPass(db, { missingOnly: values["missing-only"] });
  refreshRollups(db);
  db.$client.close();
  (values.json ? console.error : console.log)(describeNlpPass(pass));
  if (values.json) console.log(JSON.stringify(pass));
}
