// What every reader (CSV, XLSX, JSON, JSONL) produces: records with their 1-based line in the file.

export interface SourceRecord {
  /** 1-based physical line (CSV/JSONL), row number (XLSX) or array index + 1 (JSON) where the record starts. */
  line: number;
  /** Column name → cell text. Missing cells of a short row are absent; empty cells are "". */
  values: Record<string, string>;
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
