// Topics and hot issues, public feedback and government Weibo: db/metrics (and the segmenter for keywords)
// shaped for the pages.
import { hotClusterItems, listHotClusters, mergedCounts, risingTopics } from "../../db/queries/hot-issues";
import { accountTable, engagementTrend, topPosts } from "../../db/metrics/microblog";
import { previousPeriod, trendBuckets, trendGranularity } from "../../db/metrics/period";
import { negativeExamples, negativeSpikes, negativeTexts, periodTexts, sentimentByChannel } from "../../db/metrics/sentiment";
import { topicTrend, topTopics } from "../../db/metrics/topics";
import { trend } from "../../db/metrics/trends";
import { maskPersonalData } from "../../db/privacy/mask";
import { sharedSegmenter } from "../../ingest/nlp/segment";
import { forbidden } from "./http-errors.server";
import { getDb } from "./db.server";
import type { PageContext } from "./metrics.server";


export function topicsData(ctx: PageContext) {
  const db = getDb();
  const previous = previousPeriod(ctx.period);
  const level1 = topTopics(db, ctx.period, previous, ctx.filters, { level: 1, limit: 20 });
  const level2 = topTopics(db, ctx.period, previous, ctx.filters, { level: 2, limit: 15 });
  const buckets = trendBuckets(ctx.period, trendGranularity(ctx.period));
  const main = level1.slice(0, 5);
  const series = topicTrend(db, buckets, ctx.filters, main.map((t) => t.topicId));
  // Hot issues and rising topics are city-wide: department staff see their own unit's clusters only.
  const own = ctx.user.role === "department" ? ctx.user.departmentId : undefined;
  const clusters = listHotClusters(db, { limit: own === undefined ? 10 : 200 }).filter((c) => own === undefined || c.departmentId === own).slice(0, 10).map((c) => ({
    ...c,
    members: hotClusterItems(db, c.id).slice(0, 5).map((m) => ({ ...m, title: m.title && maskPersonalData(m.title), body: m.body && maskPersonalData(m.body.slice(0, 120)) })),
  }));
  return {
    level1, level2, buckets: buckets.map((b) => ({ key: b.key, label: b.label })),
    series: series.map((s) => ({ ...s, name: main.find((t) => t.topicId === s.topicId)?.name ?? String(s.topicId) })),
    rising: own === undefined ? risingTopics(db, { asOf: ctx.asOf }).slice(0, 10) : [],
    clusters,
    merged: own === undefined ? mergedCounts(db, { since: ctx.period.start, until: ctx.period.end }) : null,
  };
}

export function feedbackData(ctx: PageContext) {
  const db = getDb();
  const buckets = trend(db, trendBuckets(ctx.period, trendGranularity(ctx.period)), ctx.filters, ctx.definitions);
  // Samples, not every text: segmenting costs about 45 µs a text, and 600 + 1,500 texts already rank the same
  // top words (the sample is what keeps this page's cost flat as the database grows).
  const keywords = characteristicWords(negativeTexts(db, ctx.period, ctx.filters, 600), periodTexts(db, ctx.period, ctx.filters, 1500));
  return {
    byChannel: sentimentByChannel(db, ctx.period, ctx.filters),
    spikes: negativeSpikes(buckets, undefined, ctx.definitions),
    keywords,
    examples: negativeExamples(db, ctx.period, ctx.filters).map((e) => ({ ...e, title: e.title && maskPersonalData(e.title), body: e.body && maskPersonalData(e.body.slice(0, 160)) })),
  };
}

/** Distinct content words per text (two characters or more, not pure digits). */
function wordSets(texts: string[]): Set<string>[] {
  const segmenter = sharedSegmenter();
  return texts.map((text) => new Set(segmenter.words(text).filter((w) => w.length >= 2 && !/^\d+$/.test(w))));
}

/**
 * Words that mark negative feedback: frequent among the negative texts and more frequent there than in all the
 * period's texts (lift), so the boilerplate of every work order (来电人, 街道, 要求) does not fill the list.
 */
function characteristicWords(negative: string[], all: string[], limit = 20): [string, number][] {
  const count = (sets: Set<string>[]) => {
    const m = new Map<string, number>();
    for (const set of sets) for (const w of set) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const neg = count(wordSets(negative));
  const base = count(wordSets(all));
  const scored: [string, number, number][] = [];
  for (const [w, n] of neg) {
    if (n < 5) continue;
    const lift = n / negative.length / (((base.get(w) ?? 0) + 1) / (all.length + 1));
    if (lift >= 1.1) scored.push([w, n, n * Math.log(lift)]);
  }
  return scored.sort((a, b) => b[2] - a[2] || a[0].localeCompare(b[0])).slice(0, limit).map(([w, n]) => [w, n]);
}

export function weiboData(ctx: PageContext) {
  // The accounts table is the city's: not a department account's to read.
  if (ctx.user.role === "department") throw forbidden();
  const db = getDb();
  return {
    accounts: accountTable(db, ctx.period, ctx.asOf, ctx.definitions),
    topPosts: topPosts(db, ctx.period),
    engagement: engagementTrend(db, trendBuckets(ctx.period, trendGranularity(ctx.period))),
  };
}
