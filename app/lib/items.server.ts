// The items list and item detail for the pages, and the item actions (routing correction, exclusion).
import { z } from "zod";
import { excludeItem, revokeExclusion } from "../../db/queries/exclusions";
import { catalogueNames, itemDetail, listItems, topicChoices, type ItemListSelection } from "../../db/queries/items";
import { recordCorrection } from "../../db/queries/nlp";
import { EXCLUSION_REASONS } from "../../db/schema";
import { normalizeText } from "../../ingest/nlp/normalize";
import { maskPersonalData } from "../../db/privacy/mask";
import { sharedSegmenter } from "../../ingest/nlp/segment";
import { badRequest } from "./http-errors.server";
import { BadParamsError, parseItemsParams, type ItemsParams } from "./dashboard-params";
import { recordAudit } from "../../db/auth/audit";
import type { User } from "../../db/auth/users";
import { clientAddress, requireCsrf, requireRole, requireUser } from "./auth.server";
import { getDb } from "./db.server";
import { dataCutoff } from "../../db/metrics/overview";
import { pageContext, type PageContext } from "./metrics.server";

/** A query's words (jieba), each with the parts jieba's search mode finds inside it (what the index holds). */
export function searchWords(query: string): { word: string; parts: string[] }[] {
  const segmenter = sharedSegmenter();
  return segmenter.words(normalizeText(query)).map((word) => ({ word, parts: segmenter.searchWords(word).filter((p) => p !== word) }));
}

/** The list's URL → which items it shows and in what order (the page and its exports read the same). */
export function itemsSelection(request: Request): { ctx: PageContext; params: ItemsParams; range: PageContext["period"] | undefined; selection: ItemListSelection } {
  const ctx = pageContext(request);
  const url = new URL(request.url);
  let params: ItemsParams;
  try {
    params = parseItemsParams(url.searchParams);
  } catch (e) {
    if (e instanceof BadParamsError) throw badRequest(`参数错误 / bad parameter: ${e.message}`);
    throw e;
  }
  // The backlog is "as of now", whatever the period: a period limits it only when one is asked for.
  const range = params.backlog && !params.period ? undefined : ctx.period;
  const selection: ItemListSelection = {
    filters: ctx.filters, range, asOf: ctx.asOf, search: params.q, searchWords: params.q ? searchWords(params.q) : undefined,
    backlog: params.backlog, definitions: ctx.definitions, sentiment: params.sentiment,
    status: params.status, needsReview: params.review === "1", sort: params.sort,
  };
  return { ctx, params, range, selection };
}

export function itemsPage(request: Request) {
  const { ctx, params, range, selection } = itemsSelection(request);
  const result = listItems(getDb(), { ...selection, page: params.page });
  // Personal data is masked in lists until roles decide who may see it (the access issue).
  const rows = result.rows.map((r) => ({ ...r, title: r.title && maskPersonalData(r.title), excerpt: r.excerpt && maskPersonalData(r.excerpt) }));
  return { ctx, params, range: range ? { start: range.start, end: range.end } : null, ...result, rows };
}

/** The item, if this account may see it: department staff see their department's items only (else 404). */
function visibleItem(db: ReturnType<typeof getDb>, id: number, user: User) {
  const detail = itemDetail(db, id);
  if (!detail || (user.role === "department" && detail.item.routedDepartmentId !== user.departmentId)) {
    throw new Response("诉求不存在 / no such item", { status: 404 });
  }
  return detail;
}

export function itemPage(request: Request, id: number) {
  const { user } = requireUser(request);
  const db = getDb();
  const detail = visibleItem(db, id, user);
  const names = catalogueNames(db);
  // Personal data is masked for every role but admin (SPEC §7), who may need the caller's number to act.
  const mask = (s: string | null) => (s && user.role !== "admin" ? maskPersonalData(s) : s);
  return {
    asOf: dataCutoff(db),
    personalDataShown: user.role === "admin",
    item: detail.item,
    texts: { title: mask(detail.texts.title), body: mask(detail.texts.body), replyText: mask(detail.texts.replyText), raw: mask(detail.texts.raw) },
    nlp: detail.nlp,
    routedDepartment: detail.routedDepartment,
    sourceDepartment: detail.sourceDepartment,
    routedTopic: detail.routedTopic,
    predictedDepartment: detail.item.predictedDepartmentId ? names.departments.get(detail.item.predictedDepartmentId) ?? null : null,
    predictedTopic: detail.item.predictedTopicId ? names.topics.get(detail.item.predictedTopicId) ?? null : null,
    corrections: detail.corrections.map((c) => ({
      ...c,
      previous: c.previousId === null ? null : (c.field === "department" ? names.departments : names.topics).get(c.previousId) ?? String(c.previousId),
      next: (c.field === "department" ? names.departments : names.topics).get(c.newId) ?? String(c.newId),
    })),
    exclusions: detail.exclusions,
    departments: [...names.departments.entries()].map(([id, name]) => ({ id, name })),
    topics: topicChoices(db),
  };
}

// The actor is the signed-in account (set by itemAction, not typed into the form).
const actor = z.string().trim().min(1).max(40);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("correct"), field: z.enum(["department", "topic"]), value: z.coerce.number().int().positive(), by: actor, note: z.string().trim().max(200).optional() }),
  z.object({ intent: z.literal("exclude"), reason: z.enum(EXCLUSION_REASONS), by: actor, note: z.string().trim().max(200).optional() }),
  z.object({ intent: z.literal("revoke"), by: actor }),
]);

/** Applies a posted item action; a validation problem is returned (not thrown) so the form can show it. */
/** Who may correct and exclude: not leaders (they read), department staff on their own items only. */
const EDITORS = ["admin", "analyst", "department"] as const;

export function itemAction(request: Request, id: number, form: FormData): { ok: true; message: string } | { ok: false; error: string } {
  const session = requireRole(request, [...EDITORS]);
  requireCsrf(request, form, session);
  const db = getDb();
  visibleItem(db, id, session.user);
  const parsed = actionSchema.safeParse({ ...Object.fromEntries(form), by: session.user.name });
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const a = parsed.data;
  const audit = (action: "correction" | "exclusion", detail: unknown) =>
    recordAudit(db, { action, userId: session.user.id, userName: session.user.name, target: `item:${id}`, detail, ip: clientAddress(request) });
  if (a.intent === "correct") {
    recordCorrection(db, { itemId: id, field: a.field, newId: a.value, correctedBy: a.by, note: a.note || undefined });
    audit("correction", { field: a.field, value: a.value, note: a.note });
    return { ok: true, message: "saved" };
  }
  if (a.intent === "exclude") {
    excludeItem(db, { itemId: id, reason: a.reason, note: a.note || undefined, by: a.by });
    audit("exclusion", { reason: a.reason, note: a.note });
    return { ok: true, message: "excluded" };
  }
  revokeExclusion(db, { itemId: id, by: a.by });
  audit("exclusion", { revoked: true });
  return { ok: true, message: "revoked" };
}

export type { PageContext };
