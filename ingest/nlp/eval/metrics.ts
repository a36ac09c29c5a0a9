// Classification measures: accuracy, macro-F1, per-class precision / recall / F1 and the confusion matrix.

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassScores>;
  /** confusion[t][p]: items of true class t predicted as p, in `classes` order. */
  confusion: number[][];
  classes: string[];
}

export function classificationReport(truth: string[], predicted: string[], classes?: string[]): ClassificationReport {
  const names = classes ?? [...new Set(truth)].sort();
  const at = new Map(names.map((c, i) => [c, i]));
  const confusion = names.map(() => names.map(() => 0));
  let correct = 0;
  truth.forEach((t, i) => {
    const ti = at.get(t);
    const pi = at.get(predicted[i]);
    if (predicted[i] === t) correct++;
    if (ti !== undefined && pi !== undefined) confusion[ti][pi]++;
  });
  const perClass: Record<string, ClassScores> = {};
  let f1Sum = 0;
  names.forEach((name, k) => {
    const tp = confusion[k][k];
    const support = confusion[k].reduce((a, b) => a + b, 0);
    const predictedK = confusion.reduce((a, row) => a + row[k], 0);
    const precision = predictedK ? tp / predictedK : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[name] = { precision, recall, f1, support };
    f1Sum += f1;
  });
  return { accuracy: truth.length ? correct / truth.length : 0, macroF1: names.length ? f1Sum / names.length : 0, perClass, confusion, classes: names };
}

/** Stratified k folds: fold index per item, each class spread evenly, shuffled with a fixed seed. */
export function stratifiedFolds(labels: string[], k: number, seed = 42): Int32Array {
  const fold = new Int32Array(labels.length);
  const byClass = new Map<string, number[]>();
  labels.forEach((label, i) => byClass.set(label, [...(byClass.get(label) ?? []), i]));
  let rng = seed >>> 0 || 1;
  let next = 0;
  for (const label of [...byClass.keys()].sort()) {
    const members = byClass.get(label)!;
    for (let i = members.length - 1; i > 0; i--) {
      rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0;
      const j = rng % (i + 1);
      [members[i], members[j]] = [members[j], members[i]];
    }
    // Continue the round-robin across classes so fold sizes stay balanced too.
    for (const i of members) fold[i] = next++ % k;
  }
  return fold;
}
