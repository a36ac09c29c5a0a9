// Trains the routing models from labelled items in the database (a person's correction, else the source's
// department / topic) and, when given, a sentiment model from a labelled file; stores each with a version.
import type { Db } from "../../db/client";
import { loadTrainingItems, saveModel, type ModelKind, type RoutingField } from "../../db/queries/nlp";
import { analyzeText } from "./analyze";
import { classificationReport, stratifiedFolds } from "./eval/metrics";
import type { LabelledSet } from "./eval/evaluate";
import { MODEL_FORMAT_VERSION, serializeClassifier } from "./model-file";
import { modelVersion } from "./nlp-pass";
import { DEFAULT_SENTIMENT_CLASSIFIER } from "./sentiment-model";
import { DEFAULT_CLASSIFIER, predict, trainClassifier, type ClassifierConfig } from "./text-classifier";

export interface TrainOptions {
  /** Classes with fewer labelled items are left out (their items are still classified, into other classes). */
  minPerClass?: number;
  /** Fewer labelled items than this: no model, the cold-start rules keep routing. */
  minItems?: number;
}

export interface TrainedModelSummary {
  kind: ModelKind;
  version: string | null;
  /** Why no model was trained. */
  skipped?: string;
  trainedItems: number;
  classes: number;
  trainSeconds: number;
  /** Held-out check: trained on 90 %, scored on the other 10 % (stratified), before the final fit on all. */
  holdout?: { accuracy: number; macroF1: number; items: number };
  sizeBytes?: number;
}

export function trainRoutingModel(db: Db, field: RoutingField, options: TrainOptions = {}): TrainedModelSummary {
  const rows = loadTrainingItems(db, field);
  const set: LabelledSet = { texts: rows.map((r) => [r.title, r.body].filter(Boolean).join("\n")), labels: rows.map((r) => String(r.label)) };
  return trainAndStore(db, field, keepTrainable(set, options.minPerClass ?? 5), DEFAULT_CLASSIFIER, options.minItems ?? 20);
}

export function trainSentimentModel(db: Db, set: LabelledSet): TrainedModelSummary {
  return trainAndStore(db, "sentiment", set, DEFAULT_SENTIMENT_CLASSIFIER, 20);
}

function keepTrainable(set: LabelledSet, minPerClass: number): LabelledSet {
  const counts = new Map<string, number>();
  set.labels.forEach((l) => counts.set(l, (counts.get(l) ?? 0) + 1));
  const out: LabelledSet = { texts: [], labels: [] };
  set.labels.forEach((label, i) => {
    if (counts.get(label)! >= minPerClass && set.texts[i].trim()) {
      out.texts.push(set.texts[i]);
      out.labels.push(label);
    }
  });
  return out;
}

function trainAndStore(db: Db, kind: ModelKind, set: LabelledSet, config: ClassifierConfig, minItems: number): TrainedModelSummary {
  const classes = new Set(set.labels).size;
  const base = { kind, version: null, trainedItems: set.texts.length, classes, trainSeconds: 0 };
  if (set.texts.length < minItems || classes < 2) {
    return { ...base, skipped: `${set.texts.length} labelled items in ${classes} classes (need ≥ ${minItems} items in ≥ 2 classes)` };
  }
  const analysed = set.texts.map((t) => analyzeText(t, config.analyzer));
  const holdout = holdoutScore(analysed, set.labels, config);
  const started = performance.now();
  const classifier = trainClassifier(analysed, set.labels, config);
  const trainSeconds = (performance.now() - started) / 1000;
  const data = serializeClassifier(classifier);
  const version = modelVersion(kind, data);
  saveModel(db, {
    version, kind, formatVersion: MODEL_FORMAT_VERSION, trainedItems: set.texts.length, classes: JSON.stringify(classifier.classes),
    metrics: JSON.stringify({ trainSeconds, holdout }), data,
  });
  return { ...base, version, trainSeconds, holdout, sizeBytes: data.length };
}

function holdoutScore(analysed: ReturnType<typeof analyzeText>[], labels: string[], config: ClassifierConfig) {
  const fold = stratifiedFolds(labels, 10, 7);
  const train = labels.map((_, i) => i).filter((i) => fold[i] !== 0);
  const test = labels.map((_, i) => i).filter((i) => fold[i] === 0);
  if (new Set(train.map((i) => labels[i])).size < 2 || test.length === 0) return undefined;
  const classifier = trainClassifier(train.map((i) => analysed[i]), train.map((i) => labels[i]), config);
  const report = classificationReport(test.map((i) => labels[i]), test.map((i) => predict(classifier, analysed[i]).label), [...new Set(labels)].sort());
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return { accuracy: round(report.accuracy), macroF1: round(report.macroF1), items: test.length };
}
