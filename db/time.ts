// THE one place that turns stored UTC instants into Asia/Shanghai calendar days and months.
//
// Every time in the database is a UTC instant in epoch milliseconds (an integer). Reports, however, are
// about the Shanghai calendar: a call received at 2026-01-31T17:00Z was received on 2026-02-01 local time
// and belongs to February. Asia/Shanghai has been a fixed UTC+8 (no daylight saving) since 1991, so
// bucketing is a plain +8 h shift, the same in SQL and in JS; no time-zone database is needed at query
// time, and SQLite can use the shift inside GROUP BY without a lookup table.
//
// Do not bucket times anywhere else: use these helpers, so SQL and JS always agree.
import { sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

export const SHANGHAI_TIME_ZONE = "Asia/Shanghai";
/** UTC+8, constant since 1991 (China observed DST only 1986–1991). */
export const SHANGHAI_OFFSET_SECONDS = 8 * 60 * 60; // 28800
export const SHANGHAI_OFFSET_MS = SHANGHAI_OFFSET_SECONDS * 1000;

/** A column or expression that yields epoch milliseconds. */
export type EpochMsExpr = SQLiteColumn | SQL;

// The offset is written into the SQL text as a literal (not a bound parameter) so that the same
// expression text appears in SELECT and GROUP BY and SQLite treats them as one expression.

/** Shanghai calendar month, "YYYY-MM", of an epoch-ms column. NULL in → NULL out. */
export function shanghaiMonth(column: EpochMsExpr): SQL<string> {
  return sql<string>`strftime('%Y-%m', ${column} / 1000 + 28800, 'unixepoch')`;
}

/** Shanghai calendar day, "YYYY-MM-DD", of an epoch-ms column. NULL in → NULL out. */
export function shanghaiDay(column: EpochMsExpr): SQL<string> {
  return sql<string>`strftime('%Y-%m-%d', ${column} / 1000 + 28800, 'unixepoch')`;
}

/** Shanghai day number (see shanghaiDayNumberOf) of an epoch-ms column; the rollups' day key. NULL in → NULL out. */
export function shanghaiDayNumberSql(column: EpochMsExpr): SQL<number> {
  return sql<number>`((${column} + 28800000) / 86400000)`;
}

/** Shanghai calendar month, "YYYY-MM", of an epoch-ms instant. */
export function shanghaiMonthOf(ms: number): string {
  return shanghaiDayOf(ms).slice(0, 7);
}

/** Shanghai calendar day, "YYYY-MM-DD", of an epoch-ms instant. */
export function shanghaiDayOf(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${ms}`);
  // Shift into "Shanghai wall-clock as if it were UTC", then read the UTC calendar fields.
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant (epoch ms) at which a Shanghai day "YYYY-MM-DD" begins (00:00 local). */
export function shanghaiDayStart(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`Not a day (YYYY-MM-DD): ${day}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== day) throw new RangeError(`No such day: ${day}`);
  return ms - SHANGHAI_OFFSET_MS;
}

/** One Shanghai day in ms: the offset is fixed (no daylight saving), so every day is 24 h long. */
export const SHANGHAI_DAY_MS = 24 * 60 * 60 * 1000;
export const SHANGHAI_WEEK_MS = 7 * SHANGHAI_DAY_MS;

/**
 * The 7 Shanghai calendar days ending with the day of `ms` (that day included), shifted `weeksBack` weeks
 * earlier: [start, end) as UTC instants in epoch ms. A rolling week, so "this week" is always 7 whole days.
 */
export function shanghaiWeekEnding(ms: number, weeksBack = 0): { start: number; end: number } {
  const end = shanghaiDayStart(shanghaiDayOf(ms)) + SHANGHAI_DAY_MS - weeksBack * SHANGHAI_WEEK_MS;
  return { start: end - SHANGHAI_WEEK_MS, end };
}

// Day numbers: whole Shanghai days since 1970-01-01 (Shanghai). Integer arithmetic on them is what hot
// loops (working-day deadlines over hundreds of thousands of items) need instead of parsing day strings.

/** Shanghai day number of an epoch-ms instant (1970-01-01 Shanghai is 0). */
export function shanghaiDayNumberOf(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${ms}`);
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / SHANGHAI_DAY_MS);
}

/** The UTC instant (epoch ms) at which Shanghai day number `dayNumber` begins. */
export function shanghaiDayNumberStart(dayNumber: number): number {
  return dayNumber * SHANGHAI_DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Shanghai day number of a day "YYYY-MM-DD". */
export function shanghaiDayNumber(day: string): number {
  return (shanghaiDayStart(day) + SHANGHAI_OFFSET_MS) / SHANGHAI_DAY_MS;
}

/** The day "YYYY-MM-DD" of a Shanghai day number. */
export function shanghaiDayOfNumber(dayNumber: number): string {
  return new Date(dayNumber * SHANGHAI_DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a Shanghai day number: 1 = Monday … 7 = Sunday (day 0, 1970-01-01, was a Thursday). */
export function shanghaiIsoWeekdayOfNumber(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Calendar year of a Shanghai day number (cheaper than slicing shanghaiDayOfNumber in hot loops). */
export function shanghaiYearOfNumber(dayNumber: number): number {
  return new Date(dayNumber * SHANGHAI_DAY_MS).getUTCFullYear();
}

/** The day number of the first day of the Shanghai month that day number `dayNumber` is in. */
export function monthStartDayNumberOf(dayNumber: number): number {
  const d = new Date(dayNumber * SHANGHAI_DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / SHANGHAI_DAY_MS;
}

/** The same as SQL text over a day-number expression (the monthly rollups' key, built by raw statements). */
export function monthStartDayNumberSqlText(dayNumber: string): string {
  return `(CAST(strftime('%s', (${dayNumber}) * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400)`;
}
