// Time to reply and to close: median and 90th percentile in working days (and elapsed hours for the hotline),
// over the items received in the period that have been answered / closed.
//
// 口径: each item's time is rounded before percentiles are taken (to 0.1 under 10, to whole units under 100,
// hours to tens above), which is the precision the dashboard prints anyway. Rounding keeps the order of items,
// so the nearest-rank percentile of rounded times is the rounded percentile, and a histogram of rounded times
// (the daily rollup) gives exactly the figure a scan of the items gives.
import { and, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { items } from "../schema";
import { dayRange, rollupFilterConditions, rollupsUsable, rollupTablesFor } from "./rollup-scope";
import { receivedIn, type MetricFilters, type TimeRange } from "./scope";
import { workdaysBetween } from "./workdays";

export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface Timing {
  replyWorkdays: Distribution;
  closeWorkdays: Distribution;
  /** Hotline only: elapsed hours from receipt to reply. */
  replyHours: Distribution;
}

/** The rollups' measure codes. */
export const ANSWER_MEASURE = { replyWorkdays: 1, closeWorkdays: 2, replyHours: 3 } as const;
type MeasureName = keyof typeof ANSWER_MEASURE;

/** An answer time rounded per the 口径, in tenths of its unit (an integer, so it can key a histogram). */
export function answerTimeTenths(value: number, unit: "workdays" | "hours"): number {
  // A reply stamped before the receipt (a source error, flagged on import) counts as an immediate reply.
  const x = Math.max(0, value);
  if (x < 10) return Math.round(x * 10);
  if (unit === "workdays" || x < 100) return Math.round(x) * 10;
  return Math.round(x / 10) * 100;
}

/**
 * answerTimeTenths(hours, "hours") in SQL, over an expression of elapsed milliseconds: the same IEEE arithmetic
 * in the same order, so both give the same integer (a test compares them).
 */
export function answerHoursTenthsSql(elapsedMs: SQL): SQL<number> {
  const h = sql`max(0.0, (${elapsedMs}) / 3600000.0)`;
  return sql<number>`CAST(CASE WHEN ${h} < 10 THEN round(${h} * 10) WHEN ${h} < 100 THEN round(${h}) * 10 ELSE round(${h} / 10) * 100 END AS INTEGER)`;
}

/** The rounded time of one measure for an item, or null when the item has none. */
export function itemAnswerTenths(measure: number, channel: string, receivedAt: number, answeredAt: number | null, closedAt: number | null): number | null {
  if (measure === ANSWER_MEASURE.replyWorkdays) return answeredAt === null ? null : answerTimeTenths(workdaysBetween(receivedAt, answeredAt).days, "workdays");
  if (measure === ANSWER_MEASURE.closeWorkdays) return closedAt === null ? null : answerTimeTenths(workdaysBetween(receivedAt, closedAt).days, "workdays");
  return answeredAt === null || channel !== "hotline" ? null : answerTimeTenths((answeredAt - receivedAt) / 3_600_000, "hours");
}

/** Nearest-rank percentile of sorted values (the p-th value, no interpolation: it is a real item's time). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function distribution(values: number[]): Distribution {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return { count: list.length, median: percentile(list, 50), p90: percentile(list, 90) };
}

/** A histogram of rounded times (tenths → items). */
export type Histogram = Map<number, number>;

function rankIn(sortedBins: [number, number][], rank: number): number {
  let seen = 0;
  for (const [tenths, n] of sortedBins) {
    seen += n;
    if (seen >= rank) return tenths / 10;
  }
  return sortedBins[sortedBins.length - 1][0] / 10;
}

/** Median and p90 (nearest rank) of a histogram of rounded times. */
export function distributionOf(h: Histogram): Distribution {
  const bins = [...h.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const count = bins.reduce((s, [, n]) => s + n, 0);
  if (count === 0) return { count: 0, median: null, p90: null };
  const at = (p: number) => rankIn(bins, Math.max(1, Math.ceil((p / 100) * count)));
  return { count, median: at(50), p90: at(90) };
}

function add(h: Histogram, tenths: number, n = 1) {
  h.set(tenths, (h.get(tenths) ?? 0) + n);
}

interface TimingRow {
  channel: string;
  receivedAt: number;
  answeredAt: number | null;
  closedAt: number | null;
}

type Histograms = Record<MeasureName, Histogram>;
const emptyHistograms = (): Histograms => ({ replyWorkdays: new Map(), closeWorkdays: new Map(), replyHours: new Map() });
const timingFrom = (h: Histograms): Timing => ({
  replyWorkdays: distributionOf(h.replyWorkdays), closeWorkdays: distributionOf(h.closeWorkdays), replyHours: distributionOf(h.replyHours),
});

function addRow(h: Histograms, r: TimingRow) {
  for (const name of Object.keys(ANSWER_MEASURE) as MeasureName[]) {
    const tenths = itemAnswerTenths(ANSWER_MEASURE[name], r.channel, r.receivedAt, r.answeredAt, r.closedAt);
    if (tenths !== null) add(h[name], tenths);
  }
}

export function timingOf(rows: TimingRow[]): Timing {
  const h = emptyHistograms();
  for (const r of rows) addRow(h, r);
  return timingFrom(h);
}

function timingRows(db: Db, range: TimeRange, f: MetricFilters) {
  return db
    .select({ departmentId: items.routedDepartmentId, channel: items.channel, receivedAt: items.receivedAt, answeredAt: items.answeredAt, closedAt: items.closedAt })
    .from(items)
    .where(and(receivedIn(db, range, f), isNotNull(items.answeredAt)))
    .all();
}

const MEASURE_NAMES = Object.fromEntries(Object.entries(ANSWER_MEASURE).map(([k, v]) => [v, k])) as Record<number, MeasureName>;

/** The histograms live without the topic, so a topic filter reads the items instead. */
function useRollups(db: Db, range: TimeRange, f: MetricFilters): boolean {
  return f.topicId === undefined && rollupsUsable(db, range);
}

export function timing(db: Db, range: TimeRange, f: MetricFilters): Timing {
  if (!useRollups(db, range, f)) return timingOf(timingRows(db, range, f));
  const { from, to } = dayRange(range);
  const tables = rollupTablesFor(range);
  // Without a department filter the all-departments table has the same histograms in fewer rows.
  const t = f.departmentId === undefined ? tables.answerTimes : tables.answerTimesByDepartment;
  const h = emptyHistograms();
  const rows = db
    .select({ measure: t.measure, tenths: t.tenths, n: sql<number>`sum(${t.n})` })
    .from(t)
    .where(and(sql`${t.day} >= ${from} AND ${t.day} < ${to}`, ...rollupFilterConditions(db, t, f)))
    .groupBy(t.measure, t.tenths)
    .all();
  for (const r of rows) add(h[MEASURE_NAMES[r.measure]], r.tenths, r.n);
  return timingFrom(h);
}

/** Reply times in working days per routed department (null = not assigned), for the league table. */
export function replyWorkdaysByDepartment(db: Db, range: TimeRange, f: MetricFilters): Map<number | null, Distribution> {
  const byDept = new Map<number | null, Histogram>();
  const histogramOf = (id: number | null) => byDept.get(id) ?? byDept.set(id, new Map()).get(id)!;
  if (useRollups(db, range, f)) {
    const t = rollupTablesFor(range).answerTimesByDepartment;
    const { from, to } = dayRange(range);
    const rows = db
      .select({ departmentId: t.departmentId, tenths: t.tenths, n: sql<number>`sum(${t.n})` })
      .from(t)
      .where(and(sql`${t.day} >= ${from} AND ${t.day} < ${to} AND ${t.measure} = ${ANSWER_MEASURE.replyWorkdays}`, ...rollupFilterConditions(db, t, f)))
      .groupBy(t.departmentId, t.tenths)
      .all();
    for (const r of rows) add(histogramOf(r.departmentId === 0 ? null : r.departmentId), r.tenths, r.n);
  } else {
    for (const r of timingRows(db, range, f)) {
      const tenths = itemAnswerTenths(ANSWER_MEASURE.replyWorkdays, r.channel, r.receivedAt, r.answeredAt, r.closedAt);
      if (tenths !== null) add(histogramOf(r.departmentId), tenths);
    }
  }
  return new Map([...byDept.entries()].map(([id, h]) => [id, distributionOf(h)]));
}
