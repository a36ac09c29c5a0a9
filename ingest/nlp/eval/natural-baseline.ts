// The baseline the evaluation reports beside Minyi's model: `natural`'s naive Bayes engine (its sparse mode,
// fed jieba words). natural's own BayesClassifier.train() turns every text into a dense vector over the whole
// vocabulary (minutes for a few thousand letters), and its probabilities underflow to 0 on long letters, so
// this drives the same engine's sparse addExample and reads its counts in log space.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface ApparatusBayes {
  addExample(observation: Record<number, string>, label: string): void;
  classFeatures: Record<string, Record<string, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}

export class NaturalBayesBaseline {
  private readonly engine: ApparatusBayes;

  constructor() {
    const NaturalBayesClassifier = require("natural/lib/natural/classifiers/bayes_classifier.js") as new () => { classifier: ApparatusBayes };
    this.engine = new NaturalBayesClassifier().classifier;
  }

  add(words: string[], label: string): void {
    this.engine.addExample({ ...words }, label);
  }

  classify(words: string[]): string {
    const { classFeatures, classTotals, totalExamples, smoothing } = this.engine;
    let best = "";
    let bestScore = -Infinity;
    for (const label of Object.keys(classFeatures)) {
      let score = Math.log(classTotals[label] / totalExamples);
      for (const word of words) score += Math.log((classFeatures[label][word] || smoothing) / classTotals[label]);
      if (score > bestScore) {
        bestScore = score;
        best = label;
      }
    }
    return best;
  }
}
