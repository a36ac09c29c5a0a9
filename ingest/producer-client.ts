// Runs produce() in a worker thread and exposes its messages as an async generator, with flow control.
import { Worker } from "node:worker_threads";
import type { ProduceRequest, ProducerMessage } from "./producer";
import { UnreadableFileError } from "./read/types";

type WorkerMessage = ProducerMessage | { type: "end" } | { type: "error"; name: string; message: string; file?: string; stack?: string };

export async function* produceInWorker(req: ProduceRequest): AsyncGenerator<ProducerMessage> {
  // The bootstrap registers tsx in the worker, whatever loader the parent process used.
  // A larger young generation: preparing rows makes many short-lived objects.
  const worker = new Worker(new URL("./producer-worker.mjs", import.meta.url), { workerData: req, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  const queue: WorkerMessage[] = [];
  let notify: (() => void) | null = null;
  let failure: Error | null = null;
  worker.on("message", (m: WorkerMessage | string) => {
    queue.push(typeof m === "string" ? (JSON.parse(m) as WorkerMessage) : m);
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
      if (m.type === "end") return;
      if (m.type === "error") {
        if (m.name === "UnreadableFileError" && m.file) throw new UnreadableFileError(m.file, m.message.slice(m.file.length + 2));
        throw Object.assign(new Error(m.message), { stack: m.stack });
      }
      yield m;
      if (m.type === "batch") worker.postMessage({ type: "more" });
    }
  } finally {
    await worker.terminate();
  }
}
