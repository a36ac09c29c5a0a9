// Train-and-test and k-fold cross-validation of the text classifier, with timings and the natural baseline.
import { analyzeText } from "../analyze";
import type { AnalyzedText } from "../features";
import { sharedSegmenter } from "../segment";
import { DEFAULT_CLASSIFIER, predict, trainClassifier, type ClassifierConfig } from "../text-classifier";
import { classificationReport, stratifiedFolds, type ClassificationReport } from "./metrics";
import { NaturalBayesBaseline } from "./natural-baseline";

export interface LabelledSet {
  texts: string[];
  labels: string[];
}

export interface EvaluationResult {
  report: ClassificationReport;
  /** Training time per model, text analysis (segmentation) included; the mean over folds for CV. */
  trainSeconds: number;
  /** Items classified per second from raw text, segmentation included. */
  itemsPerSecond: number;
  trainItems: number;
  testItems: number;
  folds: number | null;
  /** Accuracy by confidence band: how far the review threshold can trust the confidence. */
  calibration: { from: number; to: number; items: number; accuracy: number }[];
  baseline: { name: string; accuracy: number; macroF1: number; trainSeconds: number } | null;
}

export interface EvaluateOptions {
  config?: ClassifierConfig;
  baseline?: boolean;
  seed?: number;
}

interface FoldOutcome {
  predicted: Map<number, string>;
  confidence: Map<number, number>;
  baselinePredicted: Map<number, string>;
  trainMs: number;
  baselineMs: number;
  classifyMs: number;
}

const CONFIDENCE_BANDS: [number, number][] = [[0, 0.3], [0.3, 0.5], [0.5, 0.7], [0.7, 0.9], [0.9, 1]];

export function trainAndTest(train: LabelledSet, test: LabelledSet, options: EvaluateOptions = {}): EvaluationResult {
  const all = { texts: [...train.texts, ...test.texts], labels: [...train.labels, ...test.labels] };
  const trainIdx = train.texts.map((_, i) => i);
  const testIdx = test.texts.map((_, i) => train.texts.length + i);
  const outcome = runFold(all, trainIdx, testIdx, options);
  return summarise(all.labels, testIdx, [outcome], train.texts.length, null, options);
}

export function crossValidate(data: LabelledSet, folds: number, options: EvaluateOptions = {}): EvaluationResult {
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`--cv needs an integer ≥ 2, got ${folds}`);
  const foldOf = stratifiedFolds(data.labels, folds, options.seed ?? 42);
  const outcomes: FoldOutcome[] = [];
  for (let f = 0; f < folds; f++) {
    const trainIdx = data.texts.map((_, i) => i).filter((i) => foldOf[i] !== f);
    const testIdx = data.texts.map((_, i) => i).filter((i) => foldOf[i] === f);
    outcomes.push(runFold(data, trainIdx, testIdx, options));
  }
  const all = data.texts.map((_, i) => i);
  return summarise(data.labels, all, outcomes, Math.round((data.texts.length * (folds - 1)) / folds), folds, options);
}

function runFold(data: LabelledSet, trainIdx: number[], testIdx: number[], options: EvaluateOptions): FoldOutcome {
  const segmenter = sharedSegmenter();
  const config = options.config ?? DEFAULT_CLASSIFIER;
  let t = performance.now();
  const analyzed: AnalyzedText[] = trainIdx.map((i) => analyzeText(data.texts[i], config.analyzer, segmenter));
  const classifier = trainClassifier(analyzed, trainIdx.map((i) => data.labels[i]), config);
  const trainMs = performance.now() - t;

  t = performance.now();
  const predicted = new Map<number, string>();
  const confidence = new Map<number, number>();
  for (const i of testIdx) {
    const p = predict(classifier, analyzeText(data.texts[i], config.analyzer, segmenter));
    predicted.set(i, p.label);
    confidence.set(i, p.confidence);
  }
  const classifyMs = performance.now() - t;

  const baselinePredicted = new Map<number, string>();
  let baselineMs = 0;
  if (options.baseline !== false) {
    t = performance.now();
    const bayes = new NaturalBayesBaseline();
    trainIdx.forEach((i, k) => bayes.add(analyzed[k].words, data.labels[i]));
    baselineMs = performance.now() - t;
    for (const i of testIdx) baselinePredicted.set(i, bayes.classify(analyzeText(data.texts[i], config.analyzer, segmenter).words));
  }
  return { predicted, confidence, baselinePredicted, trainMs, baselineMs, classifyMs };
}

function summarise(labels: string[], order: number[], outcomes: FoldOutcome[], trainItems: number, folds: number | null, options: EvaluateOptions): EvaluationResult {
  const truth = order.map((i) => labels[i]);
  const merged = new Map<number, string>();
  const confidence = new Map<number, number>();
  const mergedBaseline = new Map<number, string>();
  for (const o of outcomes) {
    o.predicted.forEach((v, k) => merged.set(k, v));
    o.confidence.forEach((v, k) => confidence.set(k, v));
    o.baselinePredicted.forEach((v, k) => mergedBaseline.set(k, v));
  }
  const classes = [...new Set(labels)].sort();
  const report = classificationReport(truth, order.map((i) => merged.get(i)!), classes);
  const classifyMs = outcomes.reduce((a, o) => a + o.classifyMs, 0);
  const mean = (f: (o: FoldOutcome) => number) => outcomes.reduce((a, o) => a + f(o), 0) / outcomes.length / 1000;
  let baseline: EvaluationResult["baseline"] = null;
  if (options.baseline !== false) {
    const b = classificationReport(truth, order.map((i) => mergedBaseline.get(i)!), classes);
    baseline = { name: "natural BayesClassifier (sparse, jieba words)", accuracy: b.accuracy, macroF1: b.macroF1, trainSeconds: mean((o) => o.baselineMs) };
  }
  return {
    report, trainSeconds: mean((o) => o.trainMs), itemsPerSecond: order.length / (classifyMs / 1000),
    trainItems, testItems: order.length, folds, baseline,
    calibration: CONFIDENCE_BANDS.map(([from, to]) => {
      const inBand = order.filter((i) => confidence.get(i)! >= from && (confidence.get(i)! < to || to === 1));
      const correct = inBand.filter((i) => merged.get(i) === labels[i]).length;
      return { from, to, items: inBand.length, accuracy: inBand.length ? correct / inBand.length : 0 };
    }),
  };
}
