import { describe, expect, it } from "vitest";
import { classificationReport, stratifiedFolds } from "../../ingest/nlp/eval/metrics";
import { IntTable } from "../../ingest/nlp/int-table";
import { DEFAULT_SVM, decisionScores, trainClass, trainOneVsRest } from "../../ingest/nlp/linear-svm";
import { trainOneVsRestParallel } from "../../ingest/nlp/parallel-svm";
import { stackRows, type SparseVector } from "../../ingest/nlp/sparse";

const vec = (pairs: [number, number][]): SparseVector => ({ indices: Int32Array.from(pairs.map((p) => p[0])), values: Float32Array.from(pairs.map((p) => p[1])) });

describe("IntTable", () => {
  it("stores, finds and grows past its first capacity", () => {
    const t = new IntTable(4);
    for (let i = 1; i <= 5000; i++) t.set(IntTable.key(i * 2654435761), i);
    expect(t.size).toBe(5000);
    expect(t.get(IntTable.key(17 * 2654435761))).toBe(17);
    expect(t.get(IntTable.key(123456789))).toBe(-1);
    t.set(IntTable.key(17 * 2654435761), 99);
    expect(t.get(IntTable.key(17 * 2654435761))).toBe(99);
    expect(t.size).toBe(5000);
  });

  it("never uses 0 as a key", () => {
    expect(IntTable.key(0)).toBe(1);
    expect(IntTable.key(2 ** 32)).toBe(1);
  });
});

describe("one-vs-rest linear SVM", () => {
  // Three classes, each marked by its own feature plus shared noise features.
  const rows: SparseVector[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 60; i++) {
    const k = i % 3;
    rows.push(vec([[k, 1], [3 + (i % 4), 0.5]]));
    labels.push(k);
  }
  const x = stackRows(rows, 7);

  it("separates linearly separable classes", () => {
    const model = trainOneVsRest(x, Int32Array.from(labels), 3, { c: 1 });
    for (let k = 0; k < 3; k++) {
      const s = decisionScores(model, vec([[k, 1], [4, 0.5]]));
      expect(s.indexOf(Math.max(...s))).toBe(k);
    }
  });

  it("NB scaling and class balancing still separate them", () => {
    const model = trainOneVsRest(x, Int32Array.from(labels), 3, { c: 0.5, nbSmoothing: 0.1, balanced: true });
    const s = decisionScores(model, vec([[2, 1]]));
    expect(s.indexOf(Math.max(...s))).toBe(2);
  });
});

describe("classification report", () => {
  it("computes accuracy, per-class scores and macro-F1 by hand", () => {
    const truth = ["a", "a", "a", "b", "b", "c"];
    const pred = ["a", "a", "b", "b", "c", "c"];
    const r = classificationReport(truth, pred);
    expect(r.accuracy).toBeCloseTo(4 / 6);
    expect(r.perClass.a).toEqual({ precision: 1, recall: 2 / 3, f1: 0.8, support: 3 });
    expect(r.perClass.b.precision).toBeCloseTo(0.5);
    expect(r.perClass.c.f1).toBeCloseTo(2 / 3);
    expect(r.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3);
    expect(r.confusion).toEqual([[2, 1, 0], [0, 1, 1], [0, 0, 1]]);
  });

  it("stratified folds spread each class evenly", () => {
    const labels = [...Array(50).fill("x"), ...Array(10).fill("y")];
    const folds = stratifiedFolds(labels, 5);
    for (let f = 0; f < 5; f++) {
      expect(labels.filter((l, i) => l === "y" && folds[i] === f)).toHaveLength(2);
      expect(labels.filter((l, i) => l === "x" && folds[i] === f)).toHaveLength(10);
    }
  });
});

describe("one-vs-rest on two threads", () => {
  it("gives exactly the model one thread gives", () => {
    // 6,000 rows × 10 classes with overlapping features: enough work that the helper thread starts in time.
    const rows: SparseVector[] = [];
    const labels: number[] = [];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
    for (let i = 0; i < 6000; i++) {
      const k = i % 10;
      const features = new Map<number, number>([[k, 0.3 + next()]]);
      for (let j = 0; j < 30; j++) features.set(10 + Math.floor(next() * 400), next());
      rows.push(vec([...features]));
      labels.push(k);
    }
    const x = stackRows(rows, 410);
    const y = Int32Array.from(labels);
    const options = { ...DEFAULT_SVM, c: 0.5, nbSmoothing: 0.1, balanced: true, maxEpochs: 100 };
    const serial = { weights: new Float32Array(10 * 410), intercepts: new Float32Array(10) };
    for (let k = 0; k < 10; k++) trainClass(x, y, 10, options, k, serial.weights, serial.intercepts);
    const parallel = trainOneVsRestParallel(x, y, 10, options);
    expect(parallel).not.toBeNull();
    expect(parallel!.helperClasses).toBeGreaterThan(0);
    expect(Array.from(parallel!.weights)).toEqual(Array.from(serial.weights));
    expect(Array.from(parallel!.intercepts)).toEqual(Array.from(serial.intercepts));
  });
});
