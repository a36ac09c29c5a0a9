// The overview's numbers for a period and filters: KPIs with 环比 / 同比, the backlog, answer times, the volume
// trend and the top topics. The dashboard, the exports and the bulletin all take their numbers from here.
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { CHANNELS, items, type Channel } from "../schema";
import { backlog, type Backlog } from "./backlog";
import { compare, type Compared } from "./comparison";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { previousPeriod, trendBuckets, trendGranularity, yearAgoPeriod, type Period, type PeriodOptions } from "./period";
import { onTimeCounts, rateCountColumns, ratesFrom, rollupRateCountColumns, rollupReceivedIn, type RateCounts, type Rates } from "./rates";
import { rollupsUsable, rollupTablesFor } from "./rollup-scope";
import { countWhere, ratio, receivedIn, type MetricFilters, type TimeRange } from "./scope";
import { timing, type Timing } from "./timing";
import { topTopics, type TopicCount } from "./topics";
import { trend, type TrendBucket } from "./trends";

/** The instant the figures are as of: the newest item's receipt, or now if that is later than now or absent. */
export function dataCutoff(db: Db, now = Date.now()): number {
  const row = db.select({ newest: sql<number | null>`max(${items.receivedAt})` }).from(items).get();
  return row?.newest != null ? Math.min(row.newest, now) : now;
}

export interface PeriodFigures {
  counts: RateCounts;
  rates: Rates;
  byChannel: Record<Channel, number>;
  negativeShare: number | null;
  medianReplyWorkdays: number | null;
  timing: Timing;
}

export function periodFigures(db: Db, range: TimeRange, f: MetricFilters, asOf: number, d: MetricDefinitions = METRIC_DEFINITIONS): PeriodFigures {
  // One pass over the period's items, per channel: the rate counts, the channel volumes and the sentiment.
  const t = rollupTablesFor(range).received;
  const rows = rollupsUsable(db, range)
    ? db
        .select({ channel: t.channel, ...rollupRateCountColumns(t), negative: sql<number>`sum(${t.negative})`, scored: sql<number>`sum(${t.sentimentScored})` })
        .from(t)
        .where(rollupReceivedIn(db, t, range, f))
        .groupBy(t.channel)
        .all()
    : db
        .select({
          channel: items.channel,
          ...rateCountColumns(),
          negative: countWhere(sql`${items.sentiment} = 'negative'`),
          scored: countWhere(sql`${items.sentiment} IS NOT NULL`),
        })
        .from(items)
        .where(receivedIn(db, range, f))
        .groupBy(items.channel)
        .all();
  const counts = Object.fromEntries(Object.keys(rateCountColumns()).map((k) => [k, 0])) as unknown as RateCounts;
  const byChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  let negative = 0;
  let scored = 0;
  for (const { channel, negative: n, scored: s, ...c } of rows) {
    for (const k of Object.keys(counts) as (keyof RateCounts)[]) counts[k] += c[k];
    if (channel in byChannel) byChannel[channel as Channel] = c.received;
    negative += n;
    scored += s;
  }
  const rates = ratesFrom(counts, onTimeCounts(db, range, f, asOf), d);
  const answerTimes = timing(db, range, f);
  return {
    counts, rates, byChannel, negativeShare: ratio(negative, scored),
    medianReplyWorkdays: answerTimes.replyWorkdays.median, timing: answerTimes,
  };
}

export interface Overview {
  period: Period;
  previous: Period;
  yearAgo: Period;
  asOf: number;
  definitionsVersion: string;
  current: PeriodFigures;
  kpis: Record<"volume" | "replyRate" | "onTimeRate" | "resolutionRate" | "satisfactionRate" | "responseRate3" | "solvedRate3" | "satisfactionRate3" | "negativeShare", Compared> & {
    medianReplyWorkdays: Compared;
  };
  backlog: Backlog;
  timing: Timing;
  trend: TrendBucket[];
  topTopics: TopicCount[];
}

export function overview(db: Db, period: Period, f: MetricFilters, options: PeriodOptions & { now?: number; definitions?: MetricDefinitions } = {}): Overview {
  const d = options.definitions ?? METRIC_DEFINITIONS;
  const asOf = dataCutoff(db, options.now);
  const previous = previousPeriod(period, options);
  const yearAgo = yearAgoPeriod(period, options);
  const current = periodFigures(db, period, f, asOf, d);
  const before = periodFigures(db, previous, f, asOf, d);
  const lastYear = periodFigures(db, yearAgo, f, asOf, d);
  const rate = (k: keyof Rates) => compare(current.rates[k], before.rates[k], lastYear.rates[k], "rate");
  return {
    period, previous, yearAgo, asOf, definitionsVersion: d.version, current,
    kpis: {
      volume: compare(current.counts.received, before.counts.received, lastYear.counts.received, "count"),
      replyRate: rate("replyRate"),
      onTimeRate: rate("onTimeRate"),
      resolutionRate: rate("resolutionRate"),
      satisfactionRate: rate("satisfactionRate"),
      responseRate3: rate("responseRate3"),
      solvedRate3: rate("solvedRate3"),
      satisfactionRate3: rate("satisfactionRate3"),
      negativeShare: compare(current.negativeShare, before.negativeShare, lastYear.negativeShare, "rate"),
      medianReplyWorkdays: compare(current.medianReplyWorkdays, before.medianReplyWorkdays, lastYear.medianReplyWorkdays, "count"),
    },
    backlog: backlog(db, f, asOf, d),
    timing: current.timing,
    trend: trend(db, trendBuckets(period, trendGranularity(period)), f, d),
    topTopics: topTopics(db, period, previous, f, { limit: 10 }),
  };
}
