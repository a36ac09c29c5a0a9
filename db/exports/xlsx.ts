// XLSX with exceljs' streaming WorkbookWriter: rows are committed to the zip as they are read, so memory stays
// flat. One data sheet (frozen, bold header row with filters, column widths, dates as real Excel dates,
// rates as numbers with a % format), continued on further sheets past Excel's 1,048,576 rows, plus a 说明 / About
// sheet with the table's notes (period, filters, cut-off, row count).
//
// Backpressure: exceljs writes each sheet into a buffer that ignores its consumer's pace, so after every batch of
// rows the writer waits until that buffer has drained into the zip, and the zip only moves as fast as the
// consumer of the returned stream reads.
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { StreamOptions } from "./csv";
import { type Cell, type CellType, type ExportTable } from "./table";
import { SHANGHAI_OFFSET_MS } from "../time";

/** Excel's limit: 1,048,576 rows per sheet, one of them the header. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
/** Excel's limit on the characters in one cell. */
const EXCEL_MAX_CELL_CHARS = 32_767;
/** Characters XML 1.0 does not allow (a stray one in citizen text would make Excel refuse the file). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const BATCH_ROWS = 200;
const SINK_LIMIT_BYTES = 1 << 20;

const NUM_FMT: Record<CellType, string | undefined> = {
  text: undefined,
  integer: "#,##0",
  decimal: "0.0",
  percent: "0.0%",
  datetime: "yyyy-mm-dd hh:mm",
};

export interface XlsxOptions extends StreamOptions {
  /** Data rows per sheet before continuing on the next (default and maximum: Excel's 1,048,575). */
  maxRowsPerSheet?: number;
  /** Name of the notes sheet (default "说明"). */
  notesSheetName?: string;
}

export interface XlsxResult {
  rows: number;
  sheets: string[];
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string, part = 1): string {
  const suffix = part > 1 ? ` (${part})` : "";
  return name.replace(/[:\\/?*[\]]/g, "_").slice(0, 31 - suffix.length) + suffix;
}

function cellValue(value: Cell, type: CellType): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    // Excel dates carry no time zone: write the Shanghai wall-clock time.
    return type === "datetime" ? new Date(value + SHANGHAI_OFFSET_MS) : value;
  }
  let text = value.replace(XML_INVALID, "");
  if (text.length > EXCEL_MAX_CELL_CHARS) text = text.slice(0, EXCEL_MAX_CELL_CHARS - 1) + "…";
  return text;
}

/** A stream from the readable-stream package (archiver's): its buffered byte counts live in its internal states. */
interface SheetSink {
  once(event: "drain", listener: () => void): unknown;
  destroyed?: boolean;
  _writableState?: { length: number };
  _readableState?: { length: number };
}

/**
 * The buffer exceljs writes a sheet into before the zip reads it: the PassThrough archiver wraps each entry's
 * source in (internal to exceljs 4 / archiver 5; undefined if that changes, and tests/exports checks it).
 */
export function sheetBuffer(sheet: ExcelJS.Worksheet): SheetSink | undefined {
  const pipe = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as SheetSink | undefined;
  return pipe && typeof pipe.once === "function" && typeof pipe._writableState?.length === "number" ? pipe : undefined;
}

/** Bytes waiting in the sheet buffer (written by exceljs, not yet taken by the zip). */
const buffered = (sink: SheetSink) => (sink._writableState?.length ?? 0) + (sink._readableState?.length ?? 0);

async function drained(sink: SheetSink | undefined, signal?: AbortSignal): Promise<void> {
  if (!sink || sink.destroyed) return;
  while (buffered(sink) > SINK_LIMIT_BYTES && !sink.destroyed) {
    await once(sink as unknown as NodeJS.EventEmitter, "drain", signal ? { signal } : undefined);
  }
}

/** Writes the table as an XLSX file into `out` (ended when done). */
export async function writeXlsx(table: ExportTable, out: Writable, options: XlsxOptions = {}): Promise<XlsxResult> {
  const perSheet = Math.max(1, Math.min(options.maxRowsPerSheet ?? EXCEL_MAX_DATA_ROWS, EXCEL_MAX_DATA_ROWS));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Minyi";
  const columns = table.columns;
  // One style object per column, shared by all its cells: exceljs then finds each cell's style id by identity.
  const styles = columns.map((c) => (NUM_FMT[c.type] ? { numFmt: NUM_FMT[c.type] } : {}) as Partial<ExcelJS.Style>);
  const headerStyle: Partial<ExcelJS.Style> = {
    font: { bold: true },
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF4" } },
    alignment: { vertical: "middle" },
  };
  const lastColumn = columnLetter(columns.length);
  const sheets: string[] = [];
  let sheet: ExcelJS.Worksheet | undefined;
  let sink: SheetSink | undefined;
  let inSheet = 0;
  let rows = 0;

  const openSheet = () => {
    const name = sheetName(table.sheetName, sheets.length + 1);
    sheets.push(name);
    sheet = workbook.addWorksheet(name, {
      views: [{ state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
      autoFilter: `A1:${lastColumn}1`,
    } as Partial<ExcelJS.AddWorksheetOptions>);
    sheet.columns = columns.map((c, i) => ({ key: String(i), width: c.width ?? 12 }));
    const header = sheet.addRow(columns.map((c) => c.header));
    header.eachCell((cell) => (cell.style = headerStyle));
    header.commit();
    sink = sheetBuffer(sheet);
    inSheet = 0;
  };

  try {
    openSheet();
    for (;;) {
      if (options.signal?.aborted) throw new Error("export aborted");
      let done = false;
      for (let b = 0; b < BATCH_ROWS; b++) {
        const next = table.rows.next();
        if (next.done) {
          done = true;
          break;
        }
        if (inSheet === perSheet) {
          sheet!.commit();
          await drained(sink, options.signal);
          openSheet();
        }
        const row = sheet!.addRow(next.value.map((v, i) => cellValue(v, columns[i].type)));
        for (let i = 0; i < columns.length; i++) row.getCell(i + 1).style = styles[i];
        row.commit();
        inSheet++;
        rows++;
      }
      options.onProgress?.(rows);
      if (done) break;
      await drained(sink, options.signal);
    }
    sheet!.commit();
    const notes = table.notes?.() ?? [];
    if (notes.length) {
      const about = workbook.addWorksheet(sheetName(options.notesSheetName ?? "说明"));
      about.columns = [{ key: "k", width: 16 }, { key: "v", width: 80 }];
      for (const [k, v] of notes) {
        const row = about.addRow([k, v]);
        row.getCell(1).style = { font: { bold: true } };
        row.commit();
      }
      about.commit();
    }
  } finally {
    table.close?.();
  }
  await workbook.commit();
  return { rows, sheets };
}

/** 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The table as an XLSX byte stream, produced only as fast as it is read. */
export function xlsxStream(table: ExportTable, options: XlsxOptions = {}): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  const abort = new AbortController();
  options.signal?.addEventListener("abort", () => abort.abort(), { once: true });
  writeXlsx(table, out, { ...options, signal: abort.signal }).catch((e: unknown) => out.destroy(e as Error));
  const chunks = out[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else {
          const chunk = next.value as Buffer;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        }
      },
      async cancel() {
        abort.abort();
        await chunks.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
