// Parses the date-time strings sources write into UTC epoch milliseconds.
// Hand-written rather than date-fns `parse`, which costs ~10 µs a call: imports parse millions of dates.

export type DateOrder = "YMD" | "MDY" | "DMY";

export interface DateParseOptions {
  /** IANA zone of wall-clock times without an offset. */
  timeZone: string;
  /** How to read all-numeric dates whose year is last (e.g. 06/26/2018). Default MDY. */
  order?: DateOrder;
  /** Reference instant for relative times (3小时前, 昨天 17:04, 11-23). */
  relativeTo?: number;
}

export type DateParseResult = { ok: true; value: number } | { ok: false; reason: string };

const ISO_LIKE =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?\s*(AM|PM|am|pm|上午|下午)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const YEAR_LAST =
  /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T\s]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?\s*(AM|PM|am|pm)?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T\s]?(\d{2})(\d{2})(\d{2})?)?$/;

export function parseDateTime(input: string, options: DateParseOptions): DateParseResult {
  const fast = input.length === 19 ? parseCommonDateTime(input, options.timeZone) : null;
  if (fast) return fast;
  let s = input.trim();
  // 14时30分05秒 → 14:30:05
  if (s.includes("时")) s = s.replace(/(\d)时(\d)/, "$1:$2").replace(/(\d)分(\d)/, "$1:$2").replace(/[分秒]$/, "");
  if (!s) return { ok: false, reason: "empty date" };
  let m = ISO_LIKE.exec(s);
  if (m) return build(+m[1], +m[2], +m[3], m[4], m[5], m[6], m[7], m[8], m[9], options.timeZone, s);
  m = YEAR_LAST.exec(s);
  if (m) {
    const order = options.order ?? "MDY";
    const [month, day] = order === "DMY" ? [+m[2], +m[1]] : [+m[1], +m[2]];
    return build(+m[3], month, day, m[4], m[5], m[6], m[7], m[8], undefined, options.timeZone, s);
  }
  m = COMPACT.exec(s);
  if (m) return build(+m[1], +m[2], +m[3], m[4], m[5], m[6], undefined, undefined, undefined, options.timeZone, s);
  if (options.relativeTo !== undefined) {
    const rel = parseRelative(s, options.relativeTo, options.timeZone);
    if (rel) return rel;
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) return fromExcelSerial(+s, options.timeZone);
  return { ok: false, reason: `unrecognised date "${truncate(s)}"` };
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
const isDigits = (s: string, from: number, to: number) => {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57) return false;
  return true;
};

/**
 * "YYYY-MM-DD HH:mm:ss" (or with / or T), the commonest export format, read without a regex: imports parse
 * eight dates a row. null when the text is not exactly in that shape (the general parser then decides).
 */
function parseCommonDateTime(s: string, timeZone: string): DateParseResult | null {
  const sep = s.charCodeAt(4);
  if ((sep !== 45 && sep !== 47) || s.charCodeAt(7) !== sep) return null;
  const t = s.charCodeAt(10);
  if ((t !== 32 && t !== 84) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  if (!isDigits(s, 0, 4) || !isDigits(s, 5, 7) || !isDigits(s, 8, 10) || !isDigits(s, 11, 13) || !isDigits(s, 14, 16) || !isDigits(s, 17, 19)) return null;
  const y = digit(s, 0) * 1000 + digit(s, 1) * 100 + two(s, 2);
  return checked(y, two(s, 5), two(s, 8), two(s, 11), two(s, 14), two(s, 17), 0, timeZone, s);
}

function build(
  y: number, mo: number, d: number,
  hS: string | undefined, miS: string | undefined, sS: string | undefined, fracS: string | undefined,
  ampm: string | undefined, offset: string | undefined, timeZone: string, original: string,
): DateParseResult {
  let h = hS ? +hS : 0;
  const mi = miS ? +miS : 0;
  const sec = sS ? +sS : 0;
  const ms = fracS ? Math.round(+`0.${fracS}` * 1000) : 0;
  if (ampm) {
    const pm = /pm|下午/i.test(ampm);
    if (h < 1 || h > 12) return { ok: false, reason: `impossible hour ${h} in "${truncate(original)}"` };
    if (pm && h < 12) h += 12;
    if (!pm && h === 12) h = 0;
  }
  if (!offset) return checked(y, mo, d, h, mi, sec, ms, timeZone, original);
  const invalid = validate(y, mo, d, h, mi, sec, original);
  if (invalid) return invalid;
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec, ms);
  if (offset === "Z") return { ok: true, value: utc };
  const sign = offset[0] === "-" ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const minutes = +digits.slice(0, 2) * 60 + +digits.slice(2);
  return { ok: true, value: utc - sign * minutes * 60_000 };
}

