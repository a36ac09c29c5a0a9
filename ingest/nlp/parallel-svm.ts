// One-vs-rest training on two threads: the classes' binary problems are independent, so a helper thread and
// this one take classes from a shared counter until none are left. The data and the weights live in shared
// memory; this thread waits on Atomics (trainOneVsRest stays synchronous for its callers). Each class is
// trained the same way whichever thread takes it, so the model does not depend on the split.
import { Worker } from "node:worker_threads";
import { workerScript } from "../worker-script";
import { trainClass, type LinearModel, type SvmOptions } from "./linear-svm";
import type { SparseMatrix } from "./sparse";

const ENTRY = new URL("./svm-worker.ts", import.meta.url);

/** Shared state: [0] next class to take, then per class 0 = free, 1 = taken, 2 = done here, 3 = done by the helper. */
export interface SharedTraining {
  rowStart: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  labels: Int32Array;
  rows: number;
  columns: number;
  classes: number;
  opts: SvmOptions;
  weights: Float32Array;
  intercepts: Float32Array;
  control: Int32Array;
}

const TAKEN = 1;
const DONE_HERE = 2;
const DONE_BY_HELPER = 3;
/** A class the helper took and has not finished after this long is trained here too (the helper died). */
const STALL_MS = 120_000;

function shared<T extends Int32Array | Float32Array>(make: (b: SharedArrayBuffer) => T, source: T | number): T {
  const length = typeof source === "number" ? source : source.length;
  const out = make(new SharedArrayBuffer(length * 4));
  if (typeof source !== "number") out.set(source);
  return out;
}

export function trainOneVsRestParallel(x: SparseMatrix, labels: Int32Array, classes: number, opts: SvmOptions): (LinearModel & { helperClasses: number }) | null {
  const script = workerScript(ENTRY);
  if (!script) return null;
  const job: SharedTraining = {
    rowStart: shared((b) => new Int32Array(b), x.rowStart),
    indices: shared((b) => new Int32Array(b), x.indices),
    values: shared((b) => new Float32Array(b), x.values),
    labels: shared((b) => new Int32Array(b), labels),
    rows: x.rows, columns: x.columns, classes, opts,
    weights: shared((b) => new Float32Array(b), classes * x.columns),
    intercepts: shared((b) => new Float32Array(b), classes),
    control: shared((b) => new Int32Array(b), 1 + classes),
  };
  const worker = new Worker(script, { workerData: job });
  worker.unref();
  try {
    trainClasses(job, DONE_HERE);
    waitForHelper(job);
  } finally {
    void worker.terminate();
  }
  let helperClasses = 0;
  for (let k = 0; k < classes; k++) if (job.control[1 + k] === DONE_BY_HELPER) helperClasses++;
  return { classes, features: x.columns, weights: Float32Array.from(job.weights), intercepts: Float32Array.from(job.intercepts), helperClasses };
}

/** Takes classes from the shared counter and trains them until none are left (both threads run this). */
export function trainClasses(job: SharedTraining, doneMark = DONE_BY_HELPER): void {
  const x: SparseMatrix = { rows: job.rows, columns: job.columns, rowStart: job.rowStart, indices: job.indices, values: job.values };
  for (;;) {
    const k = Atomics.add(job.control, 0, 1);
    if (k >= job.classes) return;
    Atomics.store(job.control, 1 + k, TAKEN);
    trainClass(x, job.labels, job.classes, job.opts, k, job.weights, job.intercepts);
    Atomics.store(job.control, 1 + k, doneMark);
    Atomics.notify(job.control, 1 + k);
  }
}

function waitForHelper(job: SharedTraining): void {
  const x: SparseMatrix = { rows: job.rows, columns: job.columns, rowStart: job.rowStart, indices: job.indices, values: job.values };
  for (let k = 0; k < job.classes; k++) {
    for (let waited = 0; ; ) {
      const state = Atomics.load(job.control, 1 + k);
      if (state >= DONE_HERE) break;
      if (Atomics.wait(job.control, 1 + k, state, 1000) !== "timed-out") continue;
      waited += 1000;
      if (waited >= STALL_MS) {
        trainClass(x, job.labels, job.classes, job.opts, k, job.weights, job.intercepts);
        break;
      }
    }
  }
}
