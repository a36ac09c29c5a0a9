// Per Shanghai day, then summed into the period's buckets (day / week / month): volume by channel, and the counts
// behind the reply and satisfaction rates and the negative share, so a trend line and the KPI agree.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { CHANNELS, items, rollupReceived, type Channel } from "../schema";
import { shanghaiDay, shanghaiDayOfNumber, shanghaiDayStart } from "../time";
import { rollupReceivedIn } from "./rates";
import { rollupsUsable } from "./rollup-scope";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { countWhere, ratio, receivedIn, type MetricFilters, type TimeRange } from "./scope";

export interface TrendBucket {
  key: string;
  label: string;
  start: number;
  end: number;
  received: number;
  byChannel: Record<Channel, number>;
  answered: number;
  satisfied: number;
  basicallySatisfied: number;
  rated: number;
  negative: number;
  sentimentScored: number;
  replyRate: number | null;
  satisfactionRate: number | null;
  negativeShare: number | null;
}

export interface BucketSpec {
  key: string;
  label: string;
  start: number;
  end: number;
}

interface DayRow {
  day: string;
  channel: string;
  received: number;
  answered: number;
  satisfied: number;
  basicallySatisfied: number;
  rated: number;
  negative: number;
  sentimentScored: number;
}


function dayRows(db: Db, range: TimeRange, f: MetricFilters): DayRow[] {
  if (rollupsUsable(db, range)) {
    const t = rollupReceived;
    const total = (c: typeof t.received) => sql<number>`sum(${c})`;
    return db
      .select({
        day: t.day, channel: t.channel, received: total(t.received), answered: total(t.answered), satisfied: total(t.satisfied),
        basicallySatisfied: total(t.basicallySatisfied), rated: sql<number>`sum(${t.satisfied} + ${t.basicallySatisfied} + ${t.dissatisfied})`,
        negative: total(t.negative), sentimentScored: total(t.sentimentScored),
      })
      .from(t)
      .where(rollupReceivedIn(db, t, range, f))
      .groupBy(t.day, t.channel)
      .all()
      .map((r) => ({ ...r, day: shanghaiDayOfNumber(r.day) }));
  }
  const day = shanghaiDay(items.receivedAt);
  return db
    .select({
      day,
      channel: items.channel,
      received: sql<number>`count(*)`,
      answered: countWhere(sql`${items.answeredAt} IS NOT NULL`),
      satisfied: countWhere(sql`${items.satisfaction} = 'satisfied'`),
      basicallySatisfied: countWhere(sql`${items.satisfaction} = 'basically_satisfied'`),
      rated: countWhere(sql`${items.satisfaction} IN ('satisfied', 'basically_satisfied', 'dissatisfied')`),
      negative: countWhere(sql`${items.sentiment} = 'negative'`),
      sentimentScored: countWhere(sql`${items.sentiment} IS NOT NULL`),
    })
    .from(items)
    .where(receivedIn(db, range, f))
    .groupBy(day, items.channel)
    .all();
}

/** Buckets in order; days are Shanghai days "YYYY-MM-DD", matched to the bucket whose [start, end) holds them. */
export function trend(db: Db, buckets: BucketSpec[], f: MetricFilters, d: MetricDefinitions = METRIC_DEFINITIONS): TrendBucket[] {
  if (buckets.length === 0) return [];
  const range = { start: buckets[0].start, end: buckets[buckets.length - 1].end };
  const out: TrendBucket[] = buckets.map((b) => ({
    ...b, received: 0, byChannel: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>,
    answered: 0, satisfied: 0, basicallySatisfied: 0, rated: 0, negative: 0, sentimentScored: 0,
    replyRate: null, satisfactionRate: null, negativeShare: null,
  }));
  for (const row of dayRows(db, range, f)) {
    const at = shanghaiDayStart(row.day);
    const bucket = out.find((b) => at >= b.start && at < b.end);
    if (!bucket) continue;
    bucket.received += row.received;
    bucket.byChannel[row.channel as Channel] = (bucket.byChannel[row.channel as Channel] ?? 0) + row.received;
    bucket.answered += row.answered;
    bucket.satisfied += row.satisfied;
    bucket.basicallySatisfied += row.basicallySatisfied;
    bucket.rated += row.rated;
    bucket.negative += row.negative;
    bucket.sentimentScored += row.sentimentScored;
  }
  const w = d.basicallySatisfiedWeight;
  for (const b of out) {
    b.replyRate = ratio(b.answered, b.received);
    b.satisfactionRate = ratio(b.satisfied + w * b.basicallySatisfied, b.rated);
    b.negativeShare = ratio(b.negative, b.sentimentScored);
  }
  return out;
}
