// The Chinese working-day calendar (法定节假日与调休) and working-day deadlines and durations.
//
// Day kinds come from the official calendar shipped in the chinese-days package: a listed holiday is a
// "holiday" (including the weekend days inside a holiday run), a listed make-up workday (调休上班, always a
// Saturday or Sunday) is a "makeup_workday", any other Saturday or Sunday a "weekend", the rest "workday".
// Years the package does not cover fall back to the Saturday/Sunday rule, and every result that depends
// on such a year carries a CalendarWarning (one per year) so nobody mistakes a guess for a deadline.
//
// Deadline rule (工作日期限): the clock runs only on working days (workday or makeup_workday).
//   - From an instant on a working day, n working days later is the same clock time on the n-th following
//     working day (received Friday 15:00, 1 working day → Monday 15:00).
//   - From an instant on a non-working day, the clock starts at 00:00 of the next working day, so the
//     deadline is 24:00 (= 00:00 of the following calendar day) of the n-th working day, counting that
//     first working day as day 1 (received Saturday, 1 working day → 24:00 Monday = Tuesday 00:00).
//   - n = 0 gives the instant itself, or 00:00 of the next working day when received on a non-working day.
// workdaysBetween measures the same clock: only time falling on working days counts, so for any instant t
// and integer n ≥ 0, workdaysBetween(t, addWorkdays(t, n).deadline).days === n.
//
// Speed: callers run these over hundreds of thousands of items, so the day kinds of the covered years are
// computed once into a typed array with a running count of working days; a duration is then two lookups
// and a deadline a short search over that count. No date library in the hot path.
import { createRequire } from "node:module";
import {
  SHANGHAI_DAY_MS,
  shanghaiDayNumber,
  shanghaiDayNumberOf,
  shanghaiDayNumberStart,
  shanghaiDayOfNumber,
  shanghaiIsoWeekdayOfNumber,
  shanghaiYearOfNumber,
} from "../time";

export type DayKind = "workday" | "weekend" | "holiday" | "makeup_workday";

export interface CalendarWarning {
  year: number;
  message: string;
}

interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

// createRequire loads the JSON the same way under tsx, vitest and the Vite server build.
const calendarData = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as CalendarData;

const HOUR_MS = 60 * 60 * 1000;

// Kind codes stored in the typed array; the index is the code.
const KINDS: readonly DayKind[] = ["workday", "weekend", "holiday", "makeup_workday"];
const WORKDAY = 0;
const WEEKEND = 1;
const HOLIDAY = 2;
const MAKEUP_WORKDAY = 3;

const holidayDays = new Set(Object.keys(calendarData.holidays));
const makeupWorkdays = new Set(Object.keys(calendarData.workdays));

const coveredYears = new Set<number>();
for (const table of [calendarData.holidays, calendarData.workdays, calendarData.inLieuDays]) {
  for (const day of Object.keys(table)) coveredYears.add(Number(day.slice(0, 4)));
}
if (coveredYears.size === 0) throw new Error("chinese-days/dist/chinese-days.json holds no days");
const firstYear = Math.min(...coveredYears);
const lastYear = Math.max(...coveredYears);

/** Day numbers [tableStart, tableEnd) are precomputed: every day of the covered years. */
const tableStart = shanghaiDayNumber(`${firstYear}-01-01`);
const tableEnd = shanghaiDayNumber(`${lastYear + 1}-01-01`);
const kindCodes = new Uint8Array(tableEnd - tableStart);
/** workdaysBeforeTable[i] = working days in [tableStart, tableStart + i). */
const workdaysBeforeTable = new Int32Array(tableEnd - tableStart + 1);

function isWeekendNumber(dayNumber: number): boolean {
  return shanghaiIsoWeekdayOfNumber(dayNumber) >= 6;
}

