// Backpressure for streamed responses under remix-serve. @remix-run/express copies a Response body into Node's
// response with @remix-run/node's writeReadableStreamToWritable, which never waits for the socket: it reads the
// body as fast as the body produces, so a slow download (a 1,000,000-item export over a government VPN) is
// buffered whole in the server's memory (measured: the full 55 MB CSV of 100,000 items within 3 seconds of a
// client reading at 0.6 MB/s). The adapter looks that function up on @remix-run/node's CommonJS exports at every
// response, so replacing it there, once, makes every response (pages too) wait for "drain" before it reads
// more, and stop reading (cancelling the body, which releases an export's database snapshot) when the client
// goes away. Remove this file's import in exports.server.ts if the server ever pipes with backpressure itself.
import { createRequire } from "node:module";

/** The parts of Node's http.ServerResponse (possibly wrapped by the compression middleware) used here. */
export interface ResponseSink {
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  destroy(error?: Error): unknown;
  on(event: "drain" | "close" | "finish" | "error", listener: () => void): unknown;
  removeListener(event: "drain" | "close" | "finish" | "error", listener: () => void): unknown;
  flush?: () => void;
  destroyed?: boolean;
  writableEnded?: boolean;
}

/** Copies `stream` into `writable`, reading the next chunk only once the previous one has been taken. */
export async function writeReadableStreamToWritable(stream: ReadableStream<Uint8Array>, writable: ResponseSink): Promise<void> {
  const reader = stream.getReader();
  let wake: (() => void) | null = null;
  const resume = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  // One listener each for the whole response (the compression middleware moves "drain" listeners onto its gzip
  // stream, where removeListener on the response cannot reach them: so never one per chunk).
  for (const event of ["drain", "close", "finish", "error"] as const) writable.on(event, resume);
  const gone = () => writable.destroyed === true || writable.writableEnded === true;
  try {
    for (;;) {
      if (gone()) {
        await reader.cancel();
        return;
      }
      const { done, value } = await reader.read();
      if (done) {
        writable.end();
        return;
      }
      const ok = writable.write(value);
      if (typeof writable.flush === "function") writable.flush();
      if (!ok && !gone()) await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (error) {
    // The client went away and the body stopped (an export aborted by request.signal): nothing to report.
    if (gone()) return;
    writable.destroy(error as Error);
    throw error;
  } finally {
    for (const event of ["drain", "close", "finish", "error"] as const) writable.removeListener(event, resume);
  }
}

const MARK = Symbol.for("minyi.backpressure");

/** Installs the function above on @remix-run/node's exports (idempotent); false if that module changed shape. */
export function installBackpressure(): boolean {
  const node = createRequire(import.meta.url)("@remix-run/node") as Record<string | symbol, unknown>;
  if (node[MARK]) return true;
  if (typeof node.writeReadableStreamToWritable !== "function") return false;
  node.writeReadableStreamToWritable = writeReadableStreamToWritable;
  node[MARK] = true;
  return true;
}

installBackpressure();
