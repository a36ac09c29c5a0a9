// Opens any supported file as a RecordSource, choosing the reader by the mapping's format or the extension.
import path from "node:path";
import { openCsv } from "./csv";
import type { TextEncodingName } from "./encoding";
import { UnreadableFileError, type RecordSource } from "./types";

export type FileFormat = RecordSource["format"];

export interface OpenOptions {
  format?: FileFormat;
  encoding?: TextEncodingName;
  sheet?: string;
  jsonPath?: string;
  batchSize?: number;
}

export function formatFromExtension(file: string): FileFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt" || ext === ".tsv") return "csv";
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".json") return "json";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  return null;
}

export async function openRecords(file: string, options: OpenOptions = {}): Promise<RecordSource> {
  const format = options.format ?? formatFromExtension(file);
  switch (format) {
    case "csv":
      return openCsv(file, { encoding: options.encoding, batchSize: options.batchSize });
    case "xlsx": {
      const { openXlsx } = await import("./xlsx");
      return openXlsx(file, { sheet: options.sheet, batchSize: options.batchSize });
    }
    case "json":
    case "jsonl": {
      const { openJson } = await import("./json");
      return openJson(file, { format, encoding: options.encoding, jsonPath: options.jsonPath, batchSize: options.batchSize });
    }
    default:
      throw new UnreadableFileError(file, `unknown file type "${path.extname(file)}": use .csv, .xlsx, .json or .jsonl, or set "format" in the mapping`);
  }
}
