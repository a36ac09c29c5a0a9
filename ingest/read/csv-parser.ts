// Incremental RFC 4180 CSV parser over string chunks. Tracks the physical line where each row starts,
// tolerates ragged rows, and recovers from an unbalanced quote by rejecting only the row it starts in.

export interface CsvRow {
  line: number;
  cells: string[];
  raw: string;
  problem?: string;
}

/** A quoted field longer than this is taken as an unbalanced quote rather than buffering the whole file. */
const MAX_QUOTED_FIELD = 16 * 1024 * 1024;

const DELIMS = /[,\r\n]/g;

export class CsvParser {
  private buf = "";
  private line = 1;

  constructor(private readonly delimiter = ",") {
    if (delimiter !== ",") throw new Error("only comma-separated files are supported");
  }

  /** Feeds a chunk; returns the rows completed by it. */
  push(chunk: string): CsvRow[] {
    this.buf = this.buf.length ? this.buf + chunk : chunk;
    return this.drain(false);
  }

  /** Flushes the last row at end of input. */
  end(): CsvRow[] {
    return this.drain(true);
  }

  private drain(final: boolean): CsvRow[] {
    const rows: CsvRow[] = [];
    const buf = this.buf;
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      const start = pos;
      const startLine = this.line;
      const cells: string[] = [];
      let newlinesInside = 0;
      let complete = false;
      let problem: string | undefined;
      // Parse one record starting at `start`.
      for (;;) {
        if (pos < n && buf.charCodeAt(pos) === 34 /* " */) {
          // Quoted field.
          let value = "";
          let q = pos + 1;
          let closed = false;
          for (;;) {
            const next = buf.indexOf('"', q);
            if (next === -1) break;
            if (buf.charCodeAt(next + 1) === 34) {
              value += buf.slice(q, next + 1);
              q = next + 2;
              continue;
            }
            if (next + 1 >= n && !final) break; // cannot tell yet whether "" follows
            value += buf.slice(q, next);
            q = next + 1;
            closed = true;
            break;
          }
          // A quote that closes a multi-line field but is followed by text (not a delimiter) was really the
          // opening quote of a later field: the field that started here was never closed.
          let swallowed = false;
          if (closed && q < n && !isDelimiter(buf.charCodeAt(q)) && value.includes("\n")) {
            closed = false;
            swallowed = true;
          }
          if (!closed) {
            const tooLong = n - pos > MAX_QUOTED_FIELD;
            if (!final && !tooLong && !swallowed) return this.keep(rows, start, startLine);
            // Unbalanced quote: reject the physical line it starts on and resume after it.
            const eol = findLineEnd(buf, start);
            const rawLine = buf.slice(start, eol);
            rows.push({ line: startLine, cells: [rawLine], raw: rawLine, problem: `unbalanced quote: a field opened with " at line ${startLine} is never closed` });
            pos = skipNewline(buf, eol);
            this.line = startLine + 1;
            complete = true;
            problem = "skip";
            break;
          }
          newlinesInside += countNewlines(value);
          // Text after the closing quote up to the delimiter is kept literally (lenient).
          DELIMS.lastIndex = q;
          const m = DELIMS.exec(buf);
          const stop = m ? m.index : n;
          if (stop > q) value += buf.slice(q, stop);
          cells.push(value);
          pos = stop;
        } else {
          DELIMS.lastIndex = pos;
          const m = DELIMS.exec(buf);
          const stop = m ? m.index : n;
          cells.push(buf.slice(pos, stop));
          pos = stop;
        }
        if (pos >= n) {
          if (!final) return this.keep(rows, start, startLine);
          complete = true;
          break;
        }
        const c = buf.charCodeAt(pos);
        if (c === 44 /* , */) {
          pos++;
          if (pos >= n && !final) return this.keep(rows, start, startLine);
          if (pos >= n) {
            cells.push("");
            complete = true;
            break;
          }
          continue;
        }
        // \r or \n ends the record.
        if (c === 13 && pos + 1 >= n && !final) return this.keep(rows, start, startLine);
        pos = skipNewline(buf, pos);
        complete = true;
        break;
      }
      if (problem === "skip") continue;
      if (complete) {
        const raw = trimNewline(buf.slice(start, pos));
        this.line = startLine + newlinesInside + 1;
        if (cells.length === 1 && cells[0] === "" && raw.length === 0) continue; // blank line
        rows.push(problem ? { line: startLine, cells, raw, problem } : { line: startLine, cells, raw });
      }
    }
    this.buf = "";
    return rows;
  }

  private keep(rows: CsvRow[], start: number, startLine: number): CsvRow[] {
    this.buf = this.buf.slice(start);
    this.line = startLine;
    return rows;
  }
}

function isDelimiter(c: number): boolean {
  return c === 44 || c === 10 || c === 13;
}

function findLineEnd(buf: string, from: number): number {
  const nl = buf.indexOf("\n", from);
  const cr = buf.indexOf("\r", from);
  if (nl === -1) return cr === -1 ? buf.length : cr;
  return cr === -1 ? nl : Math.min(nl, cr);
}

function skipNewline(buf: string, pos: number): number {
  if (pos >= buf.length) return pos;
  if (buf.charCodeAt(pos) === 13) return buf.charCodeAt(pos + 1) === 10 ? pos + 2 : pos + 1;
  if (buf.charCodeAt(pos) === 10) return pos + 1;
  return pos;
}

function trimNewline(s: string): string {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c === 10 || c === 13) end--;
    else break;
  }
  return end === s.length ? s : s.slice(0, end);
}

function countNewlines(s: string): number {
  let count = 0;
  for (let i = s.indexOf("\n"); i !== -1; i = s.indexOf("\n", i + 1)) count++;
  // Lone \r (old Mac line ends) also starts a physical line.
  for (let i = s.indexOf("\r"); i !== -1; i = s.indexOf("\r", i + 1)) if (s.charCodeAt(i + 1) !== 10) count++;
  return count;
}
