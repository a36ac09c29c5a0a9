// Interaction volume: how many items (per channel) and weibo posts, overall and per Shanghai month.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { rollupsUsable } from "../metrics/rollup-scope";
import { items, rollupReceivedMonthly, weiboPosts } from "../schema";
import { shanghaiDayOfNumber, shanghaiMonth } from "../time";

export interface ChannelCount {
  /** The stored channel: "hotline" | "mailbox" | "weibo" (weibo items are comments on posts). */
  channel: string;
  count: number;
}

export interface ChannelMonthCount extends ChannelCount {
  /** Shanghai calendar month, "YYYY-MM". */
  month: string;
}

export interface MonthCount {
  month: string;
  count: number;
}

/** Items per channel per Shanghai month of `received_at`, ordered by month then channel. */
export function countsByChannelAndMonth(db: Db): ChannelMonthCount[] {
  if (rollupsUsable(db)) {
    // All of time is whole months: the monthly rollup, keyed by each month's first day number.
    const t = rollupReceivedMonthly;
    const byMonth = new Map<string, number>();
    for (const r of db.select({ day: t.day, channel: t.channel, count: sql<number>`sum(${t.received})` }).from(t).groupBy(t.day, t.channel).all()) {
      const key = `${shanghaiDayOfNumber(r.day).slice(0, 7)}|${r.channel}`;
      byMonth.set(key, (byMonth.get(key) ?? 0) + r.count);
    }
    return [...byMonth.entries()]
      .map(([key, count]) => ({ month: key.slice(0, 7), channel: key.slice(8), count }))
      .sort((a, b) => a.month.localeCompare(b.month) || a.channel.localeCompare(b.channel));
  }
  const month = shanghaiMonth(items.receivedAt);
  return db
    .select({ month, channel: items.channel, count: sql<number>`count(*)` })
    .from(items)
    .groupBy(month, items.channel)
    .orderBy(month, items.channel)
    .all();
}

/** Items per channel (all time), ordered by channel. */
export function countsByChannel(db: Db): ChannelCount[] {
  if (rollupsUsable(db)) {
    const t = rollupReceivedMonthly;
    return db.select({ channel: t.channel, count: sql<number>`sum(${t.received})` }).from(t).groupBy(t.channel).orderBy(t.channel).all();
  }
  return db
    .select({ channel: items.channel, count: sql<number>`count(*)` })
    .from(items)
    .groupBy(items.channel)
    .orderBy(items.channel)
    .all();
}

/** Weibo posts per Shanghai month of `posted_at`, ordered by month. */
export function weiboPostCountsByMonth(db: Db): MonthCount[] {
  const month = shanghaiMonth(weiboPosts.postedAt);
  return db
    .select({ month, count: sql<number>`count(*)` })
    .from(weiboPosts)
    .groupBy(month)
    .orderBy(month)
    .all();
}

/** Weibo posts (all time). */
export function weiboPostCount(db: Db): number {
  return db.select({ count: sql<number>`count(*)` }).from(weiboPosts).get()?.count ?? 0;
}
