// Reporting periods: months, ISO weeks, quarters, years, custom day ranges and assessment months, all made
// of whole Asia/Shanghai days and held as half-open UTC ranges [start, end) in epoch ms.
//
// Every period has a canonical key that parsePeriod reads back: "2026-10", "2026-W40" (ISO week, Monday to
// Sunday), "2026-Q3", "2026", "2026-10-01~2026-10-31" (inclusive days) and "A2026-10". An assessment month
// (考核月) is named by the calendar month it ends in: with start day 19, A2026-10 runs 2026-09-19 to
// 2026-10-18; with start day 1 it is the calendar month. The start day is an option (1–28, so every month
// has it); a period remembers it as the day of month of its first day.
import {
  shanghaiDayNumber,
  shanghaiDayNumberOf,
  shanghaiDayNumberStart,
  shanghaiDayOfNumber,
  shanghaiIsoWeekdayOfNumber,
  shanghaiYearOfNumber,
} from "../time";

export type PeriodKind = "month" | "week" | "quarter" | "year" | "custom" | "assessment";

export interface Period {
  kind: PeriodKind;
  /** Canonical text form; parsePeriod(key) gives the same period back. */
  key: string;
  /** UTC epoch ms of 00:00 Shanghai on firstDay. */
  start: number;
  /** UTC epoch ms of 00:00 Shanghai on the day after lastDay (exclusive). */
  end: number;
  /** First Shanghai day, "YYYY-MM-DD", inclusive. */
  firstDay: string;
  /** Last Shanghai day, "YYYY-MM-DD", inclusive. */
  lastDay: string;
}

export interface PeriodOptions {
  /** Day of month on which an assessment month starts, 1–28; 1 (the default) means calendar months. */
  assessmentStartDay?: number;
}

export interface TrendBucket {
  key: string;
  start: number;
  end: number;
  label: string;
}

export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PeriodError";
  }
}

/** Years a period may name; keeps every key four digits and the calendar arithmetic well inside Date's range. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;
/** Custom ranges longer than this many years are almost always typing mistakes. */
const MAX_CUSTOM_YEARS = 3;

/** What a key says, before it is turned into days. Custom days are Shanghai day numbers. */
type PeriodSpec =
  | { kind: "month"; year: number; month: number }
  | { kind: "week"; year: number; week: number }
  | { kind: "quarter"; year: number; quarter: number }
  | { kind: "year"; year: number }
  | { kind: "custom"; firstDay: number; lastDay: number }
  | { kind: "assessment"; year: number; month: number };

const PERIOD_FORMATS = "2026-10, 2026-W40, 2026-Q3, 2026, 2026-10-01~2026-10-31 or A2026-10";
const ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const pad2 = (n: number) => String(n).padStart(2, "0");

// ---- Calendar arithmetic on Shanghai day numbers -------------------------------------------------------

function dayNumberOfDate(year: number, month: number, dayOfMonth: number): number {
  return shanghaiDayNumber(`${year}-${pad2(month)}-${pad2(dayOfMonth)}`);
}

