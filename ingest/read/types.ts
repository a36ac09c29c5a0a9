// What every reader (CSV, XLSX, JSON, JSONL) produces: records with their 1-based line in the file.
import fs from "node:fs";

export interface SourceRecord {
  /** 1-based physical line (CSV/JSONL), row number (XLSX) or array index + 1 (JSON) where the record starts. */
  line: number;
  /** Column name → cell text. Missing cells of a short row are absent; empty cells are "". */
  values: Record<string, string>;
  /** The same cells in header order, when the reader has them so (CSV): the mapper reads them by position. */
  cells?: string[];
  /** The original row as text, for rejects and the item's raw copy. */
  raw: string;
  /** Cells beyond the header (a long ragged row). */
  extra?: string[];
  /** A structural problem the reader found (e.g. unbalanced quote); the row is rejected with it. */
  problem?: { field?: string; reason: string };
}

export interface RecordSource {
  format: "csv" | "xlsx" | "json" | "jsonl";
  encoding: string;
  headers: string[];
  /** Batches of records in file order. */
  batches: AsyncIterable<SourceRecord[]>;
  /** Bytes consumed so far, for progress and ETA. */
  bytesRead(): number;
  totalBytes: number;
  /** SHA-256 of the file once fully read, when the reader computes it on the way (CSV, JSONL). */
  sha256?(): string | undefined;
}

/** A file that cannot be read at all (not a per-row problem). The CLI exits non-zero with this message. */
export class UnreadableFileError extends Error {
  constructor(
    public readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "UnreadableFileError";
  }
}

/** Stats a file a reader is about to open; a missing file or a folder is an UnreadableFileError. */
export async function statReadableFile(file: string): Promise<fs.Stats> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (e) {
    throw new UnreadableFileError(file, `cannot open file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (!stat.isFile()) throw new UnreadableFileError(file, "not a regular file");
  return stat;
}
