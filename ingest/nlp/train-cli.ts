// npm run train -- [--db PATH] [--sentiment FILE[,FILE]] [--min-per-class N] [--no-classify] [--json]
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { refreshRollups } from "../../db/metrics/rollups";
import { UnreadableFileError } from "../read/types";
import { readLabelledFile } from "./eval/labelled-file";
import { describeNlpPass, runNlpPass } from "./nlp-pass";
import { sentimentOfLabel } from "./sentiment-labels";
import { trainRoutingModel, trainSentimentModel, type TrainedModelSummary } from "./train";

const usage = `usage: npm run train -- [--db PATH] [--sentiment FILE[,FILE]] [--min-per-class N] [--no-classify] [--json]
  Trains the department and topic models from the items that carry a department / topic given by the source or
  corrected by a person, stores them with a version, and re-classifies every item (a person's or the source's
  label always wins over a prediction). With --sentiment, also trains the sentiment model from your labelled
  file(s) (columns content + label: negative / neutral / positive, or angry / sad / fear / happy / neutral / surprise).`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        db: { type: "string" }, sentiment: { type: "string" }, "min-per-class": { type: "string" },
        "no-classify": { type: "boolean", default: false }, json: { type: "boolean", default: false }, help: { type: "boolean", default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const log = (line: string) => (values.json ? console.error(line) : console.log(line));
  const db = openDatabase(values.db);
  try {
    const models: TrainedModelSummary[] = [];
    const minPerClass = values["min-per-class"] ? Number(values["min-per-class"]) : undefined;
    for (const field of ["department", "topic"] as const) {
      const summary = trainRoutingModel(db, field, { minPerClass });
      models.push(summary);
      log(describe(summary));
    }
    if (values.sentiment) {
      const set = { texts: [] as string[], labels: [] as string[] };
      for (const file of values.sentiment.split(",")) {
        const data = await readLabelledFile(file);
        data.texts.forEach((t, i) => {
          const label = sentimentOfLabel(data.labels[i]);
          if (label) {
            set.texts.push(t);
            set.labels.push(label);
          }
        });
      }
      const summary = trainSentimentModel(db, set);
      models.push(summary);
      log(describe(summary));
    }
    const pass = values["no-classify"] ? null : runNlpPass(db);
    if (pass) log(describeNlpPass(pass));
    if (values.json) console.log(JSON.stringify({ models, classified: pass }));
    return 0;
  } catch (e) {
    if (e instanceof UnreadableFileError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    refreshRollups(db);
    db.$client.close();
  }
}

function describe(s: TrainedModelSummary): string {
  if (s.skipped) return `${s.kind}: no model trained (${s.skipped}); cold-start ${s.kind === "sentiment" ? "lexicon" : "keyword rules"} stay in use`;
  const check = s.holdout ? `; held-out 10 %: accuracy ${s.holdout.accuracy.toFixed(3)}, macro-F1 ${s.holdout.macroF1.toFixed(3)}` : "";
  return `${s.kind}: model ${s.version} on ${s.trainedItems} items in ${s.classes} classes, trained in ${s.trainSeconds.toFixed(1)} s (${((s.sizeBytes ?? 0) / 1e6).toFixed(1)} MB)${check}`;
}

process.exitCode = await main();
