// The 口径 in effect for one database: METRIC_DEFINITIONS with the local revisions an admin saved on the settings
// page (设置). The revisions are one JSON document under the `settings` key "metric_definitions"; every save or
// reset is appended, with who did it and what changed, to the JSON list under "metric_definitions_log".
//
// What may be revised: the reply deadline per channel and per channel and item type (items.type as the source
// writes it: 咨询 / 投诉 / … / 评论), the assessment month's start day, the weight of 基本满意, the minimum
// sample for ranking and the due-soon window. Only values that differ from METRIC_DEFINITIONS are stored, so
// saving the defaults again is no revision at all.
//
// Version label: with revisions in effect the version reads "口径 v1（本地修订 r3，2026-12-01）": the base version,
// the local revision number (one more on every save that changes something) and the Shanghai day it was saved.
// effectiveFrom stays the base version's: revisions apply to all stored data (deadlines are recomputed for every
// item on save), not from the save day on.
//
// A saved document that no longer validates (hand-edited, or written by a newer version) is ignored with a
// console warning: the defaults apply and nothing crashes.
import type Database from "better-sqlite3";
import { z } from "zod";
import type { Db } from "../client";
import { CHANNELS, settings, type Channel } from "../schema";
import { shanghaiDayOf } from "../time";
import { DeadlineCalculator } from "./deadlines";
import { METRIC_DEFINITIONS, metricHelp, type DeadlineRule, type MetricDefinitions, type MetricKey } from "./definitions";
import type { CalendarWarning } from "./workdays";

export const DEFINITIONS_SETTING_KEY = "metric_definitions";
export const DEFINITIONS_LOG_KEY = "metric_definitions_log";
/** The change log keeps this many newest entries. */
const LOG_LIMIT = 500;
const FORMAT = 1;

// ---- The override model --------------------------------------------------------------------------------

/** Field labels for validation messages: the path's last named part, in both languages. */
const FIELD_LABELS: Record<string, string> = {
  amount: "时限 / deadline amount",
  unit: "时限单位 / deadline unit",
  assessmentStartDay: "考核月起始日 / assessmentStartDay",
  basicallySatisfiedWeight: "基本满意权重 / basicallySatisfiedWeight",
  minimumSample: "最小样本量 / minimumSample",
  dueSoonWorkdays: "临期提前工作日 / dueSoonWorkdays",
};

function intIn(min: number, max: number, label: string) {
  const msg = `${label}：须为 ${min}–${max} 的整数 / must be a whole number from ${min} to ${max}`;
  return z.number({ invalid_type_error: msg, required_error: msg }).int(msg).min(min, msg).max(max, msg);
}

export const deadlineRuleSchema = z
  .object({
    amount: intIn(1, 365, FIELD_LABELS.amount),
    unit: z.enum(["workdays", "days"], { errorMap: () => ({ message: `${FIELD_LABELS.unit}：须为 workdays（工作日）或 days（自然日） / must be workdays or days` }) }),
  })
  .strict();

/** An item type as sources write it: trimmed, 1–40 characters. */
export const itemTypeSchema = z
  .string()
  .trim()
  .min(1, "诉求类型不能为空 / the item type must not be empty")
  .max(40, "诉求类型最多 40 个字符 / the item type is at most 40 characters");

const perChannel = <T extends z.ZodTypeAny>(schema: T) =>
  z.object({ hotline: schema.optional(), mailbox: schema.optional(), weibo: schema.optional() }).strict();

export const definitionOverridesSchema = z
  .object({
    replyDeadline: perChannel(deadlineRuleSchema).optional(),
    replyDeadlineByType: perChannel(z.record(itemTypeSchema, deadlineRuleSchema)).optional(),
    assessmentStartDay: intIn(1, 28, FIELD_LABELS.assessmentStartDay).optional(),
    basicallySatisfiedWeight: z
      .number({ invalid_type_error: `${FIELD_LABELS.basicallySatisfiedWeight}：须为 0–1 之间的数 / must be a number from 0 to 1` })
      .min(0, `${FIELD_LABELS.basicallySatisfiedWeight}：须为 0–1 之间的数 / must be a number from 0 to 1`)
      .max(1, `${FIELD_LABELS.basicallySatisfiedWeight}：须为 0–1 之间的数 / must be a number from 0 to 1`)
      .optional(),
    minimumSample: intIn(1, 100_000, FIELD_LABELS.minimumSample).optional(),
    dueSoonWorkdays: intIn(1, 30, FIELD_LABELS.dueSoonWorkdays).optional(),
  })
  .strict();

