// XLSX file → RecordSource: streams one worksheet row by row with exceljs' WorkbookReader, so memory stays flat.
//
// Behaviour worth knowing:
// - The first worksheet in workbook (tab) order is read, or the one named by `sheet`.
// - The first row with any non-blank cell is the header; columns start at column A (a blank header cell becomes
//   column_N, duplicates get _2, _3 … as in CSV). Completely blank rows are skipped. `line` is the worksheet row number.
// - Every header column is present in `values` ("" for an empty cell); non-blank cells right of the header go to `extra`.
// - Cell text: rich text concatenated; formulas give their cached result (never the formula text; a workbook
//   saved by a tool that does not store results gives ""); boolean formula results come out as "1"/"0" because
//   the streaming reader does not keep their type; dates/times as "YYYY-MM-DD HH:mm:ss" of the wall-clock time
//   stored in the file (a time-only value gives "HH:mm:ss"); integers in full without exponent (long ids);
//   other numbers rounded to 15 significant digits as Excel shows them; booleans "true"/"false";
//   hyperlinks their display text; error values (#N/A, #DIV/0! …) "".
// - Merged cells: the value is only in the top-left cell of the merged range; the other cells read "".
// - `raw` is JSON of the record's values (header → text), plus "_extra" when the row is longer than the header.
import fs from "node:fs";
import ExcelJS from "exceljs";
import { uniqueHeaders } from "./csv";
import { statReadableFile, UnreadableFileError, type RecordSource, type SourceRecord } from "./types";

export interface XlsxOptions {
  sheet?: string;
  batchSize?: number;
}

type WorksheetReader = InstanceType<typeof ExcelJS.stream.xlsx.WorksheetReader>;
type SheetInfo = { name: string; state?: string };
/** The parts of exceljs' streaming reader that its type declarations leave out. */
interface ReaderInternals {
  model?: { sheets?: SheetInfo[] };
  properties?: { model?: { date1904?: boolean } };
}
interface WorksheetInternals {
  name: string;
  iterator?: unknown;
}
type EntryStream = NodeJS.ReadableStream;
type ParseMethod = (this: unknown, input: unknown, ...rest: unknown[]) => unknown;

const BaseWorkbookReader = ExcelJS.stream.xlsx.WorkbookReader;
const base = BaseWorkbookReader.prototype as unknown as Record<string, ParseMethod>;

/**
 * Two fixes over exceljs 4.4's streaming reader:
 * - It decodes each compressed chunk of XML with a fresh TextDecoder, so a multi-byte UTF-8 character (every
 *   Chinese character) cut by a chunk boundary turns into U+FFFD. We feed it already-decoded strings instead,
 *   which it passes through untouched.
 * - It parses a worksheet on the spot once the shared strings and workbook relationships are known, even if
 *   xl/workbook.xml (sheet names; it then crashes) or xl/styles.xml (date formats; dates come out as numbers)
 *   come later in the ZIP. We hold back the relationships until both were read, so such sheets go through
 *   its temp-file path and are parsed after the whole archive.
 */
class Utf8SafeWorkbookReader extends BaseWorkbookReader {
  private stylesRead = false;
  private parsingSheets = false;

  constructor(input: fs.ReadStream, options: ConstructorParameters<typeof BaseWorkbookReader>[1]) {
    super(input, options);
    let rels: unknown;
    Object.defineProperty(this, "workbookRels", {
      get: () => (this.parsingSheets || ((this as ReaderInternals).model && this.stylesRead) ? rels : undefined),
      set: (value: unknown) => (rels = value),
      configurable: true,
    });
  }
  _parseRels(entry: EntryStream) {
    entry.setEncoding("utf8");
    return base._parseRels.call(this, entry);
  }
  _parseWorkbook(entry: EntryStream) {
    entry.setEncoding("utf8");
    return base._parseWorkbook.call(this, entry);
  }
  _parseSharedStrings(entry: EntryStream) {
    entry.setEncoding("utf8");
    return base._parseSharedStrings.call(this, entry);
  }
  async _parseStyles(entry: EntryStream) {
    entry.setEncoding("utf8");
    await base._parseStyles.call(this, entry);
    this.stylesRead = true;
  }
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    if (!(this as ReaderInternals).model) throw new Error("xl/workbook.xml is missing");
    // Called once the relationships were released, or after the whole archive (e.g. one without styles.xml).
    this.parsingSheets = true;
    const decoded = decodeUtf8(iterator) as AsyncGenerator<string> & { source?: unknown };
    decoded.source = iterator;
    return base._parseWorksheet.call(this, decoded, sheetNo);
  }
}

