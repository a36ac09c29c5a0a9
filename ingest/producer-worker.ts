// Worker-thread entry: runs produce() and posts its messages, packed, at most one batch ahead of the writer.
import { parentPort, workerData } from "node:worker_threads";
import { ITEM_FIELD_COLUMNS } from "../db/ingest-store";
import { packBatch } from "./prepared-codec";
import { produce, type ProduceRequest } from "./producer";
import type { WorkerMessage } from "./producer-client";

const port = parentPort!;
const VALUE_COUNT = Object.keys(ITEM_FIELD_COLUMNS).length;
// One batch ahead of the writer: enough to overlap the two threads, and it bounds what the worker holds.
let credits = 1;
let wake: (() => void) | null = null;
port.on("message", (m: { type: "more" }) => {
  if (m.type !== "more") return;
  credits++;
  wake?.();
  wake = null;
});

const post = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function run(): Promise<void> {
  try {
    for await (const message of produce(workerData as ProduceRequest)) {
      if (message.type !== "batch") {
        post(message);
        continue;
      }
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      const { batch, transfer } = packBatch(message.records, VALUE_COUNT);
      post({ type: "packed", batch, bytesRead: message.bytesRead }, transfer);
    }
    post({ type: "done" });
  } catch (e) {
    const err = e as Error & { file?: string };
    post({ type: "error", name: err.name, message: err.message, file: err.file, stack: err.stack });
  }
}

void run();