export type DefinitionOverrides = z.infer<typeof definitionOverridesSchema>;

/** Validation failed: `fieldErrors` maps each bad field's path ("assessmentStartDay", "replyDeadline.mailbox.amount") to its message. */
export class DefinitionsValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.entries(fieldErrors).map(([path, message]) => `${path}: ${message}`).join("; "));
    this.name = "DefinitionsValidationError";
  }
}

const CHANNEL_LABELS: Record<string, string> = { hotline: "热线 / hotline", mailbox: "信箱 / mailbox", weibo: "微博评论 / Weibo comments" };

/** A deadline rule's messages name the rule: "信箱 / mailbox · 投诉 时限 / deadline amount：…". */
function withContext(path: (string | number)[], message: string): string {
  if ((path[0] !== "replyDeadline" && path[0] !== "replyDeadlineByType") || typeof path[1] !== "string") return message;
  const channel = CHANNEL_LABELS[path[1]] ?? path[1];
  const type = path[0] === "replyDeadlineByType" && path.length > 3 ? ` · ${String(path[2])}` : "";
  return `${channel}${type} ${message}`;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "(overrides)";
    out[path] ??= withContext(issue.path, issue.message);
  }
  return out;
}

/** Checks overrides (e.g. parsed from the settings form); throws DefinitionsValidationError naming each bad field. */
export function validateDefinitionOverrides(input: unknown): DefinitionOverrides {
  const parsed = definitionOverridesSchema.safeParse(input);
  if (!parsed.success) throw new DefinitionsValidationError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

// ---- Stored document -----------------------------------------------------------------------------------

const storedSchema = z.object({
  format: z.literal(FORMAT),
  revision: z.number().int().min(1),
  savedAt: z.number(),
  savedBy: z.string(),
  overrides: definitionOverridesSchema,
});

export interface LocalRevision {
  revision: number;
  savedAt: number;
  savedBy: string;
}

export interface StoredDefinitions extends LocalRevision {
  overrides: DefinitionOverrides;
}

function readSetting(db: Db, key: string): string | undefined {
  const sqlite: Database.Database = db.$client;
  return sqlite.prepare("SELECT value FROM settings WHERE key = ?").pluck().get(key) as string | undefined;
}

function writeSetting(db: Db, key: string, value: string, now: number): void {
  db.insert(settings).values({ key, value, updatedAt: now }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } }).run();
}

/** The saved revisions, or null when there are none or the saved document is invalid (then with a warning). */
export function loadStoredDefinitions(db: Db): StoredDefinitions | null {
  const text = readSetting(db, DEFINITIONS_SETTING_KEY);
  if (text === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    console.warn(`minyi: settings "${DEFINITIONS_SETTING_KEY}" is not valid JSON, using the default 口径 (${(e as Error).message})`);
    return null;
  }
  const parsed = storedSchema.safeParse(json);
  if (!parsed.success) {
    console.warn(`minyi: settings "${DEFINITIONS_SETTING_KEY}" is invalid, using the default 口径 (${new DefinitionsValidationError(fieldErrorsOf(parsed.error)).message})`);
    return null;
  }
  return parsed.data;
}

// ---- Merging -------------------------------------------------------------------------------------------

function hasOverrides(o: DefinitionOverrides): boolean {
  return (
    Object.keys(o.replyDeadline ?? {}).length > 0 ||
    Object.values(o.replyDeadlineByType ?? {}).some((m) => m && Object.keys(m).length > 0) ||
    o.assessmentStartDay !== undefined ||
    o.basicallySatisfiedWeight !== undefined ||
    o.minimumSample !== undefined ||
    o.dueSoonWorkdays !== undefined
  );
}

/** "口径 v1（本地修订 r3，2026-12-01）": the base version with the local revision number and its Shanghai day. */
export function versionLabel(baseVersion: string, revision: LocalRevision | null): string {
  return revision ? `${baseVersion}（本地修订 r${revision.revision}，${shanghaiDayOf(revision.savedAt)}）` : baseVersion;
}

