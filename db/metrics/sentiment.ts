// Public feedback (舆情): sentiment share by channel, the negative share per bucket with spikes flagged, and
// the most negative items as examples.
import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { CHANNELS, itemNlp, items, itemTexts, type Channel, type Sentiment } from "../schema";
import { rollupReceivedIn } from "./rates";
import { rollupsUsable, rollupTablesFor } from "./rollup-scope";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { receivedIn, type MetricFilters, type TimeRange } from "./scope";
import type { TrendBucket } from "./trends";

export type SentimentCounts = Record<Sentiment, number>;

export function sentimentByChannel(db: Db, range: TimeRange, f: MetricFilters): Record<Channel, SentimentCounts> {
  if (rollupsUsable(db, range)) {
    const t = rollupTablesFor(range).received;
    const out = Object.fromEntries(CHANNELS.map((c) => [c, { negative: 0, neutral: 0, positive: 0 }])) as Record<Channel, SentimentCounts>;
    const rows = db
      .select({ channel: t.channel, negative: sql<number>`sum(${t.negative})`, positive: sql<number>`sum(${t.positive})`, scored: sql<number>`sum(${t.sentimentScored})` })
      .from(t)
      .where(rollupReceivedIn(db, t, range, f))
      .groupBy(t.channel)
      .all();
    for (const r of rows) {
      if (out[r.channel as Channel]) out[r.channel as Channel] = { negative: r.negative, neutral: r.scored - r.negative - r.positive, positive: r.positive };
    }
    return out;
  }
  const rows = db
    .select({ channel: items.channel, sentiment: items.sentiment, n: sql<number>`count(*)` })
    .from(items)
    .where(and(receivedIn(db, range, f), isNotNull(items.sentiment)))
    .groupBy(items.channel, items.sentiment)
    .all();
  const out = Object.fromEntries(CHANNELS.map((c) => [c, { negative: 0, neutral: 0, positive: 0 }])) as Record<Channel, SentimentCounts>;
  for (const r of rows) if (r.sentiment && out[r.channel as Channel]) out[r.channel as Channel][r.sentiment as Sentiment] += r.n;
  return out;
}

export interface NegativeSpike {
  key: string;
  label: string;
  negativeShare: number | null;
  /** Mean and standard deviation of the trailing buckets' shares it is compared with. */
  baselineMean: number | null;
  baselineSd: number | null;
  spike: boolean;
}

/**
 * Each bucket's negative share against the mean of up to `window` buckets before it: a spike when it exceeds
 * the mean by `negativeSpikeSigma` standard deviations (with at least 3 earlier buckets and 10 scored items).
 */
export function negativeSpikes(buckets: TrendBucket[], window = 8, d: MetricDefinitions = METRIC_DEFINITIONS): NegativeSpike[] {
  return buckets.map((b, i) => {
    const before = buckets.slice(Math.max(0, i - window), i).map((x) => x.negativeShare).filter((x): x is number => x !== null);
    if (before.length < 3 || b.negativeShare === null || b.sentimentScored < 10) {
      return { key: b.key, label: b.label, negativeShare: b.negativeShare, baselineMean: null, baselineSd: null, spike: false };
    }
    const mean = before.reduce((a, x) => a + x, 0) / before.length;
    const sd = Math.sqrt(before.reduce((a, x) => a + (x - mean) ** 2, 0) / before.length);
    // A floor on the deviation, so a flat history does not flag every wobble.
    const spike = b.negativeShare > mean + d.negativeSpikeSigma * Math.max(sd, 0.02);
    return { key: b.key, label: b.label, negativeShare: b.negativeShare, baselineMean: mean, baselineSd: sd, spike };
  });
}

export interface FeedbackExample {
  id: number;
  channel: string;
  receivedAt: number;
  title: string | null;
  body: string | null;
  score: number | null;
}

/** The most confidently negative items of the period (the lexicon's score or the model's confidence). */
export function negativeExamples(db: Db, range: TimeRange, f: MetricFilters, limit = 10): FeedbackExample[] {
  return db
    .select({ id: items.id, channel: items.channel, receivedAt: items.receivedAt, title: itemTexts.title, body: itemTexts.body, score: itemNlp.sentimentScore })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .leftJoin(itemNlp, eq(itemNlp.itemId, items.id))
    .where(and(receivedIn(db, range, f), eq(items.sentiment, "negative")))
    .orderBy(sql`abs(coalesce(${itemNlp.sentimentScore}, 0)) DESC`, desc(items.receivedAt))
    .limit(limit)
    .all();
}

/** Texts of the period's negative items (newest first), for keyword counting. */
export function negativeTexts(db: Db, range: TimeRange, f: MetricFilters, limit = 2000): string[] {
  return db
    .select({ title: itemTexts.title, body: itemTexts.body })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .where(and(receivedIn(db, range, f), eq(items.sentiment, "negative")))
    .orderBy(desc(items.receivedAt))
    .limit(limit)
    .all()
    .map((r) => [r.title, r.body].filter(Boolean).join("\n"));
}

/** Texts of the period's items (newest first), the baseline the negative words are compared with. */
export function periodTexts(db: Db, range: TimeRange, f: MetricFilters, limit = 2000): string[] {
  return db
    .select({ title: itemTexts.title, body: itemTexts.body })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .where(receivedIn(db, range, f))
    .orderBy(desc(items.receivedAt))
    .limit(limit)
    .all()
    .map((r) => [r.title, r.body].filter(Boolean).join("\n"));
}
