// CSV and Excel exports of the items list and of the ranking tables (部门排名, 政务微博账号, 问题分类受理量): the page's
// URL parameters → the same selection or the same db/metrics rows as the page → a streamed file download.
// The export routes (app/routes/*.export.tsx) only call these.
import { csvStream } from "../../db/exports/csv";
import { ITEM_EXPORT_COLUMNS, itemsExportTable, type ItemExportColumnKey, type ItemExportLabels } from "../../db/exports/items";
import {
  DEPARTMENT_EXPORT_COLUMNS, departmentRankingTable, TOPIC_EXPORT_COLUMNS, topicsTable, WEIBO_EXPORT_COLUMNS, weiboAccountsTable,
  type DepartmentExportColumnKey, type TopicExportColumnKey, type WeiboExportColumnKey,
} from "../../db/exports/rankings";
import { shanghaiMinute, type Cell, type ExportTable } from "../../db/exports/table";
import { xlsxStream } from "../../db/exports/xlsx";
import { previousPeriod } from "../../db/metrics/period";
import { topTopics } from "../../db/metrics/topics";
import { catalogueNames } from "../../db/queries/items";
import { CHANNELS, ITEM_STATUSES, SATISFACTIONS, SENTIMENTS, SOLVED_VALUES } from "../../db/schema";
import { CHANNEL_LABEL, t, tf, type Lang, type MessageKey } from "../i18n/messages";
import { badRequest } from "./http-errors.server";
import { BadParamsError, parseExportFormat, type ExportFormat } from "./dashboard-params";
import { getDb } from "./db.server";
import { weiboData } from "./insights.server";
import { recordAudit } from "../../db/auth/audit";
import { clientAddress, currentSession } from "./auth.server";
import { itemsSelection } from "./items.server";
import { getDepartmentRanking, pageContext, type PageContext } from "./metrics.server";
// Downloads paced by the client under remix-serve (see the file): without it a slow client's export is buffered whole.
import "./http-backpressure.server";

/**
 * Whether this request may export personal data unmasked: an admin who asks for it (`personal=1`). Everyone
 * else, and an admin by default, gets masked exports (SPEC §7).
 */
export function mayExportPersonalData(request: Request): boolean {
  const session = currentSession(request);
  return session?.user.role === "admin" && new URL(request.url).searchParams.get("personal") === "1";
}

function formatOf(url: URL): ExportFormat {
  try {
    return parseExportFormat(url.searchParams);
  } catch (e) {
    if (e instanceof BadParamsError) {
      throw badRequest(`参数错误 / bad parameter: ${e.message}`);
    }
    throw e;
  }
}

/** RFC 6266 / 5987: an ASCII fallback name and the real (Chinese) one, percent-encoded as UTF-8. */
export function contentDisposition(name: string, asciiName: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** "20261201-2315" in Shanghai time, for file names. */
const stamp = (ms: number) => shanghaiMinute(ms).replace(/[-:]/g, "").replace(" ", "-");
const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, "_");