/** `base` with the overrides applied (and the version marked as a local revision when there are any). */
export function applyOverrides(base: MetricDefinitions, overrides: DefinitionOverrides, revision: LocalRevision | null = null): MetricDefinitions {
  if (!hasOverrides(overrides)) return base;
  const byType: Partial<Record<Channel, Record<string, DeadlineRule>>> = {};
  for (const c of CHANNELS) {
    const merged = { ...(base.replyDeadlineByType?.[c] ?? {}), ...(overrides.replyDeadlineByType?.[c] ?? {}) };
    if (Object.keys(merged).length) byType[c] = merged;
  }
  return {
    ...base,
    version: versionLabel(base.version, revision),
    replyDeadline: { ...base.replyDeadline, ...overrides.replyDeadline },
    replyDeadlineByType: Object.keys(byType).length ? byType : undefined,
    assessmentStartDay: overrides.assessmentStartDay ?? base.assessmentStartDay,
    basicallySatisfiedWeight: overrides.basicallySatisfiedWeight ?? base.basicallySatisfiedWeight,
    minimumSample: overrides.minimumSample ?? base.minimumSample,
    dueSoonWorkdays: overrides.dueSoonWorkdays ?? base.dueSoonWorkdays,
  };
}

/** The 口径 in effect for this database: METRIC_DEFINITIONS with the saved local revisions. */
export function loadDefinitions(db: Db): MetricDefinitions {
  const stored = loadStoredDefinitions(db);
  return stored ? applyOverrides(METRIC_DEFINITIONS, stored.overrides, stored) : METRIC_DEFINITIONS;
}

/** The assessment month's start day in effect (1 = calendar months). */
export function assessmentStartDayOf(d: MetricDefinitions): number {
  return d.assessmentStartDay ?? 1;
}

/** Only what differs from `base`: saving the defaults stores nothing. */
function minimalOverrides(base: MetricDefinitions, o: DefinitionOverrides): DefinitionOverrides {
  const out: DefinitionOverrides = {};
  const replyDeadline: NonNullable<DefinitionOverrides["replyDeadline"]> = {};
  for (const c of CHANNELS) {
    const rule = o.replyDeadline?.[c];
    if (rule && !sameRule(rule, base.replyDeadline[c])) replyDeadline[c] = rule;
  }
  if (Object.keys(replyDeadline).length) out.replyDeadline = replyDeadline;
  const byType: NonNullable<DefinitionOverrides["replyDeadlineByType"]> = {};
  for (const c of CHANNELS) {
    const rules = Object.entries(o.replyDeadlineByType?.[c] ?? {}).filter(([type, rule]) => !sameRule(rule, base.replyDeadlineByType?.[c]?.[type]));
    if (rules.length) byType[c] = Object.fromEntries(rules.sort(([a], [b]) => a.localeCompare(b, "zh-CN")));
  }
  if (Object.keys(byType).length) out.replyDeadlineByType = byType;
  if (o.assessmentStartDay !== undefined && o.assessmentStartDay !== (base.assessmentStartDay ?? 1)) out.assessmentStartDay = o.assessmentStartDay;
  if (o.basicallySatisfiedWeight !== undefined && o.basicallySatisfiedWeight !== base.basicallySatisfiedWeight) out.basicallySatisfiedWeight = o.basicallySatisfiedWeight;
  if (o.minimumSample !== undefined && o.minimumSample !== base.minimumSample) out.minimumSample = o.minimumSample;
  if (o.dueSoonWorkdays !== undefined && o.dueSoonWorkdays !== base.dueSoonWorkdays) out.dueSoonWorkdays = o.dueSoonWorkdays;
  return out;
}

function sameRule(a: DeadlineRule | undefined, b: DeadlineRule | undefined): boolean {
  return a === b || (!!a && !!b && a.amount === b.amount && a.unit === b.unit);
}

// ---- Help texts ----------------------------------------------------------------------------------------

