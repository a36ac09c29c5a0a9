// Runs produce() in a worker thread, so reading, mapping and preparing overlap with the writer's SQLite work
// (the two cost about the same per row). Yields the same messages as produce(), with flow control.
import { Worker } from "node:worker_threads";
import { unpackBatch, type PackedBatch } from "./prepared-codec";
import type { ProduceRequest, ProducerMessage } from "./producer";
import { UnreadableFileError } from "./read/types";
import { workerScript } from "./worker-script";

export type WorkerMessage =
  | Exclude<ProducerMessage, { type: "batch" }>
  | { type: "packed"; batch: PackedBatch; bytesRead: number }
  | { type: "done" }
  | { type: "error"; name: string; message: string; file?: string; stack?: string };

const WORKER_ENTRY = new URL("./producer-worker.ts", import.meta.url);

/** False where the worker cannot be built (e.g. inside a bundled server build): imports then read in-process. */
export function workerAvailable(): boolean {
  return workerScript(WORKER_ENTRY) !== null;
}

export async function* produceInWorker(req: ProduceRequest): AsyncGenerator<ProducerMessage> {
  // The reader holds the batch it reads, the one it packs and one in flight. The heap cap leaves room for the
  // worst legal input (a 16 M-character quoted field, built by concatenation): at 96 MB such a file killed
  // the whole process now and then (V8 gives up with a fatal error, not a catchable worker error).
  const script = workerScript(WORKER_ENTRY);
  if (!script) throw new Error("the import worker is not available here");
  const worker = new Worker(script, { workerData: req, resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 } });
  const queue: WorkerMessage[] = [];
  let notify: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on("message", (m: WorkerMessage) => {
    queue.push(m);
    notify?.();
  });
  worker.on("error", (e) => {
    failure = e;
    notify?.();
  });
  worker.on("exit", (code) => {
    if (code !== 0 && !failure) failure = new Error(`the import worker stopped with code ${code}`);
    notify?.();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (notify = resolve));
        notify = null;
      }
      const m = queue.shift()!;
      if (m.type === "done") return;
      if (m.type === "error") {
        if (m.name === "UnreadableFileError" && m.file) throw new UnreadableFileError(m.file, m.message.slice(m.file.length + 2));
        throw Object.assign(new Error(m.message), { stack: m.stack });
      }
      if (m.type === "packed") {
        worker.postMessage({ type: "more" });
        yield { type: "batch", records: unpackBatch(m.batch), bytesRead: m.bytesRead };
      } else yield m;
    }
  } finally {
    await worker.terminate();
  }
}