for (let dayNumber = tableStart; dayNumber < tableEnd; dayNumber++) {
  const day = shanghaiDayOfNumber(dayNumber);
  const code = holidayDays.has(day) ? HOLIDAY : makeupWorkdays.has(day) ? MAKEUP_WORKDAY : isWeekendNumber(dayNumber) ? WEEKEND : WORKDAY;
  const i = dayNumber - tableStart;
  kindCodes[i] = code;
  workdaysBeforeTable[i + 1] = workdaysBeforeTable[i] + (isWorkingCode(code) ? 1 : 0);
}

function isWorkingCode(code: number): boolean {
  return code === WORKDAY || code === MAKEUP_WORKDAY;
}

function kindCodeOfNumber(dayNumber: number): number {
  if (dayNumber >= tableStart && dayNumber < tableEnd) return kindCodes[dayNumber - tableStart];
  return isWeekendNumber(dayNumber) ? WEEKEND : WORKDAY;
}

function isWorkdayNumber(dayNumber: number): boolean {
  return isWorkingCode(kindCodeOfNumber(dayNumber));
}

/** A Monday (1970-01-05); Monday–Friday counts are measured from it. */
const MONDAY_ANCHOR = 4;

/** Monday–Friday days in [MONDAY_ANCHOR, dayNumber), negative before the anchor. */
function weekdaysBefore(dayNumber: number): number {
  const offset = dayNumber - MONDAY_ANCHOR;
  const weeks = Math.floor(offset / 7);
  return 5 * weeks + Math.min(offset - 7 * weeks, 5);
}

/**
 * Working days in [tableStart, dayNumber), negative (minus the count in [dayNumber, tableStart)) before
 * the table. Non-decreasing in dayNumber, and rises by one exactly after each working day.
 */
function workdaysBefore(dayNumber: number): number {
  if (dayNumber < tableStart) return weekdaysBefore(dayNumber) - weekdaysBefore(tableStart);
  if (dayNumber <= tableEnd) return workdaysBeforeTable[dayNumber - tableStart];
  return workdaysBeforeTable[tableEnd - tableStart] + weekdaysBefore(dayNumber) - weekdaysBefore(tableEnd);
}

/** The working day x ≥ lowerBound with workdaysBefore(x) === count; requires workdaysBefore(lowerBound) ≤ count. */
function workdayWithCount(count: number, lowerBound: number): number {
  // Smallest y with workdaysBefore(y) > count; the working day is y - 1. Gallop for an upper bound, then bisect.
  let step = 8;
  while (workdaysBefore(lowerBound + step) <= count) step *= 2;
  let low = lowerBound; // workdaysBefore(low) <= count
  let high = lowerBound + step; // workdaysBefore(high) > count
  while (high - low > 1) {
    const middle = low + Math.floor((high - low) / 2);
    if (workdaysBefore(middle) > count) high = middle;
    else low = middle;
  }
  return high - 1;
}

/** One warning per uncovered year among the days [fromDay, toDay]. */
function warningsForDays(fromDay: number, toDay: number): CalendarWarning[] {
  const low = Math.min(fromDay, toDay);
  const high = Math.max(fromDay, toDay);
  if (low >= tableStart && high < tableEnd && coveredYears.size === lastYear - firstYear + 1) return [];
  const warnings: CalendarWarning[] = [];
  for (let year = shanghaiYearOfNumber(low), last = shanghaiYearOfNumber(high); year <= last; year++) {
    if (!covers(year)) warnings.push(uncoveredYearWarning(year));
  }
  return warnings;
}

function uncoveredYearWarning(year: number): CalendarWarning {
  return { year, message: `${year} 年的法定节假日与调休安排未收录，该年按周末双休推算，期限可能有误。` };
}

