// Settings (设置): the demo badge, and the settings page's data and form action for the 口径 an admin may revise
// locally (db/metrics/configured-definitions.ts has the model, validation, storage and the change log).
import {
  DefinitionsValidationError,
  actorProblem,
  assessmentStartDayOf,
  definitionChangeLog,
  loadDefinitions,
  loadStoredDefinitions,
  resetDefinitionOverrides,
  saveDefinitionOverrides,
  validateDefinitionOverrides,
  type DefinitionOverrides,
  type SaveResult,
} from "../../db/metrics/configured-definitions";
import { METRIC_DEFINITIONS, type DeadlineRule } from "../../db/metrics/definitions";
import { dataCutoff } from "../../db/metrics/overview";
import { periodContaining } from "../../db/metrics/period";
import { isDemoData } from "../../db/queries/settings";
import { CHANNELS, type Channel } from "../../db/schema";
import { recordAudit } from "../../db/auth/audit";
import { clientAddress, requireCsrf, requireRole } from "./auth.server";
import { getDb } from "./db.server";

/** True when the database holds generated demo data (the page then shows a badge). */
export function getIsDemoData(): boolean {
  return isDemoData(getDb());
}

/** Item types offered on the form even before any item has them (the usual 诉求类型 of each channel). */
const USUAL_TYPES: Record<Channel, string[]> = {
  hotline: ["咨询", "投诉", "建议", "求助", "举报"],
  mailbox: ["咨询", "投诉", "建议", "求助", "举报"],
  weibo: ["评论"],
};
/** Most frequent stored types listed per channel (the form has a row to add any other). */
const TYPES_PER_CHANNEL = 20;

export interface TypeRow {
  type: string;
  items: number;
  rule: DeadlineRule | null;
}

/** Everything the settings page shows: the values in effect, the defaults beside them, the types and the log. */
export function settingsPage(request: Request) {
  requireRole(request, ["admin"]);
  const db = getDb();
  const d = loadDefinitions(db);
  const stored = loadStoredDefinitions(db);
  const counts = db.$client
    .prepare("SELECT channel, trim(type) AS type, count(*) AS n FROM items WHERE type IS NOT NULL AND trim(type) <> '' GROUP BY channel, trim(type) ORDER BY n DESC")
    .all() as { channel: string; type: string; n: number }[];
  const types = Object.fromEntries(
    CHANNELS.map((c) => {
      const stored = counts.filter((r) => r.channel === c).slice(0, TYPES_PER_CHANNEL);
      const names = new Set([...stored.map((r) => r.type), ...Object.keys(d.replyDeadlineByType?.[c] ?? {}), ...USUAL_TYPES[c]]);
      const rows: TypeRow[] = [...names].map((type) => ({
        type,
        items: counts.find((r) => r.channel === c && r.type === type)?.n ?? 0,
        rule: d.replyDeadlineByType?.[c]?.[type] ?? null,
      }));
      return [c, rows];
    }),
  ) as Record<Channel, TypeRow[]>;
  const startDay = assessmentStartDayOf(d);
  const example = periodContaining("assessment", dataCutoff(db), { assessmentStartDay: startDay });
  return {
    version: d.version,
    baseVersion: METRIC_DEFINITIONS.version,
    effectiveFrom: d.effectiveFrom,
    revision: stored ? { revision: stored.revision, savedAt: stored.savedAt, savedBy: stored.savedBy } : null,
    current: {
      replyDeadline: d.replyDeadline,
      assessmentStartDay: startDay,
      basicallySatisfiedWeight: d.basicallySatisfiedWeight,
      minimumSample: d.minimumSample,
      dueSoonWorkdays: d.dueSoonWorkdays,
    },
    defaults: {
      replyDeadline: METRIC_DEFINITIONS.replyDeadline,
      assessmentStartDay: METRIC_DEFINITIONS.assessmentStartDay ?? 1,
      basicallySatisfiedWeight: METRIC_DEFINITIONS.basicallySatisfiedWeight,
      minimumSample: METRIC_DEFINITIONS.minimumSample,
      dueSoonWorkdays: METRIC_DEFINITIONS.dueSoonWorkdays,
    },
    types,
    assessmentExample: { key: example.key, firstDay: example.firstDay, lastDay: example.lastDay },
    log: definitionChangeLog(db, 30),
  };
}

export type SettingsPageData = ReturnType<typeof settingsPage>;

export type SettingsActionResult =
  | { ok: true; action: "save" | "reset"; changes: number; deadlinesRecomputed: boolean; deadlineItemsChanged: number; calendarYears: number[] }
  | { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> };

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
/** An empty field means "the default"; anything else must be a number (NaN fails validation with the field's message). */
const numberOrUndefined = (raw: string) => (raw === "" ? undefined : Number(raw));

/**
 * The form's fields → overrides, with a map from each override path to the form field it came from (errors are
 * shown beside the field). Form fields: deadline.<channel>.amount|unit, type.<channel>.<i>.name|amount|unit,
 * assessmentStartDay, basicallySatisfiedWeight, minimumSample, dueSoonWorkdays.
 */
