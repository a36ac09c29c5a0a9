// JSON / JSON Lines file → RecordSource.
//
// - jsonl: one JSON object per line, streamed (any size). Blank lines are skipped; a line that is not valid JSON or
//   not an object becomes a record with a problem (the row is rejected, the import goes on). `line` = physical line,
//   `raw` = the line's text. Headers are the keys of the first batch in order of first appearance; keys first seen
//   later are appended to the same `headers` array as they appear.
// - json: a top-level array of objects, or the array at the dotted `jsonPath` ("data.items", "$.data.items",
//   numeric segments index arrays). The whole file is read into memory (limit 512 MB): use JSON Lines for big files.
//   `line` = 1-based index of the object in the array (a minified file is a single physical line); `raw` =
//   JSON.stringify(object). Headers = union of all objects' keys in order of first appearance.
// - Values: strings as is; null → ""; numbers and booleans → String(); nested objects/arrays → their JSON text.
//   Integers too long for a double (e.g. 19-digit ids written as bare numbers) keep all their digits.
import { INVALID_LINE_MARK, openTextStream, type TextStream } from "./text";
import type { TextEncodingName } from "./encoding";
import { UnreadableFileError, type RecordSource, type SourceRecord } from "./types";

export interface JsonOptions {
  format: "json" | "jsonl";
  encoding?: TextEncodingName;
  jsonPath?: string;
  batchSize?: number;
}

/** JSON arrays are parsed whole; above this the file must be JSON Lines. */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;
/** A JSON Lines line longer than this means the file is not JSON Lines. */
const MAX_LINE_CHARS = 256 * 1024 * 1024;