function requireInstant(ms: number, name: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not an instant: ${ms}`);
}

/** The first and last years whose holidays and make-up workdays the calendar data list. */
export function calendarCoverage(): { first: number; last: number } {
  return { first: firstYear, last: lastYear };
}

/** Whether the official calendar of `year` is known (otherwise the Saturday/Sunday rule is a guess). */
export function covers(year: number): boolean {
  return coveredYears.has(year);
}

/** Kind of a Shanghai day "YYYY-MM-DD"; outside the covered years, Saturday and Sunday are weekends. */
export function dayKind(day: string): DayKind {
  return KINDS[kindCodeOfNumber(shanghaiDayNumber(day))];
}

/** Whether a Shanghai day "YYYY-MM-DD" is a working day (an ordinary workday or a make-up workday). */
export function isWorkday(day: string): boolean {
  return isWorkdayNumber(shanghaiDayNumber(day));
}

/** The deadline n working days after `fromMs` (rule in the file header); n is an integer ≥ 0. */
export function addWorkdays(fromMs: number, n: number): { deadline: number; warnings: CalendarWarning[] } {
  requireInstant(fromMs, "fromMs");
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0 working days, got ${n}`);
  const fromDay = shanghaiDayNumberOf(fromMs);
  const countBefore = workdaysBefore(fromDay);
  if (isWorkdayNumber(fromDay)) {
    if (n === 0) return { deadline: fromMs, warnings: warningsForDays(fromDay, fromDay) };
    const lastDay = workdayWithCount(countBefore + n, fromDay);
    const clockTime = fromMs - shanghaiDayNumberStart(fromDay);
    return { deadline: shanghaiDayNumberStart(lastDay) + clockTime, warnings: warningsForDays(fromDay, lastDay) };
  }
  // No working day lies between fromDay and the next working day, so both have the same count before them.
  if (n === 0) {
    const firstWorkday = workdayWithCount(countBefore, fromDay);
    return { deadline: shanghaiDayNumberStart(firstWorkday), warnings: warningsForDays(fromDay, firstWorkday) };
  }
  const lastDay = workdayWithCount(countBefore + n - 1, fromDay);
  return { deadline: shanghaiDayNumberStart(lastDay + 1), warnings: warningsForDays(fromDay, lastDay) };
}

/** Working days elapsed from `fromMs` to `toMs`, counting only time on working days; negative if toMs < fromMs. */
export function workdaysBetween(fromMs: number, toMs: number): { days: number; warnings: CalendarWarning[] } {
  requireInstant(fromMs, "fromMs");
  requireInstant(toMs, "toMs");
  const fromDay = shanghaiDayNumberOf(fromMs);
  const toDay = shanghaiDayNumberOf(toMs);
  // Whole days and the fractions are kept apart so equal clock times cancel exactly.
  const wholeDays = workdaysBefore(toDay) - workdaysBefore(fromDay);
  const fraction = workingFractionOfDay(toMs, toDay) - workingFractionOfDay(fromMs, fromDay);
  // A range ending at 00:00 does not touch the day it ends on.
  const earlier = Math.min(fromMs, toMs);
  const later = Math.max(fromMs, toMs);
  const lastTouchedDay = later > earlier ? shanghaiDayNumberOf(later - 1) : shanghaiDayNumberOf(later);
  return { days: wholeDays + fraction, warnings: warningsForDays(shanghaiDayNumberOf(earlier), lastTouchedDay) };
}

/** Part of day `dayNumber` elapsed at `ms` that counts as working time (0 on a non-working day). */
function workingFractionOfDay(ms: number, dayNumber: number): number {
  if (!isWorkdayNumber(dayNumber)) return 0;
  return (ms - shanghaiDayNumberStart(dayNumber)) / SHANGHAI_DAY_MS;
}

/** Plain elapsed hours (the hotline's deadlines run around the clock); negative if toMs < fromMs. */
export function hoursBetween(fromMs: number, toMs: number): number {
  requireInstant(fromMs, "fromMs");
  requireInstant(toMs, "toMs");
  return (toMs - fromMs) / HOUR_MS;
}