export function overridesFromForm(form: FormData): { overrides: DefinitionOverrides; fields: [string, string][]; errors: Record<string, string> } {
  const fields: [string, string][] = [];
  const errors: Record<string, string> = {};
  const overrides: Record<string, unknown> = {};
  const replyDeadline: Record<string, unknown> = {};
  const byType: Record<string, Record<string, unknown>> = {};
  for (const c of CHANNELS) {
    const amount = text(form, `deadline.${c}.amount`);
    if (amount !== "") {
      replyDeadline[c] = { amount: numberOrUndefined(amount), unit: text(form, `deadline.${c}.unit`) || METRIC_DEFINITIONS.replyDeadline[c].unit };
      fields.push([`replyDeadline.${c}`, `deadline.${c}`]);
    }
    const rows: Record<string, unknown> = {};
    for (let i = 0; form.has(`type.${c}.${i}.name`); i++) {
      const name = text(form, `type.${c}.${i}.name`);
      const rowAmount = text(form, `type.${c}.${i}.amount`);
      if (rowAmount === "") continue; // empty: the type follows its channel
      if (name === "") {
        errors[`type.${c}.${i}.name`] = "诉求类型：请填写类型名称 / type: enter the item type";
        continue;
      }
      if (name in rows) {
        errors[`type.${c}.${i}.name`] = `诉求类型“${name}”重复 / type "${name}" is listed twice`;
        continue;
      }
      rows[name] = { amount: numberOrUndefined(rowAmount), unit: text(form, `type.${c}.${i}.unit`) || "workdays" };
      fields.push([`replyDeadlineByType.${c}.${name}`, `type.${c}.${i}`]);
    }
    if (Object.keys(rows).length) byType[c] = rows;
  }
  if (Object.keys(replyDeadline).length) overrides.replyDeadline = replyDeadline;
  if (Object.keys(byType).length) overrides.replyDeadlineByType = byType;
  for (const name of ["assessmentStartDay", "basicallySatisfiedWeight", "minimumSample", "dueSoonWorkdays"] as const) {
    const value = numberOrUndefined(text(form, name));
    if (value !== undefined) overrides[name] = value;
    fields.push([name, name]);
  }
  return { overrides: overrides as DefinitionOverrides, fields, errors };
}

/** A validation error's path ("replyDeadlineByType.mailbox.投诉.amount") → the form field it belongs to. */
function formFieldOf(path: string, fields: [string, string][]): string {
  for (const [prefix, field] of [...fields].sort((a, b) => b[0].length - a[0].length)) {
    if (path === prefix) return field.startsWith("type.") ? `${field}.name` : field;
    if (path.startsWith(`${prefix}.`)) return `${field}${path.slice(prefix.length)}`;
  }
  return path;
}

/** Applies the posted settings form (intent save or reset); validation problems are returned for the form to show. */
export function settingsAction(request: Request, form: FormData): SettingsActionResult {
  const session = requireRole(request, ["admin"]);
  requireCsrf(request, form, session);
  // The signed-in account is the one acting, whatever a form field says.
  form.set("by", session.user.name);
  const db = getDb();
  const intent = text(form, "intent") === "reset" ? "reset" : "save";
  const by = text(form, "by");
  const note = text(form, "note") || undefined;
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  const parsed = intent === "save" ? overridesFromForm(form) : { overrides: {}, fields: [] as [string, string][], errors: {} };
  let result: SaveResult;
  try {
    if (Object.keys(parsed.errors).length) {
      // Row problems (a type without a name, a type twice): report them with every other problem, save nothing.
      const errors: Record<string, string> = { ...parsed.errors };
      const actor = actorProblem(by);
      if (actor) errors.by = actor;
      try {
        validateDefinitionOverrides(parsed.overrides);
      } catch (e) {
        if (!(e instanceof DefinitionsValidationError)) throw e;
        Object.assign(errors, e.fieldErrors);
      }
      throw new DefinitionsValidationError(errors);
    }
    result = intent === "reset" ? resetDefinitionOverrides(db, by, { note }) : saveDefinitionOverrides(db, parsed.overrides, by, { note });
  } catch (e) {
    if (!(e instanceof DefinitionsValidationError)) throw e;
    const fieldErrors: Record<string, string> = {};
    for (const [path, message] of Object.entries(e.fieldErrors)) fieldErrors[path.startsWith("type.") ? path : formFieldOf(path, parsed.fields)] ??= message;
    return { ok: false, fieldErrors, values };
  }
  recordAudit(db, { action: "settings", userId: session.user.id, userName: session.user.name, target: intent, detail: { changes: result.changes, note }, ip: clientAddress(request) });
  return {
    ok: true,
    action: intent,
    changes: result.changes.length,
    deadlinesRecomputed: result.deadlinesRecomputed,
    deadlineItemsChanged: result.deadlineItemsChanged,
    calendarYears: result.calendarWarnings.map((w) => w.year),
  };
}
