// The production text classifier: TF-IDF over words and character 1–3-grams, and the sum of two one-vs-rest
// linear SVMs (one on NB-scaled features, one plain). A sum of linear models is one linear model, so the
// ensemble is folded into a single weight matrix and predicting costs one sparse dot product per class.
import { DEFAULT_FEATURES, fitFeatureSpace, nameFeatures, vectorize, type AnalyzedText, type FeatureConfig, type FeatureSpace } from "./features";
import { decisionScores, trainOneVsRest, type LinearModel, type SvmOptions } from "./linear-svm";
import type { AnalyzerName } from "./analyze";
import { stackRows, type SparseVector } from "./sparse";

export interface ClassifierConfig {
  /** How texts are cut into words and characters (stored with the model, so prediction cuts the same way). */
  analyzer: AnalyzerName;
  /** Only the first this many characters are read (title first): the topic is stated early, and cost grows with length. 0 = all. */
  maxChars?: number;
  features: FeatureConfig;
  /** Each member is trained on the same features; their weights are summed. */
  members: Partial<SvmOptions>[];
  /** From this many training texts on, train `largeMembers` instead (cheaper; more data narrows the gap). */
  largeFrom?: number;
  largeMembers?: Partial<SvmOptions>[];
  /** Softmax temperature turning decision values into a confidence in [0, 1]. */
  confidenceScale: number;
}

/**
 * Chosen by 5-fold cross-validation on the labelled Teddy Cup letters (docs/nlp.md has the measurements):
 * word pairs and 4-grams did not help; NB scaling plus a plain SVM beat either alone on every fold seed tried.
 */
export const DEFAULT_CLASSIFIER: ClassifierConfig = {
  analyzer: "topic",
  features: { ...DEFAULT_FEATURES, wordPairs: false, charMin: 1, charMax: 3, minDf: 2 },
  members: [
    { c: 0.5, nbSmoothing: 0.1, balanced: true, tolerance: 0.1, maxEpochs: 50 },
    { c: 1, nbSmoothing: 0, balanced: true, tolerance: 0.1, maxEpochs: 50 },
  ],
  // The NB-scaled member keeps most examples as support vectors, so it trains about 4× slower than the plain
  // one: 27 against 7 s on 10,000 demo work orders (23 departments), for +0.4 points of macro-F1 on the next
  // 6,000 (0.717 against 0.714). Above 5,000 texts the plain SVM alone keeps training within seconds.
  largeFrom: 5000,
  largeMembers: [{ c: 1, nbSmoothing: 0, balanced: true, tolerance: 0.1, maxEpochs: 50 }],
  confidenceScale: 3,
};

export interface TextClassifier {
  classes: string[];
  config: ClassifierConfig;
  space: FeatureSpace;
  model: LinearModel;
}

export interface Prediction {
  label: string;
  classIndex: number;
  confidence: number;
}

export function trainClassifier(texts: AnalyzedText[], labels: string[], config: ClassifierConfig = DEFAULT_CLASSIFIER): TextClassifier {
  if (texts.length !== labels.length) throw new Error("texts and labels differ in length");
  const classes = [...new Set(labels)].sort();
  if (classes.length < 2) throw new Error(`need at least two classes to train, got ${classes.length}`);
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const space = fitFeatureSpace(texts, config.features);
  const x = stackRows(texts.map((t) => vectorize(space, t)), space.size);
  const y = Int32Array.from(labels, (l) => classOf.get(l)!);
  const members = config.largeMembers && texts.length >= (config.largeFrom ?? Infinity) ? config.largeMembers : config.members;
  const models = members.map((member) => trainOneVsRest(x, y, classes.length, member));
  const model = models.reduce((sum, m) => {
    for (let i = 0; i < sum.weights.length; i++) sum.weights[i] += m.weights[i];
    for (let k = 0; k < sum.intercepts.length; k++) sum.intercepts[k] += m.intercepts[k];
    return sum;
  });
  return { classes, config, space, model };
}

/** Decision values per class (higher is more likely). */
export function scoreText(classifier: TextClassifier, text: AnalyzedText): Float64Array {
  return decisionScores(classifier.model, vectorize(classifier.space, text));
}

export function predict(classifier: TextClassifier, text: AnalyzedText): Prediction {
  return predictionFromScores(classifier, scoreText(classifier, text));
}

export function predictionFromScores(classifier: TextClassifier, scores: Float64Array): Prediction {
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k] > scores[best]) best = k;
  const scale = classifier.config.confidenceScale;
  let total = 0;
  for (let k = 0; k < scores.length; k++) total += Math.exp(scale * (scores[k] - scores[best]));
  return { label: classifier.classes[best], classIndex: best, confidence: 1 / total };
}

/** The prediction and the terms behind it, vectorising the text once. */
export function predictAndExplain(classifier: TextClassifier, text: AnalyzedText, top = 5): Prediction & { terms: [string, number][] } {
  const v = vectorize(classifier.space, text);
  const prediction = predictionFromScores(classifier, decisionScores(classifier.model, v));
  return { ...prediction, terms: explainVector(classifier, text, v, prediction.classIndex, top).map((t) => [t.term, t.weight]) };
}

/** The terms that pushed the text towards `classIndex` most: feature value × class weight, largest first. */
export function explain(classifier: TextClassifier, text: AnalyzedText, classIndex: number, top = 5): { term: string; weight: number }[] {
  return explainVector(classifier, text, vectorize(classifier.space, text), classIndex, top);
}

function explainVector(classifier: TextClassifier, text: AnalyzedText, v: SparseVector, classIndex: number, top: number): { term: string; weight: number }[] {
  const classes = classifier.model.classes;
  const contributions: { feature: number; weight: number }[] = [];
  for (let k = 0; k < v.indices.length; k++) {
    const weight = v.values[k] * classifier.model.weights[v.indices[k] * classes + classIndex];
    if (weight > 0) contributions.push({ feature: v.indices[k], weight });
  }
  contributions.sort((a, b) => b.weight - a.weight);
  // Character n-grams inside a word already listed add nothing for a reader; take a few spares to skip them.
  const candidates = contributions.slice(0, top * 3);
  const names = nameFeatures(classifier.space, text, new Set(candidates.map((c) => c.feature)));
  const out: { term: string; weight: number }[] = [];
  for (const c of candidates) {
    const term = names.get(c.feature);
    if (!term || out.some((o) => o.term.includes(term))) continue;
    out.push({ term, weight: Math.round(c.weight * 1000) / 1000 });
    if (out.length === top) break;
  }
  return out;
}