const CHANNEL_NAMES: Record<Channel, { zh: string; en: string }> = {
  hotline: { zh: "热线", en: "hotline" },
  mailbox: { zh: "信箱", en: "mailbox" },
  weibo: { zh: "微博评论", en: "Weibo comments" },
};

/** "5 个工作日" / "1 天" / "5 working days" / "1 day". */
export function formatDeadlineRule(rule: DeadlineRule, lang: "zh-CN" | "en"): string {
  if (lang === "en") return `${rule.amount} ${rule.unit === "workdays" ? "working day" : "day"}${rule.amount === 1 ? "" : "s"}`;
  return `${rule.amount} ${rule.unit === "workdays" ? "个工作日" : "天"}`;
}

/** The deadline rules in effect as one phrase: channels, then the type rules. */
export function deadlineSummary(d: MetricDefinitions, lang: "zh-CN" | "en"): string {
  const zh = lang !== "en";
  const channels = CHANNELS.map((c) => `${CHANNEL_NAMES[c][zh ? "zh" : "en"]} ${formatDeadlineRule(d.replyDeadline[c], lang)}`).join(zh ? "、" : ", ");
  const types = CHANNELS.flatMap((c) =>
    Object.entries(d.replyDeadlineByType?.[c] ?? {}).map(([type, rule]) => `${CHANNEL_NAMES[c][zh ? "zh" : "en"]}·${type} ${formatDeadlineRule(rule, lang)}`),
  );
  if (types.length === 0) return channels;
  return zh ? `${channels}；按类型：${types.join("、")}` : `${channels}; by type: ${types.join(", ")}`;
}

const DEFAULT_DEADLINE_TEXT = { zh: "（热线 5 个工作日、信箱 10 个工作日、微博评论 1 天）", en: "(hotline 5 working days, mailbox 10, Weibo comments 1 day)" };

/** metricHelp with the configured numbers, and the on-time rate's deadlines as configured (its text names the defaults). */
export function configuredMetricHelp(key: MetricKey, lang: "zh-CN" | "en", d: MetricDefinitions = METRIC_DEFINITIONS): string {
  const text = metricHelp(key, lang, d);
  if (key !== "onTimeRate" || deadlineSummary(d, lang) === deadlineSummary(METRIC_DEFINITIONS, lang)) return text;
  const zh = lang !== "en";
  const summary = deadlineSummary(d, lang);
  const defaults = DEFAULT_DEADLINE_TEXT[zh ? "zh" : "en"];
  if (text.includes(defaults)) return text.replace(defaults, zh ? `（本地修订：${summary}）` : `(as configured: ${summary})`);
  return zh ? `${text}（本地修订时限：${summary}）` : `${text} (Deadlines as configured: ${summary}.)`;
}

// ---- Deadlines per channel and item type ---------------------------------------------------------------

/**
 * Resolves an item's reply deadline with the type rules: the source's due_at, else the rule for its channel
 * and type, else the channel's. One DeadlineCalculator per configured type (each with that type's rules over
 * the channel rules), so db/metrics/deadlines.ts does the calendar arithmetic and warnings as always.
 */
export class ConfiguredDeadlines {
  private readonly base: DeadlineCalculator;
  private readonly byType = new Map<string, DeadlineCalculator>();

  constructor(d: MetricDefinitions = METRIC_DEFINITIONS) {
    this.base = new DeadlineCalculator(d.replyDeadline);
    const types = new Set(CHANNELS.flatMap((c) => Object.keys(d.replyDeadlineByType?.[c] ?? {})));
    for (const type of types) {
      const rules = Object.fromEntries(CHANNELS.map((c) => [c, d.replyDeadlineByType?.[c]?.[type] ?? d.replyDeadline[c]])) as Record<Channel, DeadlineRule>;
      this.byType.set(type, new DeadlineCalculator(rules));
    }
  }

  deadline(channel: string, type: string | null | undefined, receivedAt: number, dueAt: number | null): number {
    const calculator = (type && this.byType.get(type.trim())) || this.base;
    return calculator.deadline(channel, receivedAt, dueAt);
  }

  /** One warning per year whose holidays the calendar does not know. */
  warnings(): CalendarWarning[] {
    const byYear = new Map<number, CalendarWarning>();
    for (const c of [this.base, ...this.byType.values()]) for (const w of c.warnings()) byYear.set(w.year, w);
    return [...byYear.values()].sort((a, b) => a.year - b.year);
  }
}

