// The daily rollups are a cache of `items`: every metric read from them must equal the same metric read from the
// items, for every kind of period and filter, and an incremental refresh must equal a rebuild from scratch.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { backlog } from "../../db/metrics/backlog";
import { dataCutoff, overview, periodFigures } from "../../db/metrics/overview";
import { parsePeriod, periodContaining, previousPeriod, trendBuckets, type Period } from "../../db/metrics/period";
import { departmentRanking } from "../../db/metrics/ranking";
import { onTimeCounts, rateCounts } from "../../db/metrics/rates";
import { rollupsUsable, rollupTablesFor } from "../../db/metrics/rollup-scope";
import { refreshRollups } from "../../db/metrics/rollups";
import type { MetricFilters } from "../../db/metrics/scope";
import { sentimentByChannel } from "../../db/metrics/sentiment";
import { timing } from "../../db/metrics/timing";
import { topicTrend, topTopics } from "../../db/metrics/topics";
import { trend } from "../../db/metrics/trends";
import { and, sql } from "drizzle-orm";
import { risingTopics } from "../../db/queries/hot-issues";
import { itemListConditions, listItems } from "../../db/queries/items";
import { items, rollupReceived, rollupReceivedMonthly } from "../../db/schema";
import { countsByChannel, countsByChannelAndMonth } from "../../db/queries/volume";
import { shanghaiDayOf } from "../../db/time";
import { loadDemoData } from "../../ingest/demo/load-demo";
import { tempDb } from "../helpers/temp";

let db: Db;
let cleanup: () => void;
let periods: Period[];
let filters: MetricFilters[];

/** Every metric family for one period and filter set. */
function allMetrics(p: Period, f: MetricFilters, asOf: number) {
  const buckets = trendBuckets(p, "day");
  const topicIds = topTopics(db, p, previousPeriod(p), f, { limit: 3 }).map((t) => t.topicId);
  return {
    rateCounts: rateCounts(db, p, f),
    onTime: onTimeCounts(db, p, f, asOf),
    timing: timing(db, p, f),
    backlog: backlog(db, f, asOf),
    figures: periodFigures(db, p, f, asOf),
    ranking: departmentRanking(db, p, f, asOf),
    trend: trend(db, buckets, f),
    topTopics: topTopics(db, p, previousPeriod(p), f, { level: 2 }),
    topicTrend: topicTrend(db, buckets, f, topicIds),
    sentiment: sentimentByChannel(db, p, f),
    overview: overview(db, p, f, { now: asOf }),
    volume: [countsByChannelAndMonth(db), countsByChannel(db)],
    rising: risingTopics(db, { asOf }),
    listTotals: listTotals(p, f, asOf),
  };
}

/** The items list's totals for the period and for each backlog state, with the same totals counted row by row. */
function listTotals(p: Period, f: MetricFilters, asOf: number) {
  return ([undefined, "open", "dueSoon", "overdue"] as const).map((b) => {
    const q = { filters: f, range: b ? undefined : p, backlog: b, asOf };
    const counted = db.select({ n: sql<number>`count(*)` }).from(items).where(and(...itemListConditions(db, q))).get()!.n;
    const { total } = listItems(db, { ...q, pageSize: 1 });
    expect(total).toBe(counted);
    return total;
  });
}

/** Forces the items path (a dirty day) or lets the rollups answer (no dirty day). */
function readItems(yes: boolean) {
  if (yes) db.$client.prepare("INSERT OR IGNORE INTO rollup_dirty_days (day) VALUES (0)").run();
  else db.$client.prepare("DELETE FROM rollup_dirty_days WHERE day = 0").run();
}

function rollupTables() {
  const q = (table: string) => db.$client.prepare(`SELECT * FROM ${table}`).all().map((r) => JSON.stringify(r)).sort();
  const daily = ["rollup_received", "rollup_due", "rollup_open", "rollup_answer_times", "rollup_answer_times_by_department"];
  const monthly = ["rollup_received_monthly", "rollup_due_monthly", "rollup_answer_times_monthly", "rollup_answer_times_by_department_monthly"];
  return [...daily, ...monthly].map(q);
}

function expectSameEverywhere() {
  expect(rollupsUsable(db)).toBe(true);
  // As of the newest item (the backlog reads rollups), and as of a moment inside the month (it reads items).
  const cutoffs = [dataCutoff(db, Infinity), periods[0].start + 9.5 * 86_400_000];
  const all = () => cutoffs.flatMap((asOf) => periods.flatMap((p) => filters.map((f) => allMetrics(p, f, asOf))));
  const fromRollups = all();
  readItems(true);
  expect(rollupsUsable(db)).toBe(false);
  const fromItems = all();
  readItems(false);
  for (let i = 0; i < fromItems.length; i++) expect(fromRollups[i]).toEqual(fromItems[i]);
}

