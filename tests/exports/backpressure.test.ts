// The response writer installed for remix-serve: it reads the body only as fast as the response takes it, and
// cancels the body (releasing an export's snapshot) when the client goes away.
import { createRequire } from "node:module";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { installBackpressure, writeReadableStreamToWritable } from "../../app/lib/http-backpressure.server";

/** A body of `n` 16 KB chunks that counts how many were pulled and whether it was cancelled. */
function body(n: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === n) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(16 * 1024));
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 1 });
  return { stream, state };
}

/** A response whose client takes a chunk only when `take()` is called. */
function slowClient() {
  const pending: (() => void)[] = [];
  let received = 0;
  const sink = new Writable({
    highWaterMark: 32 * 1024,
    write(chunk: Buffer, _enc, done) {
      received += chunk.length;
      pending.push(done);
    },
  });
  return { sink, take: () => pending.shift()?.(), received: () => received };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe("response backpressure", () => {
  it("reads the next chunk only when the client has taken the previous ones", async () => {
    const { stream, state } = body(1000);
    const client = slowClient();
    const done = writeReadableStreamToWritable(stream, client.sink);
    await tick();
    // A stalled client: a few chunks in the response's buffer, the rest not even produced.
    expect(state.pulled).toBeLessThan(6);
    for (let i = 0; i < 20; i++) {
      client.take();
      await tick();
    }
    expect(state.pulled).toBeLessThan(30);
    expect(state.pulled).toBeGreaterThan(5);
    client.sink.destroy();
    await done;
    expect(state.cancelled).toBe(true);
  });

  it("copies everything to a client that keeps up, then ends the response", async () => {
    const { stream, state } = body(50);
    let received = 0;
    const sink = new Writable({ write: (c: Buffer, _e, cb) => { received += c.length; setImmediate(cb); } });
    const finished = new Promise((r) => sink.on("finish", r));
    await writeReadableStreamToWritable(stream, sink);
    await finished;
    expect(state.pulled).toBe(50);
    expect(received).toBe(50 * 16 * 1024);
  });

  it("is what @remix-run/node hands the express adapter", () => {
    expect(installBackpressure()).toBe(true);
    const node = createRequire(import.meta.url)("@remix-run/node") as { writeReadableStreamToWritable: unknown };
    expect(node.writeReadableStreamToWritable).toBe(writeReadableStreamToWritable);
  });
});