function download(table: ExportTable, format: ExportFormat, lang: Lang, names: { name: string; ascii: string; part: string }, signal: AbortSignal, ctx: PageContext, request: Request): Response {
  // Every export is in the audit log: who, which table, which filters, masked or not.
  recordAudit(getDb(), {
    action: "export", userId: ctx.user.id, userName: ctx.user.name, target: names.ascii, ip: clientAddress(request),
    detail: { format, url: new URL(request.url).search, masked: !mayExportPersonalData(request) },
  });
  const suffix = `${fileSafe(names.part)}_${stamp(Date.now())}.${format}`;
  const body = format === "csv" ? csvStream(table, { signal }) : xlsxStream(table, { signal, notesSheetName: t(lang, "export.notes") });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": CONTENT_TYPE[format],
      "Content-Disposition": contentDisposition(`${names.name}_${suffix}`, `${names.ascii}_${suffix}`),
      // Citizens' texts: never kept by a browser or proxy cache.
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Counts the rows as they pass, for the notes sheet (written after the rows). */
function counted(table: ExportTable, notes: (rows: number) => [string, string | number][]): ExportTable {
  let n = 0;
  const inner = table.rows;
  const rows: Iterator<Cell[]> = {
    next() {
      const r = inner.next();
      if (!r.done) n++;
      return r;
    },
    return(value?: unknown) {
      return inner.return?.(value) ?? { done: true, value: undefined };
    },
  };
  return { ...table, rows, notes: () => notes(n) };
}

function labelMap(lang: Lang, prefix: string, codes: readonly string[]): Record<string, string> {
  return Object.fromEntries(codes.map((c) => [c, t(lang, `${prefix}.${c}` as MessageKey)]));
}

/** The filters in words: "渠道：热线；承办单位：市生态环境局；口径：全口径". */
function filterText(ctx: PageContext, extra: [MessageKey, string | undefined][] = []): string {
  const { lang, filters } = ctx;
  const names = catalogueNames(getDb());
  const parts: [MessageKey, string | undefined][] = [
    ["filter.channel", filters.channel ? t(lang, CHANNEL_LABEL[filters.channel]) : undefined],
    ["filter.department", filters.departmentId !== undefined ? names.departments.get(filters.departmentId) ?? String(filters.departmentId) : undefined],
    ["filter.topic", filters.topicId !== undefined ? names.topics.get(filters.topicId) ?? String(filters.topicId) : undefined],
    ["filter.scope", t(lang, filters.includeExcluded ? "filter.scopeAll" : "filter.scopeAssessed")],
    ...extra,
  ];
  const sep = lang === "en" ? ": " : "：";
  return parts.filter(([, v]) => v).map(([k, v]) => `${t(lang, k)}${sep}${v}`).join(lang === "en" ? "; " : "；");
}

function commonNotes(ctx: PageContext, content: string, period: string, filters: string, rows: number): [string, string | number][] {
  const { lang } = ctx;
  return [
    [t(lang, "export.content"), content],
    [t(lang, "overview.period"), period],
    [t(lang, "export.filters"), filters || t(lang, "export.none")],
    [t(lang, "overview.asOf"), shanghaiMinute(ctx.asOf)],
    [t(lang, "export.exportedAt"), shanghaiMinute(Date.now())],
    [t(lang, "export.definitions"), `${ctx.definitions.version}（${ctx.definitions.effectiveFrom}）`],
    [t(lang, "export.rows"), rows],
  ];
}

// ---- items ----------------------------------------------------------------------------------------------

const ITEM_HEADER_KEYS: Record<ItemExportColumnKey, MessageKey> = {
  externalId: "items.id", channel: "filter.channel", source: "export.source", type: "export.type", receivedAt: "items.received",
  title: "export.title", body: "export.body", author: "export.author", location: "topics.place", department: "filter.department",
  topic1: "export.topic1", topic2: "export.topic2", status: "items.status", deadlineAt: "items.deadline", repliedAt: "export.repliedAt",
  closedAt: "export.closedAt", overdue: "export.overdue", satisfaction: "export.satisfaction", solved: "export.solved",
  sentiment: "items.sentiment", excluded: "export.excluded", needsReview: "export.needsReview", replyText: "export.replyText", id: "export.recordId",
};

export function itemExportLabels(lang: Lang): ItemExportLabels {
  return {
    headers: Object.fromEntries(ITEM_EXPORT_COLUMNS.map((c) => [c.key, t(lang, ITEM_HEADER_KEYS[c.key])])) as Record<ItemExportColumnKey, string>,
    channel: Object.fromEntries(CHANNELS.map((c) => [c, t(lang, CHANNEL_LABEL[c])])),
    status: labelMap(lang, "status", ITEM_STATUSES),
    sentiment: labelMap(lang, "sentiment", SENTIMENTS),
    satisfaction: labelMap(lang, "satisfaction", SATISFACTIONS),
    solved: labelMap(lang, "solved", SOLVED_VALUES),
    yes: t(lang, "export.yes"),
    no: t(lang, "export.no"),
  };
}

/** GET /items/export?format=csv|xlsx&…the list's parameters: every item of the filtered list (all pages). */
export function itemsExport(request: Request): Response {
  const url = new URL(request.url);
  const format = formatOf(url);
  const { ctx, params, range, selection } = itemsSelection(request);
  const { lang } = ctx;
  const mask = !mayExportPersonalData(request);
  const extra: [MessageKey, string | undefined][] = [
    ["items.search", params.q],
    ["items.backlog", params.backlog ? t(lang, `backlog.${params.backlog}` as MessageKey) : undefined],
    ["items.sentiment", params.sentiment ? t(lang, `sentiment.${params.sentiment}` as MessageKey) : undefined],
    ["items.status", params.status ? t(lang, `status.${params.status}` as MessageKey) : undefined],
    ["items.review", params.review === "1" ? t(lang, "export.yes") : undefined],
    ["items.sort", t(lang, `items.sort.${params.sort ?? "received_desc"}` as MessageKey)],
  ];
  const sheet = t(lang, "items.heading");
  const table = itemsExportTable(getDb(), selection, { labels: itemExportLabels(lang), mask, asOf: ctx.asOf, sheetName: sheet });
  const period = range ? ctx.periodLabel : t(lang, "items.anyTime");
  const withNotes = counted(table, (rows) => [
    ...commonNotes(ctx, sheet, period, filterText(ctx, extra), rows),
    [t(lang, "export.personalData"), t(lang, mask ? "export.masked" : "export.unmasked")],
  ]);
  return download(withNotes, format, lang, { name: sheet, ascii: "items", part: range ? ctx.period.key : "all" }, request.signal, ctx, request);
}

// ---- department ranking ------------------------------------------------------------------------------------

const DEPARTMENT_HEADER_KEYS: Record<DepartmentExportColumnKey, MessageKey> = {
  rank: "dept.rank", name: "dept.name", received: "dept.volume", answered: "export.answered", replyRate: "dept.replyRate",
  onTimeDue: "export.onTimeDue", onTimeRate: "dept.onTimeRate", resolved: "export.resolved", resolutionRate: "dept.resolutionRate",
  validRatings: "export.validRatings", satisfactionRate: "dept.satisfactionRate", medianReply: "dept.medianReply", overdue: "dept.overdue",
  composite: "dept.composite", note: "export.note",
};

/** The page's sortable columns (`sort=`), highest first with empty values last, as the page sorts them. */
const DEPARTMENT_SORT: Record<string, (r: ReturnType<typeof getDepartmentRanking>[number]) => number | null> = {
  received: (r) => r.counts.received, replyRate: (r) => r.replyRate, onTimeRate: (r) => r.onTimeRate, resolutionRate: (r) => r.resolutionRate,
  satisfactionRate: (r) => r.satisfactionRate, medianReply: (r) => r.replyWorkdays.median, overdue: (r) => r.overdue, composite: (r) => r.composite,
};

/** GET /departments/export?format=csv|xlsx&…the ranking page's parameters (period, filters, sort). */
export function departmentsExport(request: Request): Response {
  const url = new URL(request.url);
  const format = formatOf(url);
  const ctx = pageContext(request);
  const { lang } = ctx;
  let rows = getDepartmentRanking(ctx);
  const key = DEPARTMENT_SORT[url.searchParams.get("sort") ?? ""];
  if (key) {
    rows = [...rows].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x === null && y === null ? 0 : x === null ? 1 : y === null ? -1 : y - x;
    });
  }
  const sheet = t(lang, "dept.heading");
  const headers = Object.fromEntries(DEPARTMENT_EXPORT_COLUMNS.map((c) => [c.key, t(lang, DEPARTMENT_HEADER_KEYS[c.key])])) as Record<DepartmentExportColumnKey, string>;
  const table = departmentRankingTable(rows, { headers, unrouted: t(lang, "dept.unrouted"), unranked: t(lang, "dept.unranked") }, sheet);
  const withNotes = counted(table, (n) => [
    ...commonNotes(ctx, sheet, ctx.periodLabel, filterText(ctx), n),
    [t(lang, "dept.composite"), tf(lang, "dept.minSample", { n: ctx.definitions.minimumSample })],
  ]);
  return download(withNotes, format, lang, { name: sheet, ascii: "department-ranking", part: ctx.period.key }, request.signal, ctx, request);
}

