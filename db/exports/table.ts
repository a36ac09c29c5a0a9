// The shape every export is written from: a sheet name, typed columns and a stream of rows. The CSV and XLSX
// writers (csv.ts, xlsx.ts) render any table; items.ts and rankings.ts build the tables. Rows are pulled one at
// a time from an iterator, so a table of a million items is never held in memory.
import { SHANGHAI_OFFSET_MS } from "../time";

/**
 * - text: a string, written as text (never a formula);
 * - integer / decimal: a number (decimal: shown with one decimal in Excel, up to two in CSV);
 * - percent: a rate 0–1 (Excel: a number with a % format; CSV: "85.27%");
 * - datetime: a UTC instant in epoch ms, shown as Asia/Shanghai wall-clock time "YYYY-MM-DD HH:mm".
 */
export type CellType = "text" | "integer" | "decimal" | "percent" | "datetime";
export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  type: CellType;
  /** Excel column width in characters (a CJK character counts about two). */
  width?: number;
}

export interface ExportTable {
  /** Sheet name (Excel allows 31 characters; longer names are cut). */
  sheetName: string;
  columns: ExportColumn[];
  /** Each row's cells in column order. Iterated once. */
  rows: Iterator<Cell[]>;
  /** Label / value pairs describing the export (period, filters, cut-off…), written as an extra sheet in Excel. Read after the rows. */
  notes?: () => [string, string | number][];
  /** Releases what the rows hold (a database connection); called once, when the rows are done or the download stops. */
  close?: () => void;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * An instant as Asia/Shanghai wall-clock time, "YYYY-MM-DD HH:mm" (Asia/Shanghai is a fixed UTC+8). Integer
 * arithmetic (days → civil date, H. Hinnant's algorithm) instead of Date#toISOString: an export formats millions.
 */
export function shanghaiMinute(ms: number): string {
  const minutes = Math.floor((ms + SHANGHAI_OFFSET_MS) / 60_000);
  const days = Math.floor(minutes / 1440);
  const inDay = minutes - days * 1440;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const year = y >= 0 && y <= 9999 ? String(y).padStart(4, "0") : String(y);
  return `${year}-${pad2(m)}-${pad2(d)} ${pad2(Math.floor(inDay / 60))}:${pad2(inDay % 60)}`;
}

/** A table over an array (the ranking tables: a few hundred rows computed by db/metrics). */
export function tableFromArray(sheetName: string, columns: ExportColumn[], rows: Cell[][], notes?: ExportTable["notes"]): ExportTable {
  return { sheetName, columns, rows: rows[Symbol.iterator](), notes };
}