/** Calendar month shifted by `months`: (2026, 1) − 1 → (2025, 12). */
function shiftMonth(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function firstDayOfMonth(year: number, month: number): number {
  return dayNumberOfDate(year, month, 1);
}

function lastDayOfMonth(year: number, month: number): number {
  const next = shiftMonth(year, month, 1);
  return firstDayOfMonth(next.year, next.month) - 1;
}

function daysInMonth(year: number, month: number): number {
  return lastDayOfMonth(year, month) - firstDayOfMonth(year, month) + 1;
}

/** Monday of ISO week 1: the week holding 4 January. */
function isoWeekOneMonday(isoYear: number): number {
  const january4 = dayNumberOfDate(isoYear, 1, 4);
  return january4 - (shanghaiIsoWeekdayOfNumber(january4) - 1);
}

function isoWeeksInYear(isoYear: number): number {
  return (isoWeekOneMonday(isoYear + 1) - isoWeekOneMonday(isoYear)) / 7;
}

/** ISO year and week of a day: the week belongs to the year its Thursday falls in. */
function isoWeekOf(dayNumber: number): { year: number; week: number } {
  const thursday = dayNumber + 4 - shanghaiIsoWeekdayOfNumber(dayNumber);
  const year = shanghaiYearOfNumber(thursday);
  return { year, week: Math.floor((thursday - isoWeekOneMonday(year)) / 7) + 1 };
}

/** The same day `years` years later (earlier if negative); 29 February becomes 28 February in a common year. */
function shiftYearsClamped(dayNumber: number, years: number): number {
  const [year, month, dayOfMonth] = shanghaiDayOfNumber(dayNumber).split("-").map(Number);
  const targetYear = year + years;
  return dayNumberOfDate(targetYear, month, Math.min(dayOfMonth, daysInMonth(targetYear, month)));
}

// ---- Keys ----------------------------------------------------------------------------------------------

function parseYear(digits: string, text: string): number {
  const year = Number(digits);
  if (year < MIN_YEAR || year > MAX_YEAR) throw new PeriodError(`Year out of range in period "${text}": ${year} (supported: ${MIN_YEAR}–${MAX_YEAR})`);
  return year;
}

function parseMonth(digits: string, text: string): number {
  const month = Number(digits);
  if (month < 1 || month > 12) throw new PeriodError(`No such month in period "${text}": ${digits} (months are 01–12)`);
  return month;
}

function parseDayNumber(day: string, text: string): number {
  try {
    const dayNumber = shanghaiDayNumber(day);
    parseYear(day.slice(0, 4), text);
    return dayNumber;
  } catch (error) {
    if (error instanceof PeriodError) throw error;
    throw new PeriodError(`No such day in period "${text}": ${day}`);
  }
}

function parseSpec(text: string): PeriodSpec {
  const normalized = text.trim().toUpperCase();
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})$/.exec(normalized))) return { kind: "year", year: parseYear(match[1], text) };
  if ((match = /^(\d{4})-(\d{2})$/.exec(normalized))) return { kind: "month", year: parseYear(match[1], text), month: parseMonth(match[2], text) };
  if ((match = /^A(\d{4})-(\d{2})$/.exec(normalized))) return { kind: "assessment", year: parseYear(match[1], text), month: parseMonth(match[2], text) };
  if ((match = /^(\d{4})-Q(\d)$/.exec(normalized))) {
    const quarter = Number(match[2]);
    if (quarter < 1 || quarter > 4) throw new PeriodError(`No such quarter in period "${text}": Q${match[2]} (quarters are Q1–Q4)`);
    return { kind: "quarter", year: parseYear(match[1], text), quarter };
  }
  if ((match = /^(\d{4})-W(\d{2})$/.exec(normalized))) {
    const year = parseYear(match[1], text);
    const week = Number(match[2]);
    const weeks = isoWeeksInYear(year);
    if (week < 1 || week > weeks) throw new PeriodError(`No such week in period "${text}": ${year} has ISO weeks W01–W${weeks}`);
    return { kind: "week", year, week };
  }
  if ((match = /^(\d{4}-\d{2}-\d{2})\s*~\s*(\d{4}-\d{2}-\d{2})$/.exec(normalized))) {
    const firstDay = parseDayNumber(match[1], text);
    const lastDay = parseDayNumber(match[2], text);
    if (lastDay < firstDay) throw new PeriodError(`Reversed range in period "${text}": ${match[1]} is after ${match[2]}`);
    if (lastDay >= shiftYearsClamped(firstDay, MAX_CUSTOM_YEARS)) {
      throw new PeriodError(`Range too long in period "${text}": custom ranges may span at most ${MAX_CUSTOM_YEARS} years`);
    }
    return { kind: "custom", firstDay, lastDay };
  }
  throw new PeriodError(`Not a period: "${text}" (expected ${PERIOD_FORMATS})`);
}

function keyOf(spec: PeriodSpec): string {
  switch (spec.kind) {
    case "year":
      return String(spec.year);
    case "month":
      return `${spec.year}-${pad2(spec.month)}`;
    case "assessment":
      return `A${spec.year}-${pad2(spec.month)}`;
    case "quarter":
      return `${spec.year}-Q${spec.quarter}`;
    case "week":
      return `${spec.year}-W${pad2(spec.week)}`;
    case "custom":
      return `${shanghaiDayOfNumber(spec.firstDay)}~${shanghaiDayOfNumber(spec.lastDay)}`;
  }
}

// ---- Periods -------------------------------------------------------------------------------------------

function assessmentStartDayOf(options: PeriodOptions | undefined): number {
  const startDay = options?.assessmentStartDay ?? 1;
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 28) throw new RangeError(`assessmentStartDay must be an integer 1–28, got ${startDay}`);
  return startDay;
}