/**
 * refreshDeadlines with the type rules: recomputes every item's deadline_at from the 口径 in effect (default: the
 * database's own), in one transaction. `items` counts the items whose deadline actually changed.
 */
export function refreshConfiguredDeadlines(db: Db, d: MetricDefinitions = loadDefinitions(db)): { items: number; warnings: CalendarWarning[] } {
  const sqlite: Database.Database = db.$client;
  const calculator = new ConfiguredDeadlines(d);
  sqlite.function("minyi_configured_deadline", { deterministic: true }, (channel: unknown, type: unknown, receivedAt: unknown, dueAt: unknown) =>
    calculator.deadline(String(channel), type == null ? null : String(type), Number(receivedAt), dueAt == null ? null : Number(dueAt)),
  );
  const result = sqlite.transaction(() =>
    sqlite
      .prepare(
        `UPDATE items SET deadline_at = n.deadline
         FROM (SELECT id, minyi_configured_deadline(channel, type, received_at, due_at) AS deadline FROM items) AS n
         WHERE items.id = n.id AND items.deadline_at IS NOT n.deadline`,
      )
      .run(),
  ).immediate();
  return { items: result.changes, warnings: calculator.warnings() };
}

// ---- Saving and the change log -------------------------------------------------------------------------

export type ChangeValue = number | DeadlineRule | null;

export interface FieldChange {
  /** "replyDeadline.mailbox", "replyDeadlineByType.mailbox.投诉", "assessmentStartDay", … */
  field: string;
  from: ChangeValue;
  to: ChangeValue;
}

export interface ChangeLogEntry {
  at: number;
  by: string;
  action: "save" | "reset";
  note?: string;
  /** The local revision after this change (0 = the defaults). */
  revision: number;
  changes: FieldChange[];
  /** Items whose stored deadline changed with this save. */
  deadlineItemsChanged: number;
}

export interface SaveResult {
  definitions: MetricDefinitions;
  changes: FieldChange[];
  /** The deadline rules changed, so stored deadlines were recomputed. */
  deadlinesRecomputed: boolean;
  deadlineItemsChanged: number;
  calendarWarnings: CalendarWarning[];
  revision: number;
}

/** What differs between two 口径 in the revisable fields. */
export function diffDefinitions(a: MetricDefinitions, b: MetricDefinitions): FieldChange[] {
  const out: FieldChange[] = [];
  for (const c of CHANNELS) if (!sameRule(a.replyDeadline[c], b.replyDeadline[c])) out.push({ field: `replyDeadline.${c}`, from: a.replyDeadline[c], to: b.replyDeadline[c] });
  for (const c of CHANNELS) {
    const types = new Set([...Object.keys(a.replyDeadlineByType?.[c] ?? {}), ...Object.keys(b.replyDeadlineByType?.[c] ?? {})]);
    for (const type of [...types].sort((x, y) => x.localeCompare(y, "zh-CN"))) {
      const from = a.replyDeadlineByType?.[c]?.[type] ?? null;
      const to = b.replyDeadlineByType?.[c]?.[type] ?? null;
      if (!sameRule(from ?? undefined, to ?? undefined)) out.push({ field: `replyDeadlineByType.${c}.${type}`, from, to });
    }
  }
  const scalar = (field: "basicallySatisfiedWeight" | "minimumSample" | "dueSoonWorkdays") => {
    if (a[field] !== b[field]) out.push({ field, from: a[field], to: b[field] });
  };
  if ((a.assessmentStartDay ?? 1) !== (b.assessmentStartDay ?? 1)) out.push({ field: "assessmentStartDay", from: a.assessmentStartDay ?? 1, to: b.assessmentStartDay ?? 1 });
  scalar("basicallySatisfiedWeight");
  scalar("minimumSample");
  scalar("dueSoonWorkdays");
  return out;
}

const actorSchema = z.string().trim().min(1, "操作人：请填写您的姓名 / by: your name is required").max(40, "操作人：最多 40 个字符 / by: at most 40 characters");

