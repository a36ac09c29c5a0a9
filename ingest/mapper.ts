// Applies a mapping to one source record: cells → typed item or post fields, or the problems found.
import { createHash } from "node:crypto";
import { parse as parseWithFormat } from "date-fns";
import type { SourceRecord } from "./read/types";
import type { Draft, FieldProblem } from "./item";
import type { FieldSpec, Mapping } from "./mapping-schema";
import { parseDateTime, zonedToUtc, type DateParseOptions } from "./dates";
import { BOOLEAN_WORDS, SATISFACTION_WORDS, SOLVED_WORDS, STATUS_WORDS } from "./value-maps";

type FieldType = "string" | "integer" | "datetime" | "boolean" | "status" | "satisfaction" | "solved";

const FIELD_TYPES: Record<string, FieldType> = {
  receivedAt: "datetime", dispatchedAt: "datetime", signedAt: "datetime", firstContactAt: "datetime",
  repliedAt: "datetime", closedAt: "datetime", dueAt: "datetime", returnVisitAt: "datetime", postedAt: "datetime",
  returnedCount: "integer", likes: "integer", opposes: "integer", reposts: "integer", commentsCount: "integer", comments: "integer",
  status: "status", satisfaction: "satisfaction", solved: "solved",
  publicationConsent: "boolean", isOriginal: "boolean",
};

const ENUM_WORDS = { status: STATUS_WORDS, satisfaction: SATISFACTION_WORDS, solved: SOLVED_WORDS } as const;

export interface MapperContext {
  /** Reference instant for relative times (--crawled-at). */
  crawledAt?: number;
  /** Constants given on the command line (e.g. the Weibo account name). */
  overrides?: Record<string, string | number | boolean | null>;
}

export interface MappedRecord {
  line: number;
  raw: string;
  draft: Draft | null;
  problems: FieldProblem[];
}

interface CompiledField {
  name: string;
  type: FieldType;
  columns: string[];
  /** The columns as one label for messages ("A+B"), computed once. */
  label: string;
  /** Positions of `columns` in the file's header (bindHeaders), for records that carry their cells. */
  indexes: number[];
  join: string;
  coalesce: boolean;
  map?: Map<string, string | number | boolean | null>;
  dateFormat?: string;
  relative: boolean;
  required: boolean;
  defaultValue?: string | number | boolean | null;
}

export class RecordMapper {
  private readonly fields: CompiledField[];
  private readonly nulls: Set<string>;
  private readonly dateOptions: DateParseOptions;
  private readonly idOccurrences = new Map<string, number>();
  // Computed once: map() runs for every row of every import.
  private readonly idField: CompiledField | null;
  private readonly constants: [string, unknown][];
  private readonly overrides: [string, unknown][];
  private readonly absoluteDateOptions: DateParseOptions;

  constructor(
    private readonly mapping: Mapping,
    private readonly context: MapperContext = {},
  ) {
    this.fields = Object.entries(mapping.fields).map(([name, spec]) => compileField(name, spec));
    this.nulls = new Set(mapping.nullValues);
    this.dateOptions = { timeZone: mapping.timeZone, order: mapping.dateOrder, relativeTo: context.crawledAt };
    this.absoluteDateOptions = { ...this.dateOptions, relativeTo: undefined };
    const id = mapping.externalId;
    this.idField = typeof id === "object" && "hash" in id ? null : compileField("externalId", id);
    this.constants = Object.entries(mapping.constants);
    this.overrides = Object.entries(context.overrides ?? {});
  }

  /** Records that carry their cells in header order (CSV) are then read by position instead of by name. */
  bindHeaders(headers: string[]): void {
    for (const f of this.idField ? [this.idField, ...this.fields] : this.fields) f.indexes = f.columns.map((c) => headers.indexOf(c));
  }

  /** Columns the mapping reads that the header lacks. */
  missingColumns(headers: string[]): string[] {
    const have = new Set(headers);
    const needed = new Set<string>(this.mapping.requiredColumns);
    const id = this.mapping.externalId;
    if (typeof id === "string") needed.add(id);
    else if ("hash" in id) id.hash.forEach((c) => needed.add(c));
    else (id.columns ?? (id.column ? [id.column] : [])).forEach((c) => needed.add(c));
    return [...needed].filter((c) => !have.has(c));
  }

