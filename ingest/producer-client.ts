// Runs produce() in a worker thread, so reading, mapping and preparing overlap with the writer's SQLite work
// (the two cost about the same per row). Yields the same messages as produce(), with flow control.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { unpackBatch, type PackedBatch } from "./prepared-codec";
import type { ProduceRequest, ProducerMessage } from "./producer";
import { UnreadableFileError } from "./read/types";

export type WorkerMessage =
  | Exclude<ProducerMessage, { type: "batch" }>
  | { type: "packed"; batch: PackedBatch; bytesRead: number }
  | { type: "done" }
  | { type: "error"; name: string; message: string; file?: string; stack?: string };

const WORKER_ENTRY = new URL("./producer-worker.ts", import.meta.url);
let workerScript: URL | null | undefined;

/**
 * The worker's code as one plain-JavaScript module (bundled with tsx's own esbuild, ~50 ms), written under
 * node_modules/.cache so that its package imports resolve. Running the TypeScript through tsx's loader in the
 * worker instead cost ~80 MB more memory (a second loader thread and its caches). null where the sources are
 * not beside this module (e.g. a bundled server build): imports then read in-process.
 */
export function workerAvailable(): boolean {
  if (workerScript === undefined) workerScript = bundleWorker();
  return workerScript !== null;
}

function bundleWorker(): URL | null {
  if (WORKER_ENTRY.protocol !== "file:" || !fs.existsSync(fileURLToPath(WORKER_ENTRY))) return null;
  try {
    const require = createRequire(import.meta.url);
    const esbuild = require(require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json"))] })) as typeof import("esbuild");
    const built = esbuild.buildSync({
      entryPoints: [fileURLToPath(WORKER_ENTRY)], bundle: true, platform: "node", format: "esm", packages: "external",
      target: "node20", write: false, logLevel: "silent",
    });
    const code = built.outputFiles[0].contents;
    const dir = path.resolve(fileURLToPath(new URL("../node_modules/.cache/minyi", import.meta.url)));
    const file = path.join(dir, `producer-worker-${createHash("sha1").update(code).digest("hex").slice(0, 16)}.mjs`);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dir, { recursive: true });
      // Write then rename, so a concurrent import never starts a half-written file.
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, file);
    }
    return pathToFileURL(file);
  } catch {
    return null;
  }
}

export async function* produceInWorker(req: ProduceRequest): AsyncGenerator<ProducerMessage> {
  // Heap limits keep the reader's memory bounded: it holds at most three batches.
  if (!workerAvailable()) throw new Error("the import worker is not available here");
  const worker = new Worker(workerScript!, { workerData: req, resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } });
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
