// The trained sentiment model's configuration: the same classifier as routing, with the sentiment analyser
// (punctuation, negations and emoticons kept) and one NB-scaled SVM. Chosen by 5-fold cross-validation on
// the SMP2020-EWECT COVID-19 training split only (docs/nlp.md).
import { DEFAULT_FEATURES } from "./features";
import type { ClassifierConfig } from "./text-classifier";

export const DEFAULT_SENTIMENT_CLASSIFIER: ClassifierConfig = {
  analyzer: "sentiment",
  features: { ...DEFAULT_FEATURES, wordPairs: true, charMin: 1, charMax: 3, minDf: 2 },
  members: [{ c: 0.15, nbSmoothing: 0.1, balanced: true, tolerance: 0.1, maxEpochs: 50 }],
  confidenceScale: 3,
};