  map(source: SourceRecord): MappedRecord {
    const problems: FieldProblem[] = [];
    // JSON-based readers' raw text escapes NUL as \u0000; a false alarm only costs the check of the values.
    const record = source.raw.includes("\0") || source.raw.includes("\\u0000") ? withoutNul(source, problems) : source;
    if (record.problem) {
      problems.push({ field: record.problem.field ?? "(row)", reason: record.problem.reason, severity: "error" });
      return { line: record.line, raw: record.raw, draft: null, problems };
    }
    const externalId = this.externalId(record, problems);
    const out: Record<string, unknown> = {};
    for (const [name, value] of this.constants) out[name] = value;
    for (const f of this.fields) {
      const value = this.fieldValue(f, record, problems);
      if (value !== undefined) out[f.name] = value;
    }
    for (const [name, value] of this.overrides) out[name] = value;
    if (!externalId || (problems.length > 0 && problems.some((p) => p.severity === "error"))) {
      return { line: record.line, raw: record.raw, draft: null, problems };
    }
    const draft: Draft =
      this.mapping.record === "weibo_post"
        ? { kind: "weibo_post", externalId, fields: out }
        : { kind: "item", channel: this.mapping.channel, externalId, fields: out };
    return { line: record.line, raw: record.raw, draft, problems };
  }

  private externalId(record: SourceRecord, problems: FieldProblem[]): string | null {
    const spec = this.mapping.externalId;
    if (typeof spec === "object" && "hash" in spec) {
      // No id in the source: hash the identifying cells; identical rows get #2, #3… so none is lost.
      const key = spec.hash.map((c) => record.values[c] ?? "").join("\u0001");
      const digest = createHash("sha1").update(key).digest("base64url").slice(0, 20);
      const n = (this.idOccurrences.get(digest) ?? 0) + 1;
      this.idOccurrences.set(digest, n);
      return n === 1 ? `h:${digest}` : `h:${digest}#${n}`;
    }
    const f = this.idField!;
    const value = this.cell(f, record);
    if (!value) {
      problems.push({ field: f.label || "externalId", reason: "missing id", severity: "error" });
      return null;
    }
    return value;
  }

  private cell(f: CompiledField, record: SourceRecord): string {
    const cells = record.cells;
    if (cells && f.indexes.length === 1) {
      // The common case: one column, read by position.
      const v = cleanCell(f.indexes[0] < 0 ? undefined : cells[f.indexes[0]]);
      return v && !this.nulls.has(v) ? v : "";
    }
    let text = "";
    for (let i = 0; i < f.columns.length; i++) {
      const v = cleanCell(cells && f.indexes.length ? (f.indexes[i] < 0 ? undefined : cells[f.indexes[i]]) : record.values[f.columns[i]]);
      if (!v || this.nulls.has(v)) continue;
      if (f.coalesce) return v;
      text = text ? text + f.join + v : v;
    }
    return text;
  }

  private fieldValue(f: CompiledField, record: SourceRecord, problems: FieldProblem[]): unknown {
    const text = this.cell(f, record);
    const column = f.label;
    if (!text) {
      if (f.required) problems.push({ field: column, reason: `${f.name} is required but empty`, severity: "error" });
      return f.defaultValue !== undefined ? f.defaultValue : null;
    }
    if (f.map) {
      if (f.map.has(text)) {
        const mapped = f.map.get(text);
        if (f.type === "string" || mapped === null) return mapped;
        return this.convert(f, String(mapped), column, problems, text);
      }
    }
    return this.convert(f, text, column, problems, text);
  }

