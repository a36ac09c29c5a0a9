// Hot issues (热点): the items clustering reads, the stored result of the last clustering run, raw vs merged
// (并单) counts for the dashboard, and topics rising this week against their trailing weeks.
import { and, asc, desc, eq, gte, isNotNull, lt, max, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dayWithin, rollupsUsable } from "../metrics/rollup-scope";
import { hotClusterItems as hotClusterItemsTable, hotClusters, items, itemTexts, rollupReceived, topics } from "../schema";
import { SHANGHAI_WEEK_MS, shanghaiDayNumberOf, shanghaiWeekEnding } from "../time";

/** A time window [since, until) in epoch ms. */
export interface Window {
  since: number;
  until: number;
}

/** What clustering needs of an item; the caller adds the places found in `text`. */
export interface HotItemRow {
  id: number;
  /** Title, a newline, then body (either may be missing). */
  text: string;
  title: string | null;
  author: string | null;
  likes: number;
  receivedAt: number;
  topicId: number | null;
  departmentId: number | null;
}

const inWindow = (w: Window) => and(gte(items.receivedAt, w.since), lt(items.receivedAt, w.until));

/** Items received in the window, oldest first, with their texts and routed topic / department. */
export function loadHotItems(db: Db, window: Window): HotItemRow[] {
  return db
    .select({
      id: items.id,
      title: itemTexts.title,
      body: itemTexts.body,
      author: items.author,
      likes: items.likes,
      receivedAt: items.receivedAt,
      topicId: items.routedTopicId,
      departmentId: items.routedDepartmentId,
    })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .where(inWindow(window))
    .orderBy(asc(items.receivedAt), asc(items.id))
    .all()
    .map(({ body, ...rest }) => ({ ...rest, text: [rest.title, body].filter((t) => t && t.trim()).join("\n") }));
}

/** The newest item's received time, or null for an empty database. */
export function newestReceivedAt(db: Db): number | null {
  return db.select({ at: max(items.receivedAt) }).from(items).get()?.at ?? null;
}

/** A cluster as the clustering produces it (ingest/nlp/hot-issues.ts's HotCluster fits). */
export interface HotClusterToSave {
  representativeId: number;
  label: string;
  place: string | null;
  keywords: string[];
  members: Array<{ itemId: number; similarity: number }>;
  itemCount: number;
  writerCount: number;
  likes: number;
  firstAt: number;
  lastAt: number;
  topicId: number | null;
  departmentId: number | null;
  heat: number;
}

/** Rows per multi-row INSERT: 3 columns × 500 stays far below SQLite's bound-variable limit. */
const MEMBER_CHUNK = 500;

/**
 * Replaces the previous clustering result with this one, atomically (the dashboard never sees half a result).
 * Returns the new cluster ids in the order given.
 */
export function saveHotClusters(db: Db, clusters: HotClusterToSave[], computedAt: number): number[] {
  return db.transaction((tx) => {
    tx.delete(hotClusterItemsTable).run();
    tx.delete(hotClusters).run();
    const ids: number[] = [];
    for (const c of clusters) {
      const { id } = tx
        .insert(hotClusters)
        .values({
          computedAt,
          label: c.label,
          place: c.place,
          topicId: c.topicId,
          departmentId: c.departmentId,
          representativeItemId: c.representativeId,
          itemCount: c.itemCount,
          writerCount: c.writerCount,
          likes: c.likes,
          firstAt: c.firstAt,
          lastAt: c.lastAt,
          heat: c.heat,
          keywords: JSON.stringify(c.keywords),
        })
        .returning({ id: hotClusters.id })
        .get();
      ids.push(id);
      for (let k = 0; k < c.members.length; k += MEMBER_CHUNK) {
        const rows = c.members.slice(k, k + MEMBER_CHUNK).map((m) => ({ clusterId: id, itemId: m.itemId, similarity: m.similarity }));
        tx.insert(hotClusterItemsTable).values(rows).run();
      }
    }
    return ids;
  });
}

export interface StoredHotCluster {
  id: number;
  computedAt: number;
  label: string;
  place: string | null;
  topicId: number | null;
  departmentId: number | null;
  representativeItemId: number;
  itemCount: number;
  writerCount: number;
  likes: number;
  firstAt: number;
  lastAt: number;
  heat: number;
  keywords: string[];
}

/** The hottest stored clusters first. */
export function listHotClusters(db: Db, options: { limit?: number } = {}): StoredHotCluster[] {
  return db
    .select()
    .from(hotClusters)
    .orderBy(desc(hotClusters.heat), asc(hotClusters.id))
    .limit(options.limit ?? 20)
    .all()
    .map((row) => ({ ...row, keywords: parseKeywords(row.keywords) }));
}

