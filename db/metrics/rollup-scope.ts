// Reading the daily rollups: whether they can answer a question exactly, the period as rollup day numbers, and
// the dashboard's filters as conditions on a rollup table. The rollups are a cache of `items`: when any receipt
// day is dirty (written since the last refresh) or a range does not start and end at Shanghai midnight, the
// metric functions read the items instead, so a stale rollup can cost time but never change a figure.
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import {
  rollupAnswerTimes, rollupAnswerTimesByDepartment, rollupAnswerTimesByDepartmentMonthly, rollupAnswerTimesMonthly,
  rollupDirtyDays, rollupDue, rollupDueMonthly, rollupReceived, rollupReceivedMonthly,
} from "../schema";
import { monthStartDayNumberOf, SHANGHAI_DAY_MS, SHANGHAI_OFFSET_MS, shanghaiDayNumberOf } from "../time";
import { topicAndChildren, type MetricFilters, type TimeRange } from "./scope";

const isDayStart = (ms: number) => Number.isFinite(ms) && (ms + SHANGHAI_OFFSET_MS) % SHANGHAI_DAY_MS === 0;

/** True when no receipt day is dirty, and the range (if any) is made of whole Shanghai days. */
export function rollupsUsable(db: Db, range?: TimeRange): boolean {
  if (range && !(isDayStart(range.start) && isDayStart(range.end))) return false;
  return db.select({ day: rollupDirtyDays.day }).from(rollupDirtyDays).limit(1).get() === undefined;
}

/** The range as rollup day numbers [from, to). */
export function dayRange(range: TimeRange): { from: number; to: number } {
  return { from: shanghaiDayNumberOf(range.start), to: shanghaiDayNumberOf(range.end) };
}

const DAILY = { received: rollupReceived, due: rollupDue, answerTimes: rollupAnswerTimes, answerTimesByDepartment: rollupAnswerTimesByDepartment };
// The monthly tables have the daily ones' columns (db/schema.ts builds both from one definition).
const MONTHLY = {
  received: rollupReceivedMonthly, due: rollupDueMonthly, answerTimes: rollupAnswerTimesMonthly, answerTimesByDepartment: rollupAnswerTimesByDepartmentMonthly,
} as unknown as typeof DAILY;
export type RollupTables = typeof DAILY;

/** True when [from, to) (day numbers) starts and ends on the first of a Shanghai month. */
export const isWholeMonths = (from: number, to: number) => from === monthStartDayNumberOf(from) && to === monthStartDayNumberOf(to);

/**
 * The rollup tables that answer a range exactly with the fewest rows: the monthly ones when the range is made of
 * whole Shanghai months (a month, quarter or year), the daily ones otherwise. Both take the same conditions.
 */
export function rollupTablesFor(range: TimeRange): RollupTables {
  const { from, to } = dayRange(range);
  return isWholeMonths(from, to) ? MONTHLY : DAILY;
}

/** The daily tables, for queries that group by day. */
export const dailyRollupTables = (): RollupTables => DAILY;

interface RollupColumns {
  channel: SQLiteColumn;
  excluded: SQLiteColumn;
  departmentId?: SQLiteColumn;
  topicId?: SQLiteColumn;
}

/** The filters on a rollup table (department and topic 0 stand for none). */
export function rollupFilterConditions(db: Db, t: RollupColumns, f: MetricFilters): SQL[] {
  const out: SQL[] = [];
  if (f.channel) out.push(eq(t.channel, f.channel));
  if (f.departmentId !== undefined) {
    if (!t.departmentId) throw new Error("This rollup has no department");
    out.push(eq(t.departmentId, f.departmentId));
  }
  if (f.topicId !== undefined) {
    if (!t.topicId) throw new Error("This rollup has no topic");
    out.push(inArray(t.topicId, topicAndChildren(db, f.topicId)));
  }
  if (!f.includeExcluded) out.push(eq(t.excluded, 0));
  return out;
}

/** `column` in [from, to) as SQL. */
export function dayWithin(column: SQLiteColumn, from: number, to: number): SQL {
  return sql`(${column} >= ${from} AND ${column} < ${to})`;
}

/** A rollup's department 0 back to "not assigned". */
export const departmentOf = (id: number): number | null => (id === 0 ? null : id);