beforeAll(async () => {
  const t = tempDb();
  db = t.db;
  cleanup = () => db.$client.close();
  await loadDemoData(db, t.dir, () => {}, { scale: 0.03 });
  // Some exclusions and a correction, written the way the app writes them (triggers mark their days).
  db.$client.exec("UPDATE items SET excluded = 1 WHERE id % 17 = 0");
  db.$client.exec("UPDATE items SET human_department_id = (SELECT min(id) FROM departments) WHERE id % 23 = 0");
  refreshRollups(db);
  const asOf = dataCutoff(db, Infinity);
  const month = periodContaining("month", asOf);
  const previous = previousPeriod(month);
  const topic = db.$client.prepare("SELECT routed_topic_id FROM items WHERE routed_topic_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").pluck().get() as number;
  const firstLevel = db.$client.prepare("SELECT coalesce(parent_id, id) FROM topics WHERE id = ?").pluck().get(topic) as number;
  const dept = db.$client.prepare("SELECT routed_department_id FROM items WHERE routed_department_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").pluck().get() as number;
  periods = [
    month, previous, periodContaining("week", asOf), periodContaining("quarter", asOf),
    parsePeriod(`A${month.key}`, { assessmentStartDay: 19 }),
    parsePeriod(`${shanghaiDayOf(previous.start + 9 * 86_400_000)}~${shanghaiDayOf(month.start + 4 * 86_400_000)}`),
    // Whole months, read from the monthly tables: a year, and a custom range of two whole months.
    periodContaining("year", asOf),
    parsePeriod(`${shanghaiDayOf(previous.start)}~${shanghaiDayOf(month.end - 86_400_000)}`),
  ];
  filters = [
    {}, { includeExcluded: true }, { channel: "hotline" }, { channel: "weibo" }, { departmentId: dept },
    { topicId: firstLevel }, { topicId: topic, channel: "mailbox" }, { departmentId: dept, topicId: firstLevel, includeExcluded: true },
  ];
}, 240_000);
afterAll(() => cleanup());

describe("daily rollups", () => {
  it("give every metric exactly as the items do, for every kind of period and filter", () => {
    expectSameEverywhere();
  });

  it("are read monthly for whole months and daily otherwise", () => {
    const [month, previous, week, quarter, assessment, custom, year, twoMonths] = periods;
    for (const p of [month, previous, quarter, year, twoMonths]) expect(rollupTablesFor(p).received, p.key).toBe(rollupReceivedMonthly);
    for (const p of [week, assessment, custom]) expect(rollupTablesFor(p).received, p.key).toBe(rollupReceived);
    // The monthly rows sum to the daily ones.
    const total = (table: string) => db.$client.prepare(`SELECT sum(received), count(*) FROM ${table}`).raw().get() as number[];
    expect(total("rollup_received_monthly")[0]).toBe(total("rollup_received")[0]);
    expect(total("rollup_received_monthly")[1]).toBeLessThan(total("rollup_received")[1]);
  });

  it("refresh only the receipt days an item write touched, to the same state as a rebuild", () => {
    const before = rollupTables();
    // A reply, an exclusion, and an item moved to another day: three writes, at most four dirty days.
    db.$client.exec(`
      UPDATE items SET replied_at = received_at + 3600000 WHERE id = (SELECT min(id) FROM items WHERE replied_at IS NULL AND closed_at IS NULL);
      UPDATE items SET excluded = 1 WHERE id = (SELECT min(id) FROM items WHERE excluded = 0);
      UPDATE items SET received_at = received_at - 86400000 WHERE id = (SELECT max(id) FROM items WHERE channel = 'mailbox');`);
    const dirty = db.$client.prepare("SELECT count(*) FROM rollup_dirty_days").pluck().get() as number;
    expect(dirty).toBeGreaterThan(0);
    expect(dirty).toBeLessThanOrEqual(4);
    const refresh = refreshRollups(db);
    expect(refresh).toMatchObject({ days: dirty, full: false });
    const incremental = rollupTables();
    expect(incremental).not.toEqual(before);
    db.$client.exec("INSERT OR IGNORE INTO rollup_dirty_days (day) SELECT DISTINCT (received_at + 28800000) / 86400000 FROM items");
    expect(refreshRollups(db).full).toBe(true);
    expect(rollupTables()).toEqual(incremental);
    expectSameEverywhere();
  });

  it("leave nothing to do when nothing changed", () => {
    expect(refreshRollups(db)).toMatchObject({ days: 0 });
  });
});
