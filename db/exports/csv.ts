// CSV for Excel and for machines: RFC 4180 (fields with a quote, comma or line break are quoted, quotes doubled,
// CRLF line ends), UTF-8 with a byte-order mark so Excel opens Chinese text correctly, and a guard against
// formula injection: a text cell starting with = + - @ (or a tab / carriage return) gets a leading apostrophe,
// so a citizen's "=HYPERLINK(…)" stays text when a staff member opens the file.
//
// The stream is pull-based: a chunk of rows is read and encoded only when the consumer asks for more, so the
// memory used does not depend on the number of rows.
import { shanghaiMinute, type Cell, type CellType, type ExportColumn, type ExportTable } from "./table";

export const UTF8_BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Rounds to at most `digits` decimals and drops trailing zeros: 85.2700001 → "85.27", 3 → "3". */
function decimal(n: number, digits: number): string {
  const f = 10 ** digits;
  return String(Math.round(n * f) / f);
}

/** One cell as CSV text (quoted when needed). */
export function csvField(value: Cell, type: CellType = "text"): string {
  if (value === null || value === undefined || value === "") return "";
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    text = type === "datetime" ? shanghaiMinute(value) : type === "percent" ? `${decimal(value * 100, 2)}%` : type === "decimal" ? decimal(value, 2) : String(value);
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value;
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: Cell[], columns: ExportColumn[]): string {
  let line = "";
  for (let i = 0; i < columns.length; i++) line += (i ? "," : "") + csvField(cells[i] ?? null, columns[i].type);
  return line + "\r\n";
}

export interface StreamOptions {
  /** Stop producing (and release the table) when this aborts: the client went away. */
  signal?: AbortSignal;
  /** Approximate characters per chunk (default 64 K). */
  chunkChars?: number;
  /** Called after each chunk is produced with the rows so far (benchmarks sample memory here). */
  onProgress?: (rows: number) => void;
}

/** The table as a UTF-8 CSV byte stream with BOM and a header row. */
export function csvStream(table: ExportTable, options: StreamOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunkChars = options.chunkChars ?? 65_536;
  const header = table.columns.map((c) => csvField(c.header, "text")).join(",") + "\r\n";
  let started = false;
  let rows = 0;
  let closed = false;
  const release = () => {
    if (closed) return;
    closed = true;
    table.close?.();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        options.signal?.addEventListener("abort", () => {
          release();
          try {
            controller.error(new Error("export aborted"));
          } catch {
            // already closed
          }
        }, { once: true });
      },
      pull(controller) {
        if (closed) return;
        let text = started ? "" : UTF8_BOM + header;
        started = true;
        try {
          while (text.length < chunkChars) {
            const next = table.rows.next();
            if (next.done) {
              if (text) controller.enqueue(encoder.encode(text));
              release();
              controller.close();
              options.onProgress?.(rows);
              return;
            }
            text += csvLine(next.value, table.columns);
            rows++;
          }
        } catch (e) {
          release();
          throw e;
        }
        controller.enqueue(encoder.encode(text));
        options.onProgress?.(rows);
      },
      cancel() {
        release();
      },
    },
    { highWaterMark: 1 },
  );
}