/** Inclusive Shanghai day numbers of a spec. */
function dayRangeOf(spec: PeriodSpec, assessmentStartDay: number): { firstDay: number; lastDay: number } {
  switch (spec.kind) {
    case "year":
      return { firstDay: dayNumberOfDate(spec.year, 1, 1), lastDay: dayNumberOfDate(spec.year, 12, 31) };
    case "month":
      return { firstDay: firstDayOfMonth(spec.year, spec.month), lastDay: lastDayOfMonth(spec.year, spec.month) };
    case "quarter": {
      const firstMonth = spec.quarter * 3 - 2;
      return { firstDay: firstDayOfMonth(spec.year, firstMonth), lastDay: lastDayOfMonth(spec.year, firstMonth + 2) };
    }
    case "week": {
      const monday = isoWeekOneMonday(spec.year) + (spec.week - 1) * 7;
      return { firstDay: monday, lastDay: monday + 6 };
    }
    case "custom":
      return { firstDay: spec.firstDay, lastDay: spec.lastDay };
    case "assessment": {
      if (assessmentStartDay === 1) return { firstDay: firstDayOfMonth(spec.year, spec.month), lastDay: lastDayOfMonth(spec.year, spec.month) };
      const previous = shiftMonth(spec.year, spec.month, -1);
      return {
        firstDay: dayNumberOfDate(previous.year, previous.month, assessmentStartDay),
        lastDay: dayNumberOfDate(spec.year, spec.month, assessmentStartDay) - 1,
      };
    }
  }
}

function periodOf(spec: PeriodSpec, assessmentStartDay: number): Period {
  const { firstDay, lastDay } = dayRangeOf(spec, assessmentStartDay);
  return {
    kind: spec.kind,
    key: keyOf(spec),
    start: shanghaiDayNumberStart(firstDay),
    end: shanghaiDayNumberStart(lastDay + 1),
    firstDay: shanghaiDayOfNumber(firstDay),
    lastDay: shanghaiDayOfNumber(lastDay),
  };
}

/** The spec and assessment start day behind an existing period (its start day is its first day's day of month). */
function specOfPeriod(p: Period, options: PeriodOptions | undefined): { spec: PeriodSpec; assessmentStartDay: number } {
  const spec = parseSpec(p.key);
  if (spec.kind !== p.kind) throw new PeriodError(`Period key "${p.key}" is not a ${p.kind} period`);
  if (spec.kind !== "assessment") return { spec, assessmentStartDay: assessmentStartDayOf(options) };
  const ownStartDay = Number(p.firstDay.slice(8, 10));
  if (options?.assessmentStartDay !== undefined && assessmentStartDayOf(options) !== ownStartDay) {
    throw new PeriodError(`Assessment period "${p.key}" starts on day ${ownStartDay}, not on the requested day ${options.assessmentStartDay}`);
  }
  return { spec, assessmentStartDay: ownStartDay };
}

/** Reads a period key (see the file header); throws PeriodError naming the text when it is not one. */
export function parsePeriod(text: string, options?: PeriodOptions): Period {
  const assessmentStartDay = assessmentStartDayOf(options);
  return periodOf(parseSpec(text), assessmentStartDay);
}

/** 环比: the period just before `p`, of the same kind (a custom range: as many days just before it). */
export function previousPeriod(p: Period, options?: PeriodOptions): Period {
  const { spec, assessmentStartDay } = specOfPeriod(p, options);
  switch (spec.kind) {
    case "year":
      return periodOf({ kind: "year", year: spec.year - 1 }, assessmentStartDay);
    case "month":
    case "assessment":
      return periodOf({ kind: spec.kind, ...shiftMonth(spec.year, spec.month, -1) }, assessmentStartDay);
    case "quarter":
      return periodOf(spec.quarter === 1 ? { kind: "quarter", year: spec.year - 1, quarter: 4 } : { kind: "quarter", year: spec.year, quarter: spec.quarter - 1 }, assessmentStartDay);
    case "week":
      return periodOf({ kind: "week", ...isoWeekOf(dayRangeOf(spec, assessmentStartDay).firstDay - 7) }, assessmentStartDay);
    case "custom": {
      const length = spec.lastDay - spec.firstDay + 1;
      return periodOf({ kind: "custom", firstDay: spec.firstDay - length, lastDay: spec.firstDay - 1 }, assessmentStartDay);
    }
  }
}

/** 同比: the same period one year earlier (ISO week 53 → week 52 when that year has none; 29 Feb → 28 Feb). */
export function yearAgoPeriod(p: Period, options?: PeriodOptions): Period {
  const { spec, assessmentStartDay } = specOfPeriod(p, options);
  switch (spec.kind) {
    case "year":
    case "month":
    case "quarter":
    case "assessment":
      return periodOf({ ...spec, year: spec.year - 1 }, assessmentStartDay);
    case "week":
      return periodOf({ kind: "week", year: spec.year - 1, week: Math.min(spec.week, isoWeeksInYear(spec.year - 1)) }, assessmentStartDay);
    case "custom":
      return periodOf({ kind: "custom", firstDay: shiftYearsClamped(spec.firstDay, -1), lastDay: shiftYearsClamped(spec.lastDay, -1) }, assessmentStartDay);
  }
}

