// Worker-thread entry: runs produce() and posts its messages, at most two batches ahead of the writer.
import { parentPort, workerData } from "node:worker_threads";
import { produce, type ProduceRequest } from "./producer";

const port = parentPort!;
let credits = 2;
let wake: (() => void) | null = null;
port.on("message", (m: { type: "more" }) => {
  if (m.type === "more") {
    credits++;
    wake?.();
    wake = null;
  }
});

async function run(): Promise<void> {
  try {
    for await (const message of produce(workerData as ProduceRequest)) {
      if (message.type === "batch") {
        while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
        credits--;
      }
      // One JSON string per batch: cheaper to send and parse than structured-cloning thousands of objects.
      port.postMessage(message.type === "batch" ? JSON.stringify(message) : message);
    }
    port.postMessage({ type: "end" });
  } catch (e) {
    const err = e as Error & { file?: string };
    port.postMessage({ type: "error", name: err.name, message: err.message, file: err.file, stack: err.stack });
  }
}

void run();
