// Top topics (first or second level) by volume, with the change against a comparison period (环比 or 同比).
import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { items, rollupReceived, topics } from "../schema";
import { shanghaiDay, shanghaiDayOfNumber, shanghaiDayStart } from "../time";
import { rollupReceivedIn } from "./rates";
import { rollupsUsable, rollupTablesFor } from "./rollup-scope";
import { ratio, receivedIn, type MetricFilters, type TimeRange } from "./scope";

export interface TopicCount {
  topicId: number;
  name: string;
  parentName: string | null;
  count: number;
  previous: number;
  /** (count − previous) / previous; null when the comparison period had none. */
  change: number | null;
  share: number | null;
}

function countsByTopic(db: Db, range: TimeRange, f: MetricFilters, level: 1 | 2): Map<number, number> {
  const topic = alias(topics, "t");
  if (rollupsUsable(db, range)) {
    const r = rollupTablesFor(range).received;
    const key = level === 1 ? sql<number>`coalesce(${topic.parentId}, ${topic.id})` : sql<number>`${topic.id}`;
    const rows = db
      .select({ topicId: key, n: sql<number>`sum(${r.received})` })
      .from(r)
      .innerJoin(topic, eq(topic.id, r.topicId))
      .where(rollupReceivedIn(db, r, range, f))
      .groupBy(key)
      .all();
    return new Map(rows.map((x) => [x.topicId, x.n]));
  }
  const key = level === 1 ? sql<number>`coalesce(${topic.parentId}, ${topic.id})` : sql<number>`${topic.id}`;
  const rows = db
    .select({ topicId: key, n: sql<number>`count(*)` })
    .from(items)
    .innerJoin(topic, eq(topic.id, items.routedTopicId))
    .where(receivedIn(db, range, f))
    .groupBy(key)
    .all();
  return new Map(rows.map((r) => [r.topicId, r.n]));
}

export function topTopics(db: Db, range: TimeRange, comparison: TimeRange, f: MetricFilters, options: { level?: 1 | 2; limit?: number } = {}): TopicCount[] {
  const level = options.level ?? 1;
  const now = countsByTopic(db, range, f, level);
  const before = countsByTopic(db, comparison, f, level);
  const total = [...now.values()].reduce((a, b) => a + b, 0);
  const catalogue = new Map(db.select({ id: topics.id, name: topics.name, parentId: topics.parentId }).from(topics).all().map((t) => [t.id, t]));
  return [...now.entries()]
    .map(([topicId, count]) => {
      const t = catalogue.get(topicId);
      const previous = before.get(topicId) ?? 0;
      return {
        topicId, name: t?.name ?? String(topicId), parentName: t?.parentId ? catalogue.get(t.parentId)?.name ?? null : null,
        count, previous, change: previous > 0 ? (count - previous) / previous : null, share: ratio(count, total),
      };
    })
    .sort((a, b) => b.count - a.count || a.topicId - b.topicId)
    .slice(0, options.limit ?? 10);
}

/** Items per bucket for each of the given first-level topics (their children included). */
export function topicTrend(db: Db, buckets: { key: string; label: string; start: number; end: number }[], f: MetricFilters, topicIds: number[]) {
  if (buckets.length === 0 || topicIds.length === 0) return [];
  const topic = alias(topics, "t");
  const root = sql<number>`coalesce(${topic.parentId}, ${topic.id})`;
  const day = shanghaiDay(items.receivedAt);
  const range = { start: buckets[0].start, end: buckets[buckets.length - 1].end };
  const r = rollupReceived;
  const rows = rollupsUsable(db, range)
    ? db
        .select({ topicId: root, day: r.day, n: sql<number>`sum(${r.received})` })
        .from(r)
        .innerJoin(topic, eq(topic.id, r.topicId))
        .where(rollupReceivedIn(db, r, range, f))
        .groupBy(root, r.day)
        .all()
        .map((x) => ({ ...x, day: shanghaiDayOfNumber(x.day) }))
    : db
        .select({ topicId: root, day, n: sql<number>`count(*)` })
        .from(items)
        .innerJoin(topic, eq(topic.id, items.routedTopicId))
        .where(receivedIn(db, range, f))
        .groupBy(root, day)
        .all();
  return topicIds.map((id) => ({
    topicId: id,
    counts: buckets.map((b) =>
      rows.filter((r) => r.topicId === id).reduce((sum, r) => {
        const at = shanghaiDayStart(r.day);
        return at >= b.start && at < b.end ? sum + r.n : sum;
      }, 0),
    ),
  }));
}