// ---- government Weibo accounts -------------------------------------------------------------------------------

const WEIBO_HEADER_KEYS: Record<WeiboExportColumnKey, MessageKey> = {
  account: "weibo.account", posts: "weibo.posts", originalShare: "weibo.original", repostsPerPost: "weibo.reposts",
  commentsPerPost: "weibo.comments", likesPerPost: "weibo.likes", citizenComments: "weibo.citizenComments",
  repliedComments: "export.repliedComments", commentReplyRate: "weibo.replyRate", replyHours: "weibo.replyHours",
  lastPostAt: "weibo.lastPost", daysSinceLastPost: "weibo.silentDays", silentWarning: "export.silent",
};

/** GET /weibo/export?format=csv|xlsx&period=…: the accounts table of the Weibo page. */
export function weiboExport(request: Request): Response {
  const url = new URL(request.url);
  const format = formatOf(url);
  const ctx = pageContext(request);
  const { lang } = ctx;
  const sheet = t(lang, "export.weiboSheet");
  const headers = Object.fromEntries(WEIBO_EXPORT_COLUMNS.map((c) => [c.key, t(lang, WEIBO_HEADER_KEYS[c.key])])) as Record<WeiboExportColumnKey, string>;
  const warning = tf(lang, "weibo.silentWarning", { n: ctx.definitions.silentAccountDays });
  const table = weiboAccountsTable(weiboData(ctx).accounts, { headers, warning }, sheet);
  // The Weibo page takes the period only.
  const withNotes = counted(table, (n) => commonNotes(ctx, sheet, ctx.periodLabel, "", n));
  return download(withNotes, format, lang, { name: sheet, ascii: "weibo-accounts", part: ctx.period.key }, request.signal, ctx, request);
}

