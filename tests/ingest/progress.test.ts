import { describe, expect, it } from "vitest";
import { terminalProgress } from "../../ingest/progress";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

describe("progress bar", () => {
  it("is silent when not on a terminal", () => {
    expect(terminalProgress(fakeStream(false).stream)).toBeUndefined();
  });

  it("shows rows, rows/s and an ETA from bytes read, and ends with a newline", () => {
    const { stream, writes } = fakeStream(true);
    const progress = terminalProgress(stream)!;
    progress({ rows: 50_000, bytesRead: 250, totalBytes: 1000, elapsedMs: 1000 });
    expect(writes[0]).toMatch(/25%\s+50,000 rows\s+50,000 rows\/s\s+ETA 3s/);
    progress({ rows: 200_000, bytesRead: 1000, totalBytes: 1000, elapsedMs: 4000 });
    expect(writes.at(-2)).toMatch(/100%\s+200,000 rows/);
    expect(writes.at(-1)).toBe("\n");
  });
});