export async function openJson(file: string, options: JsonOptions): Promise<RecordSource> {
  // JSON Lines are read a line at a time, so a line with bytes from another encoding can be rejected alone; a JSON
  // document is one value, and such bytes stop it.
  const text = await openTextStream(file, options.encoding, { recoverInvalidLines: options.format === "jsonl" });
  const batchSize = options.batchSize ?? 2000;
  return options.format === "jsonl" ? openJsonLines(file, text, batchSize) : openJsonArray(file, text, options.jsonPath, batchSize);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON Lines

async function openJsonLines(file: string, text: TextStream, batchSize: number): Promise<RecordSource> {
  const iterator = text.chunks[Symbol.asyncIterator]();
  const headers: string[] = [];
  const known = new Set<string>();
  let rest = "";
  let line = 0;
  let done = false;
  let pending: SourceRecord[] = [];
  let firstContentLine = true;

  const addLine = (lineText: string) => {
    line++;
    if (line === 1 && lineText.charCodeAt(0) === 0xfeff) lineText = lineText.slice(1);
    if (lineText.endsWith("\r")) lineText = lineText.slice(0, -1);
    if (lineText.trim() === "") return;
    const record = text.invalidLines() > 0 && lineText.includes(INVALID_LINE_MARK) ? invalidLineRecord(lineText, line, text.encoding) : lineRecord(lineText, line);
    if (firstContentLine) {
      firstContentLine = false;
      checkNotJsonDocument(file, lineText, line, record);
    }
    if (!record.problem) {
      for (const key of Object.keys(record.values)) {
        if (!known.has(key)) {
          known.add(key);
          headers.push(key);
        }
      }
    }
    pending.push(record);
  };
  const push = (chunk: string) => {
    let nl = chunk.indexOf("\n");
    if (nl === -1) {
      // Only search the new text: a long line must not be rescanned for every chunk.
      rest += chunk;
      if (rest.length > MAX_LINE_CHARS) {
        throw new UnreadableFileError(file, `line ${line + 1} is longer than ${MAX_LINE_CHARS / 1024 / 1024} MB: this is not JSON Lines (one object per line)`);
      }
      return;
    }
    addLine(rest + chunk.slice(0, nl));
    let start = nl + 1;
    for (nl = chunk.indexOf("\n", start); nl !== -1; nl = chunk.indexOf("\n", start)) {
      addLine(chunk.slice(start, nl));
      start = nl + 1;
    }
    rest = chunk.slice(start);
  };
  const readMore = async () => {
    const next = await iterator.next();
    if (next.done) {
      if (rest) addLine(rest);
      rest = "";
      done = true;
    } else push(next.value);
  };

  // Read ahead the first batch: the headers come from it.
  while (pending.length < batchSize && !done) await readMore();
  if (pending.length === 0) throw new UnreadableFileError(file, "the file is empty: no JSON lines");

  async function* batches(): AsyncGenerator<SourceRecord[]> {
    for (;;) {
      while (pending.length < batchSize && !done) await readMore();
      if (pending.length === 0) return;
      const out = pending.length > batchSize ? pending.splice(0, batchSize) : pending;
      if (out === pending) pending = [];
      yield out;
    }
  }

  return { format: "jsonl", encoding: text.encoding, headers, batches: batches(), bytesRead: text.bytesRead, totalBytes: text.totalBytes };
}

function lineRecord(lineText: string, line: number): SourceRecord {
  let value: unknown;
  try {
    value = parseJson(lineText);
  } catch {
    const error = findJsonError(lineText);
    const reason = error ? `column ${error.offset + 1}: ${error.reason}` : "not valid JSON";
    return { line, values: {}, raw: lineText, problem: { reason: `invalid JSON: ${reason}` } };
  }
  if (!isObject(value)) {
    return { line, values: {}, raw: lineText, problem: { reason: `invalid JSON: expected an object, found ${kindOf(value)}` } };
  }
  return { line, values: objectValues(value), raw: lineText };
}

/** A line holding bytes that are not valid in the file's encoding: rejected, naming the first field they are in. */
function invalidLineRecord(marked: string, line: number, encoding: string): SourceRecord {
  const lineText = marked.split(INVALID_LINE_MARK).join("");
  const parsed = lineRecord(lineText, line);
  const field = parsed.problem ? undefined : Object.keys(parsed.values).find((k) => String(parsed.values[k] ?? "").includes("\uFFFD"));
  return {
    line, values: {}, raw: lineText,
    problem: { field: field ?? "(row)", reason: `bytes that are not valid ${encoding} (shown as \uFFFD): the file mixes encodings; convert this line to ${encoding} and import the file again` },
  };
}

/** A .jsonl that is really a JSON document gets one clear error instead of every line rejected. */
function checkNotJsonDocument(file: string, lineText: string, line: number, record: SourceRecord) {
  const t = lineText.trim();
  if (record.problem && (t.startsWith("[") || t === "{")) {
    throw new UnreadableFileError(
      file,
      `line ${line}: this looks like a JSON document (an array or a pretty-printed object), not JSON Lines with one object per line; set "format": "json" in the mapping (and "jsonPath" if the array is nested)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON array

async function openJsonArray(file: string, text: TextStream, jsonPath: string | undefined, batchSize: number): Promise<RecordSource> {
  if (text.totalBytes > MAX_JSON_BYTES) {
    throw new UnreadableFileError(
      file,
      `the JSON file is ${Math.round(text.totalBytes / 1024 / 1024)} MB; JSON arrays are read whole and the limit is ${MAX_JSON_BYTES / 1024 / 1024} MB. Convert it to JSON Lines (one object per line, .jsonl), which is streamed`,
    );
  }
  const parts: string[] = [];
  for await (const chunk of text.chunks) parts.push(chunk);
  let source = parts.join("");
  parts.length = 0;
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  if (source.trim() === "") throw new UnreadableFileError(file, "the file is empty");

  let root: unknown;
  try {
    root = parseJson(source);
  } catch (e) {
    throw new UnreadableFileError(file, describeSyntaxError(source, e));
  }
  source = "";
  const items = resolveArray(file, root, jsonPath);
  root = undefined;

  const headers: string[] = [];
  const known = new Set<string>();
  for (const item of items) {
    if (!isObject(item)) continue;
    for (const key of Object.keys(item)) {
      if (!known.has(key)) {
        known.add(key);
        headers.push(key);
      }
    }
  }

  const total = items.length;
  let processed = 0;
  async function* batches(): AsyncGenerator<SourceRecord[]> {
    while (processed < total) {
      const end = Math.min(total, processed + batchSize);
      const out: SourceRecord[] = [];
      for (let i = processed; i < end; i++) {
        const item = items[i];
        items[i] = undefined; // let the parsed objects go as they are handed out
        const raw = JSON.stringify(item) ?? "";
        if (isObject(item)) out.push({ line: i + 1, values: objectValues(item), raw });
        else out.push({ line: i + 1, values: {}, raw, problem: { reason: `invalid JSON: expected an object, found ${kindOf(item)}` } });
      }
      processed = end;
      yield out;
    }
  }

  return {
    format: "json",
    encoding: text.encoding,
    headers,
    batches: batches(),
    // The file is read up front; progress follows the records handed out.
    bytesRead: () => (total === 0 ? text.totalBytes : Math.round((text.totalBytes * processed) / total)),
    totalBytes: text.totalBytes,
  };
}

function resolveArray(file: string, root: unknown, jsonPath: string | undefined): unknown[] {
  const path = (jsonPath ?? "").trim().replace(/^\$\.?/, "");
  if (!path) {
    if (Array.isArray(root)) return root;
    const found = isObject(root) ? findArrays(root) : [];
    const hint = found.length
      ? `; set "jsonPath" to the array to import: ${found.map((f) => `"${f.path}" (${f.length} items)`).join(", ")}`
      : isObject(root)
        ? "; it contains no array of records"
        : "";
    throw new UnreadableFileError(file, `the JSON is ${kindOf(root)}, not an array of records${hint}`);
  }
  let current: unknown = root;
  const walked: string[] = [];
  for (const segment of path.split(".")) {
    const where = walked.length ? `"${walked.join(".")}"` : "the top level";
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      if (Number(segment) >= current.length) {
        throw new UnreadableFileError(file, `jsonPath "${jsonPath}": index ${segment} is past the end of the array at ${where} (${current.length} items)`);
      }
      current = current[Number(segment)];
    } else if (isObject(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      const keys = isObject(current) ? Object.keys(current) : [];
      const there = keys.length ? ` (keys there: ${keys.slice(0, 20).map((k) => `"${k}"`).join(", ")}${keys.length > 20 ? ", …" : ""})` : ` (${where} is ${kindOf(current)})`;
      throw new UnreadableFileError(file, `jsonPath "${jsonPath}": "${segment}" not found at ${where}${there}`);
    }
    walked.push(segment);
  }
  if (!Array.isArray(current)) throw new UnreadableFileError(file, `jsonPath "${jsonPath}" points to ${kindOf(current)}, not an array of records`);
  return current;
}

/** Arrays of objects inside an object, a few levels deep, largest first (for the error hint). */
function findArrays(root: Record<string, unknown>): { path: string; length: number }[] {
  const found: { path: string; length: number }[] = [];
  const queue: { value: Record<string, unknown>; path: string; depth: number }[] = [{ value: root, path: "", depth: 0 }];
  while (queue.length && found.length < 50) {
    const { value, path, depth } = queue.shift()!;
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (Array.isArray(child)) {
        if (child.length === 0 || isObject(child[0])) found.push({ path: childPath, length: child.length });
      } else if (isObject(child) && depth < 3) queue.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return found.sort((a, b) => b.length - a.length).slice(0, 5);
}

function describeSyntaxError(source: string, e: unknown): string {
  const error = findJsonError(source);
  if (!error) return `invalid JSON (${e instanceof Error ? e.message : String(e)})`;
  const { line, column } = lineColumn(source, error.offset);
  let hint = "";
  // A JSON Lines file named .json: the first line is a whole object and the error is right after it.
  const firstLineEnd = source.indexOf("\n");
  if (line > 1 && firstLineEnd !== -1) {
    try {
      if (isObject(JSON.parse(source.slice(0, firstLineEnd)))) hint = `; it looks like JSON Lines (one object per line): name it .jsonl or set "format": "jsonl"`;
    } catch {
      // not JSON Lines either
    }
  }
  return `invalid JSON at line ${line}, column ${column}: ${error.reason}${hint}`;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf("\n"); nl !== -1 && nl < offset; nl = text.indexOf("\n", nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// Values

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function objectValues(obj: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const key of Object.keys(obj)) {
    const text = valueText(obj[key]);
    if (key === "__proto__") Object.defineProperty(values, key, { value: text, enumerable: true, writable: true, configurable: true });
    else values[key] = text;
  }
  return values;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/** A string token, or an integer literal of 16+ digits outside strings (one that a double may not hold exactly). */
const LONG_INTEGERS = /"[^"\\]*(?:\\.[^"\\]*)*"|(?<![\w.+-])-?\d{16,}(?![\w.])/g;

/** JSON.parse, except that integers beyond 2^53 become strings with all their digits instead of rounded numbers. */
function parseJson(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  const protectedText = text.replace(LONG_INTEGERS, (token) =>
    token.charCodeAt(0) === 34 /* " */ || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
  );
  return JSON.parse(protectedText);
}

const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"[^"\\\u0000-\u001f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\u0000-\u001f]*)*"/y;

type ScanState = "value" | "valueOrClose" | "key" | "keyOrClose" | "colon" | "commaOrClose" | "end";

/**
 * Finds where and why text is not valid JSON (JSON.parse's messages have no position in some cases, and
 * embed the text in others). Only called after JSON.parse failed. Returns null if the text is valid.
 */
export function findJsonError(text: string): { offset: number; reason: string } | null {
  const stack: string[] = [];
  let pos = 0;
  let state: ScanState = "value";
  const afterValue = (): ScanState => (stack.length ? "commaOrClose" : "end");
  const show = (ch: string) => JSON.stringify(ch);
  const quoteHint = (ch: string) => (ch === "'" ? " (JSON needs double quotes)" : "");
  for (;;) {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.test(text);
    pos = WHITESPACE.lastIndex;
    if (pos >= text.length) {
      if (state === "end") return null;
      const closers = [...stack].reverse().map((c) => (c === "{" ? "}" : "]")).join("");
      return { offset: text.length, reason: `unexpected end of file${closers ? ` (missing ${show(closers)})` : ""}` };
    }
    const ch = text[pos];
    switch (state) {
      case "end":
        return { offset: pos, reason: `unexpected ${show(ch)} after the end of the JSON value` };
      case "colon":
        if (ch !== ":") return { offset: pos, reason: `expected ':' after the property name, found ${show(ch)}` };
        pos++;
        state = "value";
        continue;
      case "commaOrClose": {
        const close = stack[stack.length - 1] === "{" ? "}" : "]";
        if (ch === ",") {
          pos++;
          state = close === "}" ? "key" : "value";
        } else if (ch === close) {
          stack.pop();
          pos++;
          state = afterValue();
        } else return { offset: pos, reason: `expected ',' or '${close}', found ${show(ch)}` };
        continue;
      }
      case "key":
      case "keyOrClose":
        if (ch === "}") {
          if (state === "key") return { offset: pos, reason: "trailing comma before '}'" };
          stack.pop();
          pos++;
          state = afterValue();
          continue;
        }
        if (ch !== '"') return { offset: pos, reason: `expected a property name in double quotes, found ${show(ch)}${quoteHint(ch)}` };
        {
          const end = scanString(text, pos);
          if (typeof end !== "number") return end;
          pos = end;
        }
        state = "colon";
        continue;
      case "value":
      case "valueOrClose":
        if (ch === "]" && stack[stack.length - 1] === "[") {
          if (state === "value") return { offset: pos, reason: "trailing comma before ']'" };
          stack.pop();
          pos++;
          state = afterValue();
          continue;
        }
        if (ch === "{" || ch === "[") {
          stack.push(ch);
          pos++;
          state = ch === "{" ? "keyOrClose" : "valueOrClose";
          continue;
        }
        if (ch === '"') {
          const end = scanString(text, pos);
          if (typeof end !== "number") return end;
          pos = end;
          state = afterValue();
          continue;
        }
        if (ch === "-" || (ch >= "0" && ch <= "9")) {
          NUMBER.lastIndex = pos;
          if (!NUMBER.test(text)) return { offset: pos, reason: "invalid number" };
          pos = NUMBER.lastIndex;
          state = afterValue();
          continue;
        }
        {
          const word = ["true", "false", "null"].find((w) => text.startsWith(w, pos));
          if (word) {
            pos += word.length;
            state = afterValue();
            continue;
          }
        }
        return { offset: pos, reason: `expected a value, found ${show(ch)}${quoteHint(ch)}` };
    }
  }
}

function scanString(text: string, start: number): number | { offset: number; reason: string } {
  STRING.lastIndex = start;
  if (STRING.test(text)) return STRING.lastIndex;
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1; // not reached: the regex would have matched
    if (c === 92 /* \ */) {
      const next = text[i + 1] ?? "";
      if (next === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, reason: "invalid \\u escape in a string" };
        i += 5;
      } else if ('"\\/bfnrt'.includes(next) && next !== "") i++;
      else return { offset: i, reason: `invalid escape '\\${next}' in a string` };
    } else if (c < 0x20) {
      return { offset: i, reason: c === 10 || c === 13 ? "unterminated string (line break inside a string)" : "control character inside a string" };
    }
  }
  return { offset: start, reason: "unterminated string" };
}