function parseKeywords(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

export interface HotClusterItem {
  itemId: number;
  similarity: number;
  channel: string;
  title: string | null;
  body: string | null;
  author: string | null;
  likes: number;
  receivedAt: number;
}

/** A cluster's items, most similar to its representative first. */
export function hotClusterItems(db: Db, clusterId: number): HotClusterItem[] {
  return db
    .select({
      itemId: hotClusterItemsTable.itemId,
      similarity: hotClusterItemsTable.similarity,
      channel: items.channel,
      title: itemTexts.title,
      body: itemTexts.body,
      author: items.author,
      likes: items.likes,
      receivedAt: items.receivedAt,
    })
    .from(hotClusterItemsTable)
    .innerJoin(items, eq(items.id, hotClusterItemsTable.itemId))
    .leftJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .where(eq(hotClusterItemsTable.clusterId, clusterId))
    .orderBy(desc(hotClusterItemsTable.similarity), asc(items.receivedAt), asc(items.id))
    .all();
}

/**
 * Raw and merged (并单) counts of the items received in the window: merging counts each stored cluster once,
 * so merged = raw − Σ(members in the window − 1) over the clusters with a member in the window.
 */
export function mergedCounts(db: Db, window: Window): { raw: number; merged: number } {
  const raw = db.select({ n: sql<number>`count(*)` }).from(items).where(inWindow(window)).get()?.n ?? 0;
  const clustered = db
    .select({ members: sql<number>`count(*)`, clusters: sql<number>`count(distinct ${hotClusterItemsTable.clusterId})` })
    .from(hotClusterItemsTable)
    .innerJoin(items, eq(items.id, hotClusterItemsTable.itemId))
    .where(inWindow(window))
    .get();
  const folded = (clustered?.members ?? 0) - (clustered?.clusters ?? 0);
  return { raw, merged: raw - folded };
}

export interface RisingTopic {
  topicId: number;
  name: string | null;
  /** Items in the 7 Shanghai days ending with asOf's day. */
  thisWeek: number;
  /** Mean items per week over the `weeks` weeks before. */
  baselineMean: number;
  /** (thisWeek + 1) / (baselineMean + 1): the +1 keeps a topic new this week finite. */
  ratio: number;
  /** (thisWeek − baselineMean) / √(baselineMean + 1): a Poisson z-score, so 6 against 2 is not "3×" news the way 60 against 20 is. */
  score: number;
}

/**
 * Routed topics rising this week against their trailing baseline, most surprising first. Topics with fewer
 * than `minCount` items this week are left out (three letters instead of one is noise, not a trend).
 */
export function risingTopics(db: Db, options: { asOf: number; weeks?: number; minCount?: number }): RisingTopic[] {
  const weeks = options.weeks ?? 8;
  const minCount = options.minCount ?? 5;
  const week = shanghaiWeekEnding(options.asOf);
  const baselineStart = week.start - weeks * SHANGHAI_WEEK_MS;
  const window = { start: baselineStart, end: week.end };
  const r = rollupReceived;
  const weekStartDay = shanghaiDayNumberOf(week.start);
  const rows = rollupsUsable(db, window)
    ? db
        .select({
          topicId: sql<number>`${r.topicId}`,
          name: topics.name,
          thisWeek: sql<number>`sum(case when ${r.day} >= ${weekStartDay} then ${r.received} else 0 end)`,
          baseline: sql<number>`sum(case when ${r.day} < ${weekStartDay} then ${r.received} else 0 end)`,
        })
        .from(r)
        .leftJoin(topics, eq(topics.id, r.topicId))
        .where(and(sql`${r.topicId} != 0`, dayWithin(r.day, shanghaiDayNumberOf(window.start), shanghaiDayNumberOf(window.end))))
        .groupBy(r.topicId)
        .all()
    : db
    .select({
      topicId: sql<number>`${items.routedTopicId}`,
      name: topics.name,
      thisWeek: sql<number>`sum(case when ${items.receivedAt} >= ${week.start} then 1 else 0 end)`,
      baseline: sql<number>`sum(case when ${items.receivedAt} < ${week.start} then 1 else 0 end)`,
    })
    .from(items)
    .leftJoin(topics, eq(topics.id, items.routedTopicId))
    .where(and(isNotNull(items.routedTopicId), inWindow({ since: baselineStart, until: week.end })))
    .groupBy(items.routedTopicId)
    .all();
  return rows
    .map((r) => {
      const baselineMean = r.baseline / weeks;
      return {
        topicId: r.topicId,
        name: r.name,
        thisWeek: r.thisWeek,
        baselineMean,
        ratio: (r.thisWeek + 1) / (baselineMean + 1),
        score: (r.thisWeek - baselineMean) / Math.sqrt(baselineMean + 1),
      };
    })
    .filter((t) => t.thisWeek >= minCount && t.thisWeek > t.baselineMean)
    .sort((a, b) => b.score - a.score || b.ratio - a.ratio || a.topicId - b.topicId);
}