// ---- topic volumes ---------------------------------------------------------------------------------------

const TOPIC_HEADER_KEYS: Record<TopicExportColumnKey, MessageKey> = {
  level: "export.level", topic: "filter.topic", parent: "export.parentTopic", count: "kpi.volume", previous: "export.previous",
  change: "kpi.vsPrevious", share: "export.share",
};

/** GET /topics/export?format=csv|xlsx&…: every first- and second-level topic's volume with 环比 (the page charts the top ones). */
export function topicsExport(request: Request): Response {
  const url = new URL(request.url);
  const format = formatOf(url);
  const ctx = pageContext(request);
  const { lang } = ctx;
  const db = getDb();
  const previous = previousPeriod(ctx.period);
  const level1 = topTopics(db, ctx.period, previous, ctx.filters, { level: 1, limit: 10_000 });
  const level2 = topTopics(db, ctx.period, previous, ctx.filters, { level: 2, limit: 10_000 });
  const sheet = t(lang, "export.topicsSheet");
  const headers = Object.fromEntries(TOPIC_EXPORT_COLUMNS.map((c) => [c.key, t(lang, TOPIC_HEADER_KEYS[c.key])])) as Record<TopicExportColumnKey, string>;
  const table = topicsTable(level1, level2, headers, sheet);
  const withNotes = counted(table, (n) => commonNotes(ctx, sheet, ctx.periodLabel, filterText(ctx), n));
  return download(withNotes, format, lang, { name: sheet, ascii: "topics", part: ctx.period.key }, request.signal, ctx, request);
}