  private convert(f: CompiledField, text: string, column: string, problems: FieldProblem[], original: string): unknown {
    switch (f.type) {
      case "string":
        return text;
      case "integer": {
        const n = Number(text.replace(/[,\s]/g, ""));
        if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
          problems.push({ field: column, reason: `${f.name}: "${short(original)}" is not a whole number ≥ 0`, severity: "error" });
          return undefined;
        }
        return n;
      }
      case "boolean": {
        const b = BOOLEAN_WORDS.get(text.toLowerCase());
        if (b === undefined) {
          problems.push({ field: column, reason: `${f.name}: "${short(original)}" is not yes/no (是/否)`, severity: "error" });
          return undefined;
        }
        return b;
      }
      case "datetime":
        return this.date(f, text, column, problems);
      default: {
        const value = ENUM_WORDS[f.type].get(text.toLowerCase());
        if (value === undefined) {
          const severity = f.type === "status" ? "warning" : "error";
          problems.push({ field: column, reason: `${f.name}: unknown value "${short(original)}" (add it to the mapping's map)`, severity });
          return f.type === "status" ? null : undefined;
        }
        return value;
      }
    }
  }

  private date(f: CompiledField, text: string, column: string, problems: FieldProblem[]): number | undefined {
    if (f.dateFormat) {
      const d = parseWithFormat(text, f.dateFormat, new Date(2000, 0, 1));
      if (Number.isNaN(d.getTime())) {
        problems.push({ field: column, reason: `${f.name}: "${short(text)}" does not match format ${f.dateFormat}`, severity: "error" });
        return undefined;
      }
      return zonedToUtc(d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds(), this.mapping.timeZone);
    }
    const result = parseDateTime(text, f.relative ? this.dateOptions : this.absoluteDateOptions);
    if (result.ok) return result.value;
    const needsCrawl = f.relative && this.context.crawledAt === undefined && /前|昨天|今天|前天|^\d{1,2}-\d{1,2}/.test(text);
    const reason = needsCrawl ? `${f.name}: relative time "${short(text)}" needs --crawled-at` : `${f.name}: ${result.reason}`;
    problems.push({ field: column, reason, severity: "error" });
    return undefined;
  }
}

/**
 * NUL characters (U+0000) never belong in the text of an export, and SQLite's text functions stop at them (a body
 * "a\0b" would have length 1): they are removed, with a warning naming each column that had them.
 */
function withoutNul(record: SourceRecord, problems: FieldProblem[]): SourceRecord {
  const strip = (s: string) => (s.includes("\0") ? s.replace(/\0/g, "") : s);
  const values: Record<string, string> = {};
  for (const [column, value] of Object.entries(record.values)) {
    if (value.includes("\0")) problems.push({ field: column, reason: "NUL characters (\\0) removed: the file may be damaged or saved in another encoding", severity: "warning" });
    values[column] = strip(value);
  }
  const extra = record.extra?.map(strip);
  if (record.extra?.some((v) => v.includes("\0"))) problems.push({ field: "(extra cells)", reason: "NUL characters (\\0) removed", severity: "warning" });
  return { line: record.line, values, cells: record.cells?.map(strip), raw: strip(record.raw), extra, problem: record.problem };
}

function compileField(name: string, spec: FieldSpec): CompiledField {
  const type = FIELD_TYPES[name] ?? "string";
  if (typeof spec === "string") return { name, type, columns: [spec], label: spec, indexes: [], join: "\n", coalesce: false, relative: false, required: false };
  const columns = spec.columns ?? (spec.column ? [spec.column] : []);
  return {
    name,
    type,
    columns,
    label: columns.join("+"),
    indexes: [],
    join: spec.join ?? "\n",
    coalesce: spec.coalesce ?? false,
    map: spec.map ? new Map(Object.entries(spec.map)) : undefined,
    dateFormat: spec.dateFormat,
    relative: spec.relative ?? false,
    required: spec.required ?? false,
    defaultValue: spec.default,
  };
}

/** Trims whitespace (incl. full-width spaces, NBSP, the crawler's trailing tab) at both ends. */
function cleanCell(v: string | undefined): string {
  // String#trim covers U+3000, U+00A0 and U+FEFF as well.
  return v === undefined || v === "" ? "" : v.trim();
}

function short(s: string): string {
  return s.length > 30 ? `${s.slice(0, 30)}…` : s;
}
