// CSV file → RecordSource: header row, records keyed by column name, in batches.
import { CsvParser, type CsvRow } from "./csv-parser";
import { INVALID_LINE_MARK, openTextStream } from "./text";
import type { TextEncodingName } from "./encoding";
import { UnreadableFileError, type RecordSource, type SourceRecord } from "./types";

export interface CsvOptions {
  encoding?: TextEncodingName;
  batchSize?: number;
}

export async function openCsv(file: string, options: CsvOptions = {}): Promise<RecordSource> {
  const text = await openTextStream(file, options.encoding, { recoverInvalidLines: true });
  const batchSize = options.batchSize ?? 5000;
  const iterator = text.chunks[Symbol.asyncIterator]();
  const parser = new CsvParser();
  let pending: CsvRow[] = [];
  let done = false;

  // Read until the header row is complete.
  while (pending.length === 0 && !done) {
    const next = await iterator.next();
    if (next.done) {
      pending = parser.end();
      done = true;
    } else pending = parser.push(next.value);
  }
  if (pending.length === 0) throw new UnreadableFileError(file, "the file is empty: no header row");
  const headerRow = pending.shift()!;
  if (headerRow.problem) throw new UnreadableFileError(file, `line ${headerRow.line}: header row is malformed (${headerRow.problem})`);
  if (headerRow.raw.includes(INVALID_LINE_MARK)) {
    throw new UnreadableFileError(file, `line ${headerRow.line}: the header row has bytes that are not valid ${text.encoding}; convert the file to UTF-8 and import again`);
  }
  const headers = uniqueHeaders(headerRow.cells);
  const encoding = text.encoding;

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    let out: SourceRecord[] = [];
    const emit = (rows: CsvRow[]) => {
      // Lines with bytes not valid in the encoding are marked by the text stream (rare: checked only once seen).
      if (text.invalidLines() > 0) for (const row of rows) out.push(row.raw.includes(INVALID_LINE_MARK) ? invalidRecord(row, headers, encoding) : toRecord(row, headers));
      else for (const row of rows) out.push(toRecord(row, headers));
    };
    emit(pending);
    pending = [];
    while (!done) {
      if (out.length >= batchSize) {
        yield out;
        out = [];
      }
      const next = await iterator.next();
      if (next.done) {
        emit(parser.end());
        done = true;
      } else emit(parser.push(next.value));
    }
    for (let i = 0; i < out.length; i += batchSize) yield out.slice(i, i + batchSize);
  }

  return { format: "csv", encoding: text.encoding, headers, batches: batches(), bytesRead: text.bytesRead, totalBytes: text.totalBytes, sha256: text.sha256 };
}

/** A CSV row: cells in header order, with `values` (by column name) built only if something asks for it. */
class CsvRecord implements SourceRecord {
  extra?: string[];
  problem?: { field?: string; reason: string };
  private byName: Record<string, string> | undefined;

  constructor(
    readonly line: number,
    readonly cells: string[],
    readonly raw: string,
    private readonly headers: string[],
  ) {}

  get values(): Record<string, string> {
    if (!this.byName) {
      const values: Record<string, string> = {};
      const n = Math.min(this.cells.length, this.headers.length);
      for (let i = 0; i < n; i++) values[this.headers[i]] = this.cells[i];
      this.byName = values;
    }
    return this.byName;
  }
}

function toRecord(row: CsvRow, headers: string[]): SourceRecord {
  const record = new CsvRecord(row.line, row.cells, row.raw, headers);
  if (row.cells.length > headers.length) record.extra = row.cells.slice(headers.length);
  if (row.problem) record.problem = { reason: row.problem };
  return record;
}

/** A row holding bytes that are not valid in the file's encoding: rejected, naming the first column they are in. */
function invalidRecord(row: CsvRow, headers: string[], encoding: string): SourceRecord {
  const strip = (s: string) => s.split(INVALID_LINE_MARK).join("");
  const cells = row.cells.map(strip);
  const record = new CsvRecord(row.line, cells, strip(row.raw), headers);
  const column = cells.findIndex((c) => c.includes("\uFFFD"));
  const field = column === -1 ? "(row)" : (headers[column] ?? `column_${column + 1}`);
  record.problem = {
    field,
    reason: `bytes that are not valid ${encoding} (shown as \uFFFD): the file mixes encodings; convert this row to ${encoding} and import the file again`,
  };
  return record;
}

export function uniqueHeaders(cells: string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((c, i) => {
    let name = c.replace(/^\uFEFF/, "").trim() || `column_${i + 1}`;
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    if (count > 0) name = `${name}_${count + 1}`;
    return name;
  });
}