async function* decodeUtf8(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  for await (const chunk of source) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

export async function openXlsx(file: string, options: XlsxOptions = {}): Promise<RecordSource> {
  const batchSize = options.batchSize ?? 2000;
  const totalBytes = await checkZipFile(file);

  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let finished = false;
  let sheet: WorksheetReader | undefined;
  // exceljs does not pass on some errors (e.g. corrupt compressed data makes the zip parser emit "error" while
  // exceljs waits for the entry to end, forever). Every read below fails as soon as such an error is seen.
  // (Not Promise.race against one pending promise: that keeps every raced result alive, i.e. every row.)
  let failure: { error: unknown } | undefined;
  let rejectPending: ((e: unknown) => void) | undefined;
  const failWith = (e: unknown) => {
    failure ??= { error: e };
    rejectPending?.(e);
  };
  input.on("error", failWith);
  const pipe = input.pipe.bind(input);
  input.pipe = (<T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }) => {
    (dest as unknown as NodeJS.EventEmitter).on("error", failWith);
    holdEarlyEnd(dest as unknown as ZipParser, () => finished);
    return pipe(dest, opts);
  }) as typeof input.pipe;
  const pull = <T>(iterator: AsyncIterator<T>) =>
    new Promise<IteratorResult<T>>((resolve, reject) => {
      if (failure) return reject(failure.error);
      rejectPending = reject;
      iterator.next().then(resolve, reject);
    }).finally(() => (rejectPending = undefined));
  const reader = new Utf8SafeWorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    // Styles are needed to tell dates from numbers (a date is a number with a date format); styles.xml is small.
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  const internals = reader as unknown as ReaderInternals;
  const sheets = reader[Symbol.asyncIterator]();

  const fail = (e: unknown, where: string): never => {
    close();
    if (e instanceof UnreadableFileError) throw e;
    throw new UnreadableFileError(file, `not a valid .xlsx file or damaged (${where}: ${explain(e)})`);
  };
  function close() {
    if (finished) return;
    finished = true;
    void sheets.return(undefined).catch(() => {});
    if (sheet) skipWorksheet(sheet as unknown as WorksheetInternals);
    input.destroy();
  }

  // Find the worksheet.
  const seen: string[] = [];
  try {
    for (;;) {
      const next = await pull(sheets);
      if (next.done) break;
      const ws = next.value as WorksheetReader & WorksheetInternals;
      seen.push(ws.name);
      if (isWanted(ws.name, options.sheet, internals.model?.sheets)) {
        sheet = ws;
        break;
      }
      skipWorksheet(ws);
    }
  } catch (e) {
    fail(e, "reading the workbook");
  }
  if (!sheet) {
    close();
    const names = internals.model?.sheets?.map((s) => s.name) ?? seen;
    if (seen.length === 0) throw new UnreadableFileError(file, "not a valid .xlsx file: no worksheets found");
    if (options.sheet === undefined) throw new UnreadableFileError(file, `the first sheet "${names[0]}" is not a worksheet (a chart?); set "sheet" to one of: ${seen.map((n) => `"${n}"`).join(", ")}`);
    throw new UnreadableFileError(file, `worksheet "${options.sheet}" not found; the workbook has: ${names.map((n) => `"${n}"`).join(", ")}`);
  }
  const sheetName = (sheet as unknown as WorksheetInternals).name;
  const date1904 = internals.properties?.model?.date1904 === true;
  const rows = sheet[Symbol.asyncIterator]();

  // Read until the header row.
  let lastRow = 0;
  let headers: string[] | undefined;
  try {
    for (;;) {
      const next = await pull(rows);
      if (next.done) break;
      lastRow = next.value.number;
      const cells = rowTexts(next.value, date1904);
      if (cells.length > 0) {
        headers = uniqueHeaders(cells);
        break;
      }
    }
  } catch (e) {
    fail(e, `reading worksheet "${sheetName}"`);
  }
  if (!headers) {
    close();
    throw new UnreadableFileError(file, `worksheet "${sheetName}" is empty: no header row`);
  }
  const header = headers;

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    let out: SourceRecord[] = [];
    try {
      for (;;) {
        let next: IteratorResult<ExcelJS.Row>;
        try {
          next = await pull(rows);
        } catch (e) {
          return fail(e, `reading worksheet "${sheetName}" after row ${lastRow}`);
        }
        if (next.done) break;
        lastRow = next.value.number;
        const cells = rowTexts(next.value, date1904);
        if (cells.length === 0) continue;
        out.push(toRecord(next.value.number, cells, header));
        if (out.length >= batchSize) {
          yield out;
          out = [];
        }
      }
      if (out.length) yield out;
      await finish();
    } finally {
      close();
    }
  }

  /** After the sheet: when the whole zip has been read already, let exceljs go through the rest (it removes its temp files). */
  async function finish() {
    if (finished || !input.readableEnded) return;
    try {
      for (;;) {
        const next = await pull(sheets);
        if (next.done) break;
        skipWorksheet(next.value as WorksheetReader & WorksheetInternals);
      }
    } catch {
      // The rows we needed were read; a problem further on does not matter.
    }
    finished = true;
  }

  return {
    format: "xlsx",
    encoding: "utf-8",
    headers: header,
    batches: batches(),
    bytesRead: () => (finished ? totalBytes : Math.min(input.bytesRead, totalBytes)),
    totalBytes,
  };
}

