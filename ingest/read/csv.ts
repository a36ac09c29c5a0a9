// CSV file → RecordSource: header row, records keyed by column name, in batches.
import { CsvParser, type CsvRow } from "./csv-parser";
import { openTextStream } from "./text";
import type { TextEncodingName } from "./encoding";
import { UnreadableFileError, type RecordSource, type SourceRecord } from "./types";

export interface CsvOptions {
  encoding?: TextEncodingName;
  batchSize?: number;
}

export async function openCsv(file: string, options: CsvOptions = {}): Promise<RecordSource> {
  const text = await openTextStream(file, options.encoding);
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
  const headers = uniqueHeaders(headerRow.cells);

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    let out: SourceRecord[] = [];
    const emit = (rows: CsvRow[]) => {
      for (const row of rows) out.push(toRecord(row, headers));
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
  problem?: { reason: string };
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
