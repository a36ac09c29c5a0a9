// Calendar, seasonality and delays. Times are seconds on a "Beijing wall clock" axis: a value t means the
// Beijing local time that Date.UTC would give for it, so formatting never depends on the machine's zone.
import type { Rng } from "./random";

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;

export interface MonthRef {
  year: number;
  month: number; // 1..12
}

export function parseMonth(s: string): MonthRef {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`endMonth must look like 2026-10, got ${s}`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`bad month in ${s}`);
  return { year: Number(m[1]), month };
}

export function addMonths(ref: MonthRef, n: number): MonthRef {
  const idx = ref.year * 12 + (ref.month - 1) + n;
  return { year: Math.floor(idx / 12), month: (idx % 12) + 1 };
}

export function at(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

export function monthStart(ref: MonthRef): number {
  return at(ref.year, ref.month, 1);
}

const pad2 = (n: number) => (n < 10 ? "0" + n : String(n));

/** `YYYY-MM-DD HH:mm:ss`. */
export function fmt(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(
    d.getUTCMinutes(),
  )}:${pad2(d.getUTCSeconds())}`;
}

export function parts(t: number): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const d = new Date(t * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

export function dayStart(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

// Spring Festival (正月初一) dates; outside this table the festival is taken as 5 February.
const SPRING_FESTIVAL: Record<number, [number, number]> = {
  2020: [1, 25], 2021: [2, 12], 2022: [2, 1], 2023: [1, 22], 2024: [2, 10], 2025: [1, 29], 2026: [2, 17],
  2027: [2, 6], 2028: [1, 26], 2029: [2, 13], 2030: [2, 3], 2031: [1, 23], 2032: [2, 11], 2033: [1, 31],
};

export function springFestival(year: number): number {
  const md = SPRING_FESTIVAL[year] ?? [2, 5];
  return at(year, md[0], md[1]);
}

/** Days from t to the nearest Spring Festival (negative = before it). */
export function daysToSpringFestival(t: number): number {
  const y = parts(t).year;
  let best = Infinity;
  for (const yy of [y - 1, y, y + 1]) {
    const d = (dayStart(t) - springFestival(yy)) / DAY;
    if (Math.abs(d) < Math.abs(best)) best = d;
  }
  return best;
}

/** Statutory holidays (approximate: no make-up working days). */
export function isHoliday(t: number): boolean {
  const p = parts(t);
  if (p.month === 1 && p.day === 1) return true;
  if (p.month === 5 && p.day <= 5) return true;
  if (p.month === 10 && p.day <= 7) return true;
  const sf = daysToSpringFestival(t);
  return sf >= -1 && sf <= 6;
}

export function isWorkday(t: number): boolean {
  const wd = parts(t).weekday;
  return wd !== 0 && wd !== 6 && !isHoliday(t);
}

/** Same wall-clock time `n` working days later. */
export function addWorkdays(t: number, n: number): number {
  let cur = t;
  let left = n;
  while (left > 0) {
    cur += DAY;
    if (isWorkday(cur)) left--;
  }
  return cur;
}

/** Relative volume of citizen contacts on a day (season, weekday, holidays, slow growth). */
export function dayVolume(t: number, progress: number): number {
  const p = parts(t);
  const monthFactor = [0.95, 0.85, 1.0, 1.0, 1.0, 1.05, 1.22, 1.2, 1.06, 0.95, 0.95, 1.0][p.month - 1];
  let f = monthFactor * (0.93 + 0.14 * progress);
  if (p.weekday === 0 || p.weekday === 6) f *= 0.72;
  const sf = daysToSpringFestival(t);
  if (sf >= -2 && sf <= 6) f *= 0.42;
  else if (sf > 6 && sf <= 12) f *= 0.8;
  if (p.month === 10 && p.day <= 7) f *= 0.7;
  if (p.month === 5 && p.day <= 5) f *= 0.8;
  return f;
}

/** Seasonal multiplier of a topic's share on a given day. Keys are "一级/二级". */
export function topicSeason(topic: string, t: number): number {
  const { month } = parts(t);
  const summer = month >= 6 && month <= 8;
  const winter = month === 12 || month <= 2;
  switch (topic) {
    case "水电气暖/供电":
      return month === 7 || month === 8 ? 2.8 : month === 6 ? 1.8 : winter ? 1.3 : 0.8;
    case "水电气暖/燃气与供暖":
      return month === 12 || month === 1 ? 3.2 : month === 11 || month === 2 ? 2.4 : month === 3 ? 1.2 : 0.45;
    case "水电气暖/供水":
      return summer ? 1.5 : 1;
    case "环境保护/噪声污染":
      return summer ? 1.7 : month === 5 || month === 9 ? 1.2 : 0.85;
    case "环境保护/大气污染":
      return month === 6 || month === 10 || month === 11 ? 1.5 : month === 3 || month === 4 ? 1.25 : 0.9;
    case "环境保护/水污染":
      return summer ? 1.5 : 0.9;
    case "教育文体/学前与义务教育":
      return month === 8 || month === 9 ? 2.8 : month === 4 || month === 5 || month === 6 ? 1.4 : month === 7 ? 1.6 : 0.7;
    case "教育文体/教育收费与培训":
      return month === 7 || month === 8 || month === 2 ? 1.6 : 1;
    case "劳动和社会保障/欠薪与劳动关系": {
      const sf = daysToSpringFestival(t);
      if (sf >= -45 && sf < -2) return 3.4;
      if (sf >= -75 && sf < -45) return 1.8;
      if (sf >= -2 && sf <= 6) return 0.8;
      return 0.8;
    }
    case "商贸旅游/旅游服务":
      return month === 10 || month === 5 ? 2 : month === 7 || month === 8 ? 1.6 : month === 2 ? 1.3 : 0.7;
    case "卫生计生/公共卫生":
      return winter ? 1.5 : month === 9 ? 1.2 : 0.9;
    case "农村农业/农业生产":
      return month >= 3 && month <= 5 ? 1.6 : month === 9 || month === 10 ? 1.4 : 0.7;
    case "交通运输/公共交通":
      return month === 9 || month === 2 ? 1.25 : 1;
    case "公共安全/消防与安全生产":
      return winter ? 1.4 : 1;
    case "民政与社区/社会救助":
      return winter ? 1.35 : 1;
    case "城乡建设/城市建设与施工":
      return month >= 3 && month <= 6 ? 1.3 : winter ? 0.8 : 1;
    default:
      return 1;
  }
}

const HOTLINE_HOURS = [0.35, 0.2, 0.12, 0.1, 0.1, 0.2, 0.5, 1.5, 4, 7, 8, 7, 4, 4.2, 6, 7, 6.2, 5, 3.6, 3.1, 3, 2.5, 1.8, 1];
const MAILBOX_HOURS = [0.8, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.5, 3, 4.2, 4.5, 4, 3, 3, 3.8, 4, 3.8, 3.3, 2.6, 3, 3.5, 3.6, 3, 1.8];
const NIGHT_HOURS = [3, 2, 1, 0.5, 0.3, 0.3, 0.8, 1, 1, 1, 1, 1, 1.5, 1.5, 1, 1, 1, 1, 1, 1.5, 2.5, 4, 6, 5];
const HOURS = Array.from({ length: 24 }, (_, i) => i);

export function pickHour(rng: Rng, profile: "hotline" | "mailbox" | "night"): number {
  const w = profile === "hotline" ? HOTLINE_HOURS : profile === "mailbox" ? MAILBOX_HOURS : NIGHT_HOURS;
  return rng.weighted(HOURS, w);
}

/** Office-hours time on the same day or the next working day, at or after t. */
export function nextOfficeTime(rng: Rng, t: number): number {
  const p = parts(t);
  if (isWorkday(t) && p.hour >= 8 && p.hour < 18) return t;
  let d = dayStart(t);
  if (p.hour >= 18 || !isWorkday(t)) {
    d += DAY;
    while (!isWorkday(d)) d += DAY;
  }
  return d + 8 * HOUR + 30 * MINUTE + rng.int(0, 90 * 60);
}

/** Clamp a generated time into office-ish hours when it lands deep in the night (not exact, keeps order). */
export function officeShift(rng: Rng, t: number): number {
  const h = parts(t).hour;
  if (h >= 0 && h < 7) return dayStart(t) + 8 * HOUR + rng.int(0, 3 * 3600);
  if (h >= 22) return dayStart(t) + DAY + 8 * HOUR + rng.int(0, 3 * 3600);
  return t;
}