/** The problem with an acting person's name, or null when it will do. */
export function actorProblem(name: string): string | null {
  const parsed = actorSchema.safeParse(name);
  return parsed.success ? null : parsed.error.issues[0].message;
}

function readLog(db: Db): ChangeLogEntry[] {
  const text = readSetting(db, DEFINITIONS_LOG_KEY);
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as ChangeLogEntry[]) : [];
  } catch {
    console.warn(`minyi: settings "${DEFINITIONS_LOG_KEY}" is not valid JSON; starting a new change log`);
    return [];
  }
}

/** The change log, newest first. */
export function definitionChangeLog(db: Db, limit = 50): ChangeLogEntry[] {
  return readLog(db).slice(-limit).reverse();
}

/**
 * Saves the local revisions (validated: throws DefinitionsValidationError naming each bad field, "by" included),
 * records who changed what, and, when the deadline rules changed, recomputes every stored deadline in the same
 * transaction. The overrides replace the saved ones as a whole; {} returns to the defaults.
 */
export function saveDefinitionOverrides(
  db: Db,
  overrides: DefinitionOverrides,
  actorName: string,
  options: { note?: string; action?: "save" | "reset"; now?: number } = {},
): SaveResult {
  const errors: Record<string, string> = {};
  const actor = actorSchema.safeParse(actorName);
  if (!actor.success) errors.by = actor.error.issues[0].message;
  const parsed = definitionOverridesSchema.safeParse(overrides);
  if (!parsed.success) Object.assign(errors, fieldErrorsOf(parsed.error));
  if (Object.keys(errors).length || !actor.success || !parsed.success) throw new DefinitionsValidationError(errors);

  const now = options.now ?? Date.now();
  const sqlite: Database.Database = db.$client;
  return sqlite.transaction((): SaveResult => {
    const previousStored = loadStoredDefinitions(db);
    const before = loadDefinitions(db);
    const minimal = minimalOverrides(METRIC_DEFINITIONS, parsed.data);
    const changed = hasOverrides(minimal);
    const revision = changed ? (previousStored?.revision ?? 0) + 1 : 0;
    const meta: LocalRevision | null = changed ? { revision, savedAt: now, savedBy: actor.data } : null;
    const after = applyOverrides(METRIC_DEFINITIONS, minimal, meta);
    const changes = diffDefinitions(before, after);
    // A stored document that failed validation goes when the defaults are saved over it.
    if (!previousStored && !meta && readSetting(db, DEFINITIONS_SETTING_KEY) !== undefined) sqlite.prepare("DELETE FROM settings WHERE key = ?").run(DEFINITIONS_SETTING_KEY);
    if (changes.length === 0) {
      // Nothing to change: keep the current revision and its label.
      return { definitions: before, changes, deadlinesRecomputed: false, deadlineItemsChanged: 0, calendarWarnings: [], revision: previousStored?.revision ?? 0 };
    }
    if (meta) writeSetting(db, DEFINITIONS_SETTING_KEY, JSON.stringify({ format: FORMAT, ...meta, overrides: minimal }), now);
    else sqlite.prepare("DELETE FROM settings WHERE key = ?").run(DEFINITIONS_SETTING_KEY);
    const deadlinesRecomputed = changes.some((c) => c.field.startsWith("replyDeadline"));
    const refreshed = deadlinesRecomputed ? refreshConfiguredDeadlines(db, after) : { items: 0, warnings: [] };
    const entry: ChangeLogEntry = {
      at: now, by: actor.data, action: options.action ?? "save", revision, changes, deadlineItemsChanged: refreshed.items,
      ...(options.note?.trim() ? { note: options.note.trim().slice(0, 200) } : {}),
    };
    writeSetting(db, DEFINITIONS_LOG_KEY, JSON.stringify([...readLog(db), entry].slice(-LOG_LIMIT)), now);
    return { definitions: after, changes, deadlinesRecomputed, deadlineItemsChanged: refreshed.items, calendarWarnings: refreshed.warnings, revision };
  }).immediate();
}

/** 恢复默认: drops every local revision (recorded in the change log like a save). */
export function resetDefinitionOverrides(db: Db, actorName: string, options: { note?: string; now?: number } = {}): SaveResult {
  return saveDefinitionOverrides(db, {}, actorName, { ...options, action: "reset" });
}
