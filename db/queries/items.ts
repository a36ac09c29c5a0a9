// The items list (诉求列表) and one item's detail: the rows behind every number on the dashboard, with the same
// filters the metrics use (db/metrics/scope.ts), plus search, item-level filters, sorting and paging.
import { and, asc, desc, eq, gte, inArray, like, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { backlog, backlogConditions } from "../metrics/backlog";
import { rateCounts } from "../metrics/rates";
import { shanghaiDayNumberStart } from "../time";
import type { MetricDefinitions } from "../metrics/definitions";
import { filterConditions, type MetricFilters, type TimeRange } from "../metrics/scope";
import { gramMonthsBetween, gramSearchable, gramsMatch } from "../search/grams";
import { gramsUsable } from "../search/grams-index";
import { departments, itemCorrections, itemExclusions, itemNlp, items, itemTexts, topics, type ItemStatus, type Sentiment } from "../schema";

export interface ItemListQuery {
  filters: MetricFilters;
  /** Received in this range; none = any time. */
  range?: TimeRange;
  search?: string;
  /**
   * The search text cut into words by the caller (jieba), each with the shorter words jieba's search mode finds
   * inside it: matched through the full-text index, a word or all of its parts ("施工噪音" or 施工 + 噪音).
   */
  searchWords?: { word: string; parts: string[] }[];
  backlog?: "open" | "dueSoon" | "overdue";
  /** The 口径 in effect (its due-soon window); default METRIC_DEFINITIONS. */
  definitions?: MetricDefinitions;
  asOf: number;
  sentiment?: Sentiment;
  status?: ItemStatus;
  needsReview?: boolean;
  sort?: "received_desc" | "received_asc" | "deadline_asc" | "answered_desc";
  page?: number;
  pageSize?: number;
}

/** Which items a list shows and in what order, without the paging: what an export of the list reads. */
export type ItemListSelection = Omit<ItemListQuery, "page" | "pageSize">;

export interface ItemListRow {
  id: number;
  channel: string;
  externalId: string;
  title: string | null;
  excerpt: string | null;
  receivedAt: number;
  deadlineAt: number | null;
  answeredAt: number | null;
  status: string;
  department: string | null;
  topic: string | null;
  sentiment: string | null;
  needsReview: boolean;
  excluded: boolean;
}

/** LIKE wildcards in user text are matched literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The list's WHERE conditions: the metrics' filters plus the item-level ones and search. The one builder for the
 * page and its exports (db/exports/items.ts), so an export always holds exactly the rows of the list.
 */
export function itemListConditions(db: Db, q: ItemListSelection): SQL[] {
  const out = filterConditions(db, q.filters);
  if (q.range) out.push(gte(items.receivedAt, q.range.start), lt(items.receivedAt, q.range.end));
  if (q.backlog) out.push(backlogConditions(q.backlog, q.asOf, q.definitions));
  if (q.sentiment) out.push(eq(items.sentiment, q.sentiment));
  if (q.status) out.push(eq(items.status, q.status));
  if (q.needsReview) out.push(eq(items.needsReview, true));
  const kind = searchKind(db, q);
  if (kind === "words") {
    // Every word must occur: "垃圾清运" → "垃圾" AND "清运". Quotes make each word a literal phrase.
    const quote = (w: string) => `"${w.replace(/"/g, '""')}"`;
    const match = q.searchWords!
      .map(({ word, parts }) => (parts.length > 1 ? `(${quote(word)} OR (${parts.map(quote).join(" AND ")}))` : quote(word)))
      .join(" AND ");
    out.push(sql`${items.id} IN (SELECT rowid FROM item_search WHERE item_search MATCH ${match})`);
  } else if (kind === "grams") out.push(gramsCondition(db, q.search!, q.range));
  else if (kind === "like") {
    const pattern = likePattern(q.search!);
    out.push(or(sql`${itemTexts.title} LIKE ${pattern} ESCAPE '\\'`, sql`${itemTexts.body} LIKE ${pattern} ESCAPE '\\'`, like(items.externalId, pattern))!);
  }
  return out;
}

/**
 * How a search is answered:
 * - "words": the word index (jieba), for queries of three or more characters whose words all have two or more;
 * - "grams": otherwise a substring search, through the gram index when it is up to date and the text is one run of
 *   letters and digits (db/search/grams.ts);
 * - "like": the same substring search by LIKE over the texts, the only kind whose condition reads item_texts.
 */
export function searchKind(db: Db, q: ItemListSelection): "words" | "grams" | "like" | null {
  if (!q.search) return null;
  const indexable = q.searchWords && q.searchWords.length > 0 && q.searchWords.every((w) => w.word.length >= 2);
  if (indexable && q.search.replace(/\s+/g, "").length >= 3 && hasSearchIndex(db)) return "words";
  return gramSearchable(q.search) && gramsUsable(db) ? "grams" : "like";
}

/** Items whose title, body or external id contains `text`, through the gram index: what LIKE finds. */
function gramsCondition(db: Db, text: string, range: TimeRange | undefined): SQL {
  // Two subqueries: SQLite answers a lone min() or max() from the index, but not both in one SELECT.
  const data = db
    .select({ first: sql<number | null>`(SELECT min(${items.receivedAt}) FROM ${items})`, last: sql<number | null>`(SELECT max(${items.receivedAt}) FROM ${items})` })
    .from(sql`(SELECT 1)`)
    .get();
  if (!data || data.first === null || data.last === null) return sql`0`;
  const from = Math.max(range?.start ?? data.first, data.first);
  const to = Math.min(range ? range.end - 1 : data.last, data.last);
  if (from > to) return sql`0`;
  return sql`${items.id} IN (SELECT rowid FROM item_grams WHERE item_grams MATCH ${gramsMatch(text, gramMonthsBetween(from, to))})`;
}

/** The index is filled by the NLP pass; without it (imports run with --no-nlp) search falls back to LIKE. */
function hasSearchIndex(db: Db): boolean {
  return db.$client.prepare("SELECT 1 FROM item_search LIMIT 1").get() !== undefined;
}

/** The list's sort orders (each ends with the id, so the order is total and stable). */
export const ITEM_LIST_ORDER = {
  received_desc: [desc(items.receivedAt), desc(items.id)],
  received_asc: [asc(items.receivedAt), asc(items.id)],
  deadline_asc: [sql`${items.deadlineAt} IS NULL`, asc(items.deadlineAt), asc(items.id)],
  answered_desc: [sql`${items.answeredAt} IS NULL`, desc(items.answeredAt), desc(items.id)],
} as const;

/** All of time as whole Shanghai days (the rollups answer it): day 0 to a day far beyond any data. */
const ALL_TIME = { start: shanghaiDayNumberStart(0), end: shanghaiDayNumberStart(200_000) };

/**
 * The list's total when it is a number the metrics already count: the items received in the period (or ever)
 * that pass the dashboard's filters, or a backlog count. Those come from the daily rollups, so a list of a
 * month's 70,000 items does not count them one by one; the numbers are the ones the overview links from.
 */
function countFromMetrics(db: Db, q: ItemListQuery): number | null {
  if (q.search || q.sentiment || q.status || q.needsReview) return null;
  if (q.backlog) return q.range ? null : backlog(db, q.filters, q.asOf, q.definitions)[q.backlog];
  return rateCounts(db, q.range ?? ALL_TIME, q.filters).received;
}

function countItems(db: Db, where: SQL | undefined, readsTexts: boolean): number {
  // The texts are joined only for the LIKE search, the one condition that reads them.
  const base = db.select({ n: sql<number>`count(*)` }).from(items);
  return (readsTexts ? base.innerJoin(itemTexts, eq(itemTexts.itemId, items.id)) : base).where(where).get()!.n;
}

export function listItems(db: Db, q: ItemListQuery): { rows: ItemListRow[]; total: number; page: number; pageSize: number } {
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
  const page = Math.max(q.page ?? 1, 1);
  const where = and(...itemListConditions(db, q));
  const dept = alias(departments, "d");
  const topic = alias(topics, "tp");
  const readsTexts = searchKind(db, q) === "like";
  const total = countFromMetrics(db, q) ?? countItems(db, where, readsTexts);
  const order = ITEM_LIST_ORDER[q.sort ?? "received_desc"];
  // The page's ids first, then their columns: sorting thousands of search matches then carries two numbers
  // each, not the joined row (an item always has its item_texts row: the import writes both together).
  const ids = db.select({ id: items.id }).from(items);
  const pageIds = (readsTexts ? ids.innerJoin(itemTexts, eq(itemTexts.itemId, items.id)) : ids)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all()
    .map((r) => r.id);
  if (pageIds.length === 0) return { rows: [], total, page, pageSize };
  const rows = db
    .select({
      id: items.id, channel: items.channel, externalId: items.externalId, title: itemTexts.title,
      excerpt: sql<string | null>`substr(${itemTexts.body}, 1, 80)`, receivedAt: items.receivedAt, deadlineAt: items.deadlineAt,
      answeredAt: items.answeredAt, status: items.status, department: dept.name, topic: topic.name, sentiment: items.sentiment,
      needsReview: items.needsReview, excluded: items.excluded,
    })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .leftJoin(dept, eq(dept.id, items.routedDepartmentId))
    .leftJoin(topic, eq(topic.id, items.routedTopicId))
    .where(inArray(items.id, pageIds))
    .orderBy(...order)
    .all();
  return { rows, total, page, pageSize };
}

export function itemDetail(db: Db, id: number) {
  const routedDept = alias(departments, "rd");
  const sourceDept = alias(departments, "sd");
  const routedTopic = alias(topics, "rt");
  const item = db
    .select({
      item: items, texts: itemTexts, nlp: itemNlp, routedDepartment: routedDept.name, sourceDepartment: sourceDept.name, routedTopic: routedTopic.name,
    })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .leftJoin(itemNlp, eq(itemNlp.itemId, items.id))
    .leftJoin(routedDept, eq(routedDept.id, items.routedDepartmentId))
    .leftJoin(sourceDept, eq(sourceDept.id, items.departmentId))
    .leftJoin(routedTopic, eq(routedTopic.id, items.routedTopicId))
    .where(eq(items.id, id))
    .get();
  if (!item) return null;
  const corrections = db.select().from(itemCorrections).where(eq(itemCorrections.itemId, id)).orderBy(desc(itemCorrections.createdAt), desc(itemCorrections.id)).all();
  const exclusions = db.select().from(itemExclusions).where(eq(itemExclusions.itemId, id)).orderBy(desc(itemExclusions.createdAt)).all();
  return { ...item, corrections, exclusions };
}

/** Names for ids (the model's predicted department / topic, correction history). */
export function catalogueNames(db: Db): { departments: Map<number, string>; topics: Map<number, string> } {
  return {
    departments: new Map(db.select({ id: departments.id, name: departments.name }).from(departments).all().map((r) => [r.id, r.name])),
    topics: new Map(db.select({ id: topics.id, name: topics.name }).from(topics).all().map((r) => [r.id, r.name])),
  };
}

/** All topics with their parent, for the correction form (second level under first level). */
export function topicChoices(db: Db) {
  return db.select({ id: topics.id, name: topics.name, parentId: topics.parentId }).from(topics).orderBy(asc(topics.sortOrder), asc(topics.id)).all();
}