/** The period of `kind` holding the instant `ms` (its Shanghai day). */
export function periodContaining(kind: Exclude<PeriodKind, "custom">, ms: number, options?: PeriodOptions): Period {
  const assessmentStartDay = assessmentStartDayOf(options);
  const dayNumber = shanghaiDayNumberOf(ms);
  const [year, month, dayOfMonth] = shanghaiDayOfNumber(dayNumber).split("-").map(Number);
  switch (kind) {
    case "year":
      return periodOf({ kind, year }, assessmentStartDay);
    case "month":
      return periodOf({ kind, year, month }, assessmentStartDay);
    case "quarter":
      return periodOf({ kind, year, quarter: Math.ceil(month / 3) }, assessmentStartDay);
    case "week":
      return periodOf({ kind, ...isoWeekOf(dayNumber) }, assessmentStartDay);
    case "assessment": {
      // From the start day on, a day belongs to the assessment month named by the next calendar month.
      const named = assessmentStartDay > 1 && dayOfMonth >= assessmentStartDay ? shiftMonth(year, month, 1) : { year, month };
      return periodOf({ kind, ...named }, assessmentStartDay);
    }
  }
}

/** Every Shanghai day of the period, "YYYY-MM-DD", first to last. */
export function periodDays(p: Period): string[] {
  const days: string[] = [];
  for (let dayNumber = shanghaiDayNumber(p.firstDay), last = shanghaiDayNumber(p.lastDay); dayNumber <= last; dayNumber++) {
    days.push(shanghaiDayOfNumber(dayNumber));
  }
  return days;
}

/** Consecutive buckets covering the period, the first and last clipped to it. */
export function trendBuckets(p: Period, granularity: "day" | "week" | "month"): TrendBucket[] {
  const buckets: TrendBucket[] = [];
  const lastDay = shanghaiDayNumber(p.lastDay);
  for (let dayNumber = shanghaiDayNumber(p.firstDay); dayNumber <= lastDay; ) {
    const unit = bucketUnit(dayNumber, granularity);
    buckets.push({
      key: unit.key,
      start: Math.max(p.start, unit.start),
      end: Math.min(p.end, unit.end),
      label: unit.label,
    });
    dayNumber = shanghaiDayNumberOf(unit.end);
  }
  return buckets;
}

/** The whole day, ISO week or calendar month holding a day, with its key and short label. */
function bucketUnit(dayNumber: number, granularity: "day" | "week" | "month"): TrendBucket {
  if (granularity === "day") {
    const day = shanghaiDayOfNumber(dayNumber);
    return { key: day, start: shanghaiDayNumberStart(dayNumber), end: shanghaiDayNumberStart(dayNumber + 1), label: day.slice(5) };
  }
  const ms = shanghaiDayNumberStart(dayNumber);
  const period = periodContaining(granularity, ms);
  const label = granularity === "week" ? period.key.slice(5) : period.key;
  return { key: period.key, start: period.start, end: period.end, label };
}

/** A human title for the period, e.g. "2026年10月" / "October 2026". */
export function periodLabel(p: Period, lang: "zh-CN" | "en"): string {
  const spec = parseSpec(p.key);
  const zh = lang === "zh-CN";
  switch (spec.kind) {
    case "year":
      return zh ? `${spec.year}年` : String(spec.year);
    case "month":
      return zh ? `${spec.year}年${spec.month}月` : `${ENGLISH_MONTHS[spec.month - 1]} ${spec.year}`;
    case "quarter":
      return zh ? `${spec.year}年第${spec.quarter}季度` : `Q${spec.quarter} ${spec.year}`;
    case "week":
      return zh ? `${spec.year}年第${spec.week}周` : `Week ${spec.week}, ${spec.year}`;
    case "custom":
      return zh ? `${p.firstDay} 至 ${p.lastDay}` : `${p.firstDay} to ${p.lastDay}`;
    case "assessment": {
      const first = p.firstDay.slice(5);
      const last = p.lastDay.slice(5);
      return zh
        ? `${spec.year}年${spec.month}月考核月（${first} 至 ${last}）`
        : `Assessment month ${ENGLISH_MONTHS[spec.month - 1]} ${spec.year} (${first} to ${last})`;
    }
  }
}

/** How a period's trend is bucketed: by day up to five weeks, by ISO week up to a quarter, by month beyond (a year of days is unreadable). */
export function trendGranularity(p: Period): "day" | "week" | "month" {
  // About a dozen to thirty-odd points: days for a month or less, ISO weeks for a quarter, months beyond.
  const days = (p.end - p.start) / 86_400_000;
  return days > 100 ? "month" : days > 35 ? "week" : "day";
}