/** Wall-clock parts in `timeZone`, validated, → UTC ms. */
function checked(y: number, mo: number, d: number, h: number, mi: number, sec: number, ms: number, timeZone: string, original: string): DateParseResult {
  return validate(y, mo, d, h, mi, sec, original) ?? { ok: true, value: zonedToUtc(y, mo, d, h, mi, sec, ms, timeZone) };
}

function validate(y: number, mo: number, d: number, h: number, mi: number, sec: number, original: string): DateParseResult | null {
  if (mo < 1 || mo > 12) return { ok: false, reason: `impossible month ${mo} in "${truncate(original)}"` };
  if (d < 1 || d > daysInMonth(y, mo)) return { ok: false, reason: `impossible day ${y}-${mo}-${d} in "${truncate(original)}"` };
  if (h > 23 || mi > 59 || sec > 59) return { ok: false, reason: `impossible time in "${truncate(original)}"` };
  if (y < 1900 || y > 2200) return { ok: false, reason: `year ${y} out of range in "${truncate(original)}"` };
  return null;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, mo: number): number {
  if (mo === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return MONTH_DAYS[mo - 1];
}

const FIXED_OFFSETS: Record<string, number> = { "Asia/Shanghai": 480, "Asia/Chongqing": 480, "Asia/Hong_Kong": 480, "Asia/Taipei": 480, UTC: 0, "Etc/UTC": 0 };
const offsetCache = new Map<string, number>();

/** Offset (minutes east of UTC) of `timeZone` at a UTC instant, via Intl, cached per zone and hour. */
function offsetAt(utcMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(utcMs / 3_600_000)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (t: string) => +(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  const offset = Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Wall-clock time in `timeZone` → UTC ms. China has used a fixed +08:00 since 1991, so it takes the fast path. */
export function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, timeZone: string): number {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const fixed = FIXED_OFFSETS[timeZone];
  if (fixed !== undefined) return asUtc - fixed * 60_000;
  let guess = asUtc - offsetAt(asUtc, timeZone) * 60_000;
  guess = asUtc - offsetAt(guess, timeZone) * 60_000;
  return guess;
}

/** Wall-clock parts of a UTC instant in `timeZone`. */
export function utcToZonedParts(utcMs: number, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const offset = FIXED_OFFSETS[timeZone] ?? offsetAt(utcMs, timeZone);
  const t = new Date(utcMs + offset * 60_000);
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes() };
}

const RELATIVE_AGO = /^(\d+)\s*(秒|分钟|小时|天)前$/;
const DAY_WORD_TIME = /^(今天|昨天|前天)\s*(\d{1,2}):(\d{2})$/;
const MONTH_DAY = /^(\d{1,2})[-/月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2}))?$/;

/** Weibo's relative times, resolved against the crawl instant. */
function parseRelative(s: string, ref: number, timeZone: string): DateParseResult | null {
  if (s === "刚刚") return { ok: true, value: ref };
  let m = RELATIVE_AGO.exec(s);
  if (m) {
    const unit = { 秒: 1000, 分钟: 60_000, 小时: 3_600_000, 天: 86_400_000 }[m[2] as "秒"]!;
    return { ok: true, value: ref - +m[1] * unit };
  }
  const today = utcToZonedParts(ref, timeZone);
  m = DAY_WORD_TIME.exec(s);
  if (m) {
    const back = { 今天: 0, 昨天: 1, 前天: 2 }[m[1] as "今天"]!;
    const base = new Date(Date.UTC(today.y, today.mo - 1, today.d - back));
    return build(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), m[2], m[3], undefined, undefined, undefined, undefined, timeZone, s);
  }
  m = MONTH_DAY.exec(s);
  if (m) {
    // A month-day without a year is in the crawl year, or the year before if that would lie in the future.
    const mo = +m[1];
    const d = +m[2];
    let y = today.y;
    if (mo > today.mo || (mo === today.mo && d > today.d)) y -= 1;
    return build(y, mo, d, m[3], m[4], undefined, undefined, undefined, undefined, timeZone, s);
  }
  return null;
}

function fromExcelSerial(serial: number, timeZone: string): DateParseResult {
  // Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is absorbed by that epoch for dates after March 1900).
  const wall = Math.round((serial - 25569) * 86_400_000);
  const t = new Date(wall);
  return { ok: true, value: zonedToUtc(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds(), 0, timeZone) };
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
