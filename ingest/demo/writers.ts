// Streaming CSV writer: RFC 4180 quoting, UTF-8, "\n" line ends, chunked writes that respect backpressure.
import fs from "node:fs";
import { once } from "node:events";

export type Cell = string | number | boolean | null | undefined;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "boolean" ? (v ? "True" : "False") : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export class CsvWriter {
  private stream: fs.WriteStream;
  private buf: string[] = [];
  private bufLen = 0;
  rows = 0;

  constructor(
    readonly path: string,
    headers: readonly string[],
    private readonly chunkChars = 64 * 1024,
  ) {
    this.stream = fs.createWriteStream(path, { encoding: "utf8" });
    this.push(headers.map(csvCell).join(",") + "\n");
  }

  private push(line: string): void {
    this.buf.push(line);
    this.bufLen += line.length;
  }

  /** Adds a row; flushes a chunk (and waits for 'drain' if needed) once the buffer is large. */
  async row(cells: readonly Cell[]): Promise<void> {
    this.push(cells.map(csvCell).join(",") + "\n");
    this.rows++;
    if (this.bufLen >= this.chunkChars) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buf.length === 0) return;
    const chunk = this.buf.join("");
    this.buf = [];
    this.bufLen = 0;
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(() => resolve());
    });
  }
}