type ZipParser = NodeJS.EventEmitter & { _readableState?: { ended: boolean; endEmitted: boolean; length: number } };

/**
 * unzipper emits "end" itself as soon as its input is consumed, while the last small entries may still sit
 * unread in its buffer; exceljs then stops and silently misses them (often xl/workbook.xml or
 * xl/sharedStrings.xml). Hold that early "end" back until the buffered entries were taken.
 */
function holdEarlyEnd(zip: ZipParser, stopped: () => boolean) {
  const state = zip._readableState;
  if (!state) return;
  const emit = zip.emit.bind(zip);
  zip.emit = ((event: string | symbol, ...args: unknown[]) => {
    // The stream's own "end" comes with endEmitted already set.
    if (event !== "end" || state.endEmitted) return emit(event, ...args);
    const check = () => {
      if (state.endEmitted || state.ended || stopped()) return; // the stream's own "end" follows once the entries are read
      if (state.length === 0) emit("end");
      else setTimeout(check, 20);
    };
    setTimeout(check, 20);
    return true;
  }) as typeof zip.emit;
}

/** Checks the file exists and is a ZIP archive (what .xlsx is); returns its size. */
async function checkZipFile(file: string): Promise<number> {
  const stat = await statReadableFile(file);
  if (stat.size === 0) throw new UnreadableFileError(file, "the file is empty");
  const head = Buffer.alloc(Math.min(8, stat.size));
  const handle = await fs.promises.open(file, "r");
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) {
    throw new UnreadableFileError(
      file,
      "not an .xlsx file: this is an old Excel 97-2003 .xls file or a password-protected workbook; open it in Excel or WPS and save it as .xlsx without a password",
    );
  }
  if (head.length < 4 || head.readUInt32BE(0) !== 0x504b0304) {
    throw new UnreadableFileError(file, "not a valid .xlsx file (it is not a ZIP archive); if it is CSV text, name it .csv or set \"format\": \"csv\"");
  }
  return stat.size;
}

