// Government Weibo (政务微博): per account, posts and their engagement in the period, the citizen comments under
// them and how the account answered, and the days since its last post (warned from 14 days: the national
// check rule for government new media).
import { and, desc, eq, gte, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { items, weiboAccounts, weiboPosts } from "../schema";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { ratio, type TimeRange } from "./scope";
import { answerHoursTenthsSql, distributionOf, type Distribution, type Histogram } from "./timing";

const DAY_MS = 86_400_000;

export interface AccountRow {
  accountId: number;
  name: string;
  posts: number;
  originalShare: number | null;
  repostsPerPost: number | null;
  commentsPerPost: number | null;
  likesPerPost: number | null;
  citizenComments: number;
  repliedComments: number;
  commentReplyRate: number | null;
  replyHours: Distribution;
  lastPostAt: number | null;
  /** Whole days from the last post to the cut-off; null without any post. */
  daysSinceLastPost: number | null;
  silentWarning: boolean;
}

export function accountTable(db: Db, range: TimeRange, asOf: number, d: MetricDefinitions = METRIC_DEFINITIONS): AccountRow[] {
  const inRange = and(gte(weiboPosts.postedAt, range.start), lt(weiboPosts.postedAt, range.end));
  const posts = db
    .select({
      accountId: weiboPosts.accountId,
      posts: sql<number>`count(*)`,
      original: sql<number>`coalesce(sum(${weiboPosts.isOriginal}), 0)`,
      reposts: sql<number>`coalesce(sum(${weiboPosts.reposts}), 0)`,
      comments: sql<number>`coalesce(sum(${weiboPosts.comments}), 0)`,
      likes: sql<number>`coalesce(sum(${weiboPosts.likes}), 0)`,
    })
    .from(weiboPosts)
    .where(inRange)
    .groupBy(weiboPosts.accountId)
    .all();
  const last = new Map(
    db.select({ accountId: weiboPosts.accountId, at: sql<number>`max(${weiboPosts.postedAt})` }).from(weiboPosts).where(lte(weiboPosts.postedAt, asOf)).groupBy(weiboPosts.accountId).all().map((r) => [r.accountId, r.at]),
  );
  // Citizen comments under the account's posts, counted and their reply times binned in SQL in one pass (a month
  // holds tens of thousands at a large city; carrying each into JavaScript cost more than the counting). An
  // unreplied comment's time is NULL: it counts as a comment, not in the histogram.
  const tenths = answerHoursTenthsSql(sql`${items.repliedAt} - ${items.receivedAt}`);
  const byAccount = new Map<number, { n: number; replied: number; hours: Histogram }>();
  const bins = db
    .select({ accountId: weiboPosts.accountId, tenths, n: sql<number>`count(*)` })
    .from(items)
    .innerJoin(weiboPosts, eq(weiboPosts.id, items.weiboPostId))
    .where(and(eq(items.channel, "weibo"), gte(items.receivedAt, range.start), lt(items.receivedAt, range.end)))
    .groupBy(weiboPosts.accountId, tenths)
    .all();
  for (const b of bins) {
    const e = byAccount.get(b.accountId) ?? byAccount.set(b.accountId, { n: 0, replied: 0, hours: new Map() }).get(b.accountId)!;
    e.n += b.n;
    if (b.tenths !== null) {
      e.replied += b.n;
      e.hours.set(b.tenths, b.n);
    }
  }
  const accounts = db.select({ id: weiboAccounts.id, name: weiboAccounts.name }).from(weiboAccounts).all();
  return accounts
    .map((a) => {
      const p = posts.find((x) => x.accountId === a.id);
      const c = byAccount.get(a.id) ?? { n: 0, replied: 0, hours: new Map() };
      const lastAt = last.get(a.id) ?? null;
      const days = lastAt === null ? null : Math.floor((asOf - lastAt) / DAY_MS);
      const n = p?.posts ?? 0;
      return {
        accountId: a.id, name: a.name, posts: n, originalShare: p ? ratio(p.original, n) : null,
        repostsPerPost: p ? ratio(p.reposts, n) : null, commentsPerPost: p ? ratio(p.comments, n) : null, likesPerPost: p ? ratio(p.likes, n) : null,
        citizenComments: c.n, repliedComments: c.replied, commentReplyRate: ratio(c.replied, c.n), replyHours: distributionOf(c.hours),
        lastPostAt: lastAt, daysSinceLastPost: days, silentWarning: days === null || days >= d.silentAccountDays,
      };
    })
    .sort((a, b) => b.posts - a.posts || a.name.localeCompare(b.name, "zh-CN"));
}

export interface TopPost {
  id: number;
  account: string;
  postedAt: number;
  text: string | null;
  reposts: number;
  comments: number;
  likes: number;
}

export function topPosts(db: Db, range: TimeRange, limit = 10): TopPost[] {
  return db
    .select({
      id: weiboPosts.id, account: weiboAccounts.name, postedAt: weiboPosts.postedAt, text: sql<string | null>`substr(${weiboPosts.text}, 1, 120)`,
      reposts: weiboPosts.reposts, comments: weiboPosts.comments, likes: weiboPosts.likes,
    })
    .from(weiboPosts)
    .innerJoin(weiboAccounts, eq(weiboAccounts.id, weiboPosts.accountId))
    .where(and(gte(weiboPosts.postedAt, range.start), lt(weiboPosts.postedAt, range.end)))
    .orderBy(desc(sql`${weiboPosts.reposts} + ${weiboPosts.comments} + ${weiboPosts.likes}`), desc(weiboPosts.postedAt))
    .limit(limit)
    .all();
}

/** Posts and engagement per Shanghai day of posting, summed into the given buckets. */
export function engagementTrend(db: Db, buckets: { key: string; label: string; start: number; end: number }[]) {
  if (buckets.length === 0) return [];
  const range = { start: buckets[0].start, end: buckets[buckets.length - 1].end };
  const rows = db
    .select({ postedAt: weiboPosts.postedAt, engagement: sql<number>`${weiboPosts.reposts} + ${weiboPosts.comments} + ${weiboPosts.likes}` })
    .from(weiboPosts)
    .where(and(gte(weiboPosts.postedAt, range.start), lt(weiboPosts.postedAt, range.end)))
    .all();
  return buckets.map((b) => {
    const inBucket = rows.filter((r) => r.postedAt >= b.start && r.postedAt < b.end);
    return { ...b, posts: inBucket.length, engagement: inBucket.reduce((a, r) => a + r.engagement, 0) };
  });
}
