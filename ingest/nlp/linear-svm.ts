// One-vs-rest linear SVM (L2-regularised, squared hinge loss) trained by dual coordinate descent
// (Hsieh et al., ICML 2008, the algorithm behind LIBLINEAR / scikit-learn's LinearSVC). It touches only the
// non-zero features of each row, so a few thousand letters train in well under a second.
import type { SparseMatrix, SparseVector } from "./sparse";
import { trainOneVsRestParallel } from "./parallel-svm";

export interface SvmOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Stop when the projected-gradient spread falls below this. */
  tolerance: number;
  maxEpochs: number;
  /** Weight of the implicit constant feature (the intercept). */
  bias: number;
  /** Up-weight rare classes' positive examples (C × n / (k × n_class)). */
  balanced: boolean;
  /**
   * NB-SVM (Wang & Manning 2012): scale each feature by its log-count ratio between the class and the rest
   * before training that class's SVM; the scale is folded into the weights, so prediction costs nothing extra.
   * 0 turns it off; the value is the smoothing count α.
   */
  nbSmoothing: number;
  seed: number;
}

export const DEFAULT_SVM: SvmOptions = { c: 0.5, tolerance: 0.01, maxEpochs: 200, bias: 1, balanced: false, nbSmoothing: 0, seed: 1 };

export interface LinearModel {
  classes: number;
  features: number;
  /**
   * features × classes, feature-major: a text's features are few and scattered, so keeping each feature's
   * class weights side by side makes scoring all classes one cache line per feature instead of one per class.
   */
  weights: Float32Array;
  intercepts: Float32Array;
}

export function trainOneVsRest(x: SparseMatrix, labels: Int32Array, classes: number, options: Partial<SvmOptions> = {}): LinearModel {
  const opts = { ...DEFAULT_SVM, ...options };
  if (x.rows * classes >= PARALLEL_FROM) {
    const parallel = trainOneVsRestParallel(x, labels, classes, opts);
    if (parallel) return parallel;
  }
  const weights = new Float32Array(classes * x.columns);
  const intercepts = new Float32Array(classes);
  for (let k = 0; k < classes; k++) trainClass(x, labels, classes, opts, k, weights, intercepts);
  return { classes, features: x.columns, weights, intercepts };
}

/** Below this many rows × classes one thread finishes before a second would have started. */
const PARALLEL_FROM = 10_000;

/**
 * Trains class k's binary problem and writes its weights (feature-major) and intercept. Each class depends only
 * on the data, so any thread may train any class and the model is the same.
 */
export function trainClass(x: SparseMatrix, labels: Int32Array, classes: number, opts: SvmOptions, k: number, weights: Float32Array, intercepts: Float32Array): void {
  let count = 0;
  for (const label of labels) if (label === k) count++;
  const positiveC = opts.balanced && count > 0 ? (opts.c * x.rows) / (classes * count) : opts.c;
  const scale = opts.nbSmoothing > 0 ? logCountRatios(x, labels, k, opts.nbSmoothing) : null;
  const { w, b } = trainBinary(x, labels, k, positiveC, opts.c, opts, scale);
  if (scale) for (let f = 0; f < w.length; f++) w[f] *= scale[f];
  for (let f = 0; f < x.columns; f++) weights[f * classes + k] = w[f];
  intercepts[k] = b;
}

/** log((p / |p|₁) / (q / |q|₁)) per feature, p and q the smoothed feature sums of the class and of the rest. */
function logCountRatios(x: SparseMatrix, labels: Int32Array, positive: number, alpha: number): Float32Array {
  const p = new Float64Array(x.columns).fill(alpha);
  const q = new Float64Array(x.columns).fill(alpha);
  for (let i = 0; i < x.rows; i++) {
    const sums = labels[i] === positive ? p : q;
    for (let at = x.rowStart[i]; at < x.rowStart[i + 1]; at++) sums[x.indices[at]] += x.values[at];
  }
  let pTotal = 0;
  let qTotal = 0;
  for (let f = 0; f < x.columns; f++) {
    pTotal += p[f];
    qTotal += q[f];
  }
  const r = new Float32Array(x.columns);
  for (let f = 0; f < x.columns; f++) r[f] = Math.abs(Math.log(p[f] / pTotal / (q[f] / qTotal)));
  return r;
}

/** One binary problem by dual coordinate descent (random order each epoch). */
function trainBinary(x: SparseMatrix, labels: Int32Array, positive: number, positiveC: number, negativeC: number, opts: SvmOptions, scale: Float32Array | null) {
  const n = x.rows;
  const w = new Float64Array(x.columns);
  let b = 0;
  const alpha = new Float64Array(n);
  const y = new Int8Array(n);
  const diag = new Float64Array(n); // 1 / (2C): the squared-hinge term of the dual
  const qii = new Float64Array(n);
  const { rowStart, indices } = x;
  // The NB scale applied once, so the inner loops read one array instead of two.
  const values = scale ? Float32Array.from(x.values, (v, p) => v * scale[indices[p]]) : x.values;
  for (let i = 0; i < n; i++) {
    y[i] = labels[i] === positive ? 1 : -1;
    diag[i] = 0.5 / (y[i] === 1 ? positiveC : negativeC);
    let sq = opts.bias * opts.bias;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) sq += values[p] * values[p];
    qii[i] = sq + diag[i];
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let rng = opts.seed >>> 0 || 1;
  for (let epoch = 0; epoch < opts.maxEpochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      rng = (Math.imul(rng, 1664525) + 1013904223) >>> 0;
      const j = rng % (i + 1);
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (const i of order) {
      let dot = b * opts.bias;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) dot += w[indices[p]] * values[p];
      const g = y[i] * dot - 1 + diag[i] * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(g, 0) : g;
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const old = alpha[i];
      alpha[i] = Math.max(old - g / qii[i], 0);
      const d = (alpha[i] - old) * y[i];
      if (d === 0) continue;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) w[indices[p]] += d * values[p];
      b += d * opts.bias;
    }
    if (maxPg - minPg < opts.tolerance) break;
  }
  return { w: Float32Array.from(w), b: b * opts.bias };
}

/** Decision values, one per class. */
export function decisionScores(model: LinearModel, v: SparseVector, out = new Float64Array(model.classes)): Float64Array {
  const classes = model.classes;
  for (let k = 0; k < classes; k++) out[k] = model.intercepts[k];
  for (let i = 0; i < v.indices.length; i++) {
    const at = v.indices[i] * classes;
    const value = v.values[i];
    for (let k = 0; k < classes; k++) out[k] += model.weights[at + k] * value;
  }
  return out;
}