function explain(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  if (message === "FILE_ENDED") return "the file is cut short; was the download or copy incomplete?";
  if (/invalid signature/i.test(message)) return `corrupt ZIP structure (${message})`;
  if (typeof code === "string" && code.startsWith("Z_")) return `corrupt compressed data (${message})`;
  return message;
}

function isWanted(name: string, wanted: string | undefined, sheets: SheetInfo[] | undefined): boolean {
  if (wanted === undefined) return sheets?.length ? name === sheets[0].name : true;
  if (name === wanted) return true;
  // Tolerate case and surrounding spaces, unless another sheet matches exactly.
  const norm = (s: string) => s.trim().toLowerCase();
  return norm(name) === norm(wanted) && !sheets?.some((s) => s.name === wanted);
}

/** A worksheet we don't read: release its temp file stream (the zip entry itself is drained by exceljs). */
function skipWorksheet(ws: WorksheetInternals) {
  const source = (ws.iterator as { source?: Partial<NodeJS.ReadableStream & { destroy(): void }> } | undefined)?.source;
  if (source && typeof source.destroy === "function") {
    // exceljs deletes the temp file right away, possibly before the stream has opened it: ignore that error.
    source.on?.("error", () => {});
    source.destroy();
  }
}

function toRecord(line: number, cells: string[], headers: string[]): SourceRecord {
  const values: Record<string, string> = {};
  for (let i = 0; i < headers.length; i++) values[headers[i]] = cells[i] ?? "";
  const record: SourceRecord = { line, values, raw: "" };
  if (cells.length > headers.length) record.extra = cells.slice(headers.length);
  record.raw = JSON.stringify(record.extra ? { ...values, _extra: record.extra } : values);
  return record;
}

/** The row's cell texts from column A up to its last non-blank cell ([] for a blank row). */
function rowTexts(row: ExcelJS.Row, date1904: boolean): string[] {
  const cells: string[] = [];
  let last = -1;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellText(cell.value, cell.numFmt, date1904);
    cells[col - 1] = text;
    if (text.trim() !== "" && col - 1 > last) last = col - 1;
  });
  cells.length = last + 1;
  for (let i = 0; i <= last; i++) if (cells[i] === undefined) cells[i] = "";
  return cells;
}

export function cellText(value: unknown, numFmt: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return dateText(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: unknown }) => (typeof r?.text === "string" ? r.text : "")).join("");
    if ("formula" in v || "sharedFormula" in v || "result" in v) {
      const result = v.result;
      // The streaming reader converts plain date cells but leaves formula results as serial numbers.
      if (typeof result === "number" && isDateFormat(numFmt)) return Number.isFinite(result) ? dateText(excelToDate(result, date1904)) : "";
      return cellText(result, numFmt, date1904);
    }
    if ("error" in v) return "";
    if ("sharedString" in v) throw new Error("a cell refers to shared strings that were not found (xl/sharedStrings.xml)");
    if ("text" in v) return cellText(v.text, numFmt, date1904); // hyperlink
  }
  return "";
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return "";
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  // Excel shows 15 significant digits; beyond that is binary noise (0.1+0.2 → 0.30000000000000004).
  return String(Number(n.toPrecision(15)));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function dateText(d: Date): string {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return "";
  const t = new Date(Math.round(ms / 1000) * 1000);
  const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  // A time without a date is stored as a fraction of day 0, which exceljs turns into 1899-12-30.
  if (ms >= EXCEL_DAY_ZERO && ms < EXCEL_DAY_ZERO + 86_400_000) return time;
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${time}`;
}

const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);

function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Same test exceljs uses: a number format with date/time letters outside quotes and [brackets]. */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "");
  return /[ymdhMsb]/.test(bare);
}
