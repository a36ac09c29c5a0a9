// Property-based tests (fast-check) of the parsers, date handling and metric functions: random inputs, invariants
// that must hold for all of them. Runs are kept to 100–200 cases each so the suite stays quick; a failure prints
// its seed and the shrunk counterexample (re-run with fc.assert(..., { seed, path }) to reproduce).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvParser, type CsvRow } from "../../ingest/read/csv-parser";
import { parseDateTime, utcToZonedParts, type DateOrder } from "../../ingest/dates";
import { addWorkdays, dayKind, isWorkday, workdaysBetween } from "../../db/metrics/workdays";
import { answerHoursTenthsSql, answerTimeTenths, distribution, distributionOf, percentile, type Histogram } from "../../db/metrics/timing";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { ratio } from "../../db/metrics/scope";
import { parsePeriod, previousPeriod, yearAgoPeriod, type Period, type PeriodOptions } from "../../db/metrics/period";

const RUNS = { numRuns: 150 };
const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

// ---- CSV ------------------------------------------------------------------------------------------------

/** Cell text with the characters that matter to CSV over-represented, and any other Unicode. */
const cell = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(",", '"', "\n", "\r", "\r\n", " ", "a", "号", "\t", "\0", "😀"), maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constant("") },
);
const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 });
const quoteAll = (c: string) => `"${c.replace(/"/g, '""')}"`;
/** Quotes only what needs it (and a lone empty cell, which would otherwise be a blank line). */
const quoteMinimal = (c: string, row: string[]) => (/[",\r\n]/.test(c) || (row.length === 1 && c === "") ? quoteAll(c) : c);

function parse(text: string, chunks: number[]): CsvRow[] {
  const p = new CsvParser();
  const rows: CsvRow[] = [];
  let pos = 0;
  for (let i = 0; pos < text.length; i++) {
    const size = chunks.length ? chunks[i % chunks.length] : text.length;
    rows.push(...p.push(text.slice(pos, pos + size)));
    pos += size;
  }
  return rows.concat(p.end());
}

/** Physical lines in `s` the way the parser counts them: CRLF, LF and a lone CR each end one. */
const lineBreaks = (s: string) => (s.match(/\r\n|\n|\r/g) ?? []).length;

describe("CSV parser (properties)", () => {
  for (const [name, quote] of [["every cell quoted", (c: string) => quoteAll(c)], ["minimal quoting", quoteMinimal]] as const) {
    it(`gives back the cells it was written from, at the right lines, in any chunking (${name})`, () => {
      fc.assert(
        fc.property(table, fc.constantFrom("\r\n", "\n"), fc.boolean(), fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 5 }), (rows, eol, finalEol, chunks) => {
          const lines = rows.map((r) => r.map((c) => quote(c, r)).join(","));
          const text = lines.join(eol) + (finalEol ? eol : "");
          const parsed = parse(text, chunks);
          expect(parsed.map((r) => r.cells)).toEqual(rows);
          expect(parsed.every((r) => r.problem === undefined)).toBe(true);
          // Row i starts after the line breaks of rows 0..i-1 (their own and their embedded ones).
          let line = 1;
          parsed.forEach((r, i) => {
            expect(r.line).toBe(line);
            expect(r.raw).toBe(lines[i]);
            line += lineBreaks(lines[i]) + 1;
          });
        }),
        RUNS,
      );
    });
  }

  it("never loses a row next to a ragged one: every line comes back with its own cells", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.stringMatching(/^[a-z0-9 号]{0,6}$/), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 }), (rows) => {
        const text = rows.map((r) => r.join(",")).join("\n");
        const expected = rows.filter((r) => !(r.length === 1 && r[0] === "")); // blank lines are skipped
        expect(parse(text, [7]).map((r) => r.cells)).toEqual(expected);
      }),
      RUNS,
    );
  });
});

// ---- Dates ----------------------------------------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
/** An instant to the second, 1991–2199 (the parser accepts years 1900–2200; Shanghai is UTC+8 from 1991 on). */
const instant = fc.integer({ min: Date.UTC(1991, 0, 1) / 1000, max: Date.UTC(2199, 11, 31) / 1000 }).map((s) => s * 1000);

/** Wall-clock fields of `ms` at a fixed offset (minutes east of UTC). */
function wall(ms: number, offsetMin: number) {
  const d = new Date(ms + offsetMin * 60_000);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() };
}

type Wall = ReturnType<typeof wall>;
/** 0 → 12 (AM), 13 → 1 (PM). */
const hour12 = (h: number) => ((h + 11) % 12) + 1;
/** The supported wall-clock formats (Shanghai time); each keeps seconds. */
const FORMATS: Record<string, (w: Wall) => string> = {
  "YYYY-MM-DD HH:mm:ss": (w) => `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`,
  "YYYY/MM/DD HH:mm:ss": (w) => `${w.y}/${pad(w.mo)}/${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`,
  "YYYY-MM-DDTHH:mm:ss": (w) => `${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`,
  "YYYY/M/D H:mm:ss": (w) => `${w.y}/${w.mo}/${w.d} ${w.h}:${pad(w.mi)}:${pad(w.s)}`,
  "YYYY.MM.DD HH:mm:ss": (w) => `${w.y}.${pad(w.mo)}.${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`,
  "YYYY年M月D日 H时m分s秒": (w) => `${w.y}年${w.mo}月${w.d}日 ${w.h}时${w.mi}分${w.s}秒`,
  "YYYY年MM月DD日 HH:mm:ss": (w) => `${w.y}年${pad(w.mo)}月${pad(w.d)}日 ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`,
  "YYYYMMDDHHmmss": (w) => `${w.y}${pad(w.mo)}${pad(w.d)}${pad(w.h)}${pad(w.mi)}${pad(w.s)}`,
  "YYYYMMDD HHmmss": (w) => `${w.y}${pad(w.mo)}${pad(w.d)} ${pad(w.h)}${pad(w.mi)}${pad(w.s)}`,
  "MM/DD/YYYY hh:mm:ss AM": (w) => `${pad(w.mo)}/${pad(w.d)}/${w.y} ${pad(hour12(w.h))}:${pad(w.mi)}:${pad(w.s)} ${w.h < 12 ? "AM" : "PM"}`,
  "YYYY-MM-DD hh:mm:ss 上午/下午": (w) => `${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(hour12(w.h))}:${pad(w.mi)}:${pad(w.s)} ${w.h < 12 ? "上午" : "下午"}`,
};

const sh = { timeZone: "Asia/Shanghai" };
function parsed(text: string, options: { timeZone: string; order?: DateOrder } = sh): number {
  const r = parseDateTime(text, options);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r.value;
}

describe("date parsing (properties)", () => {
  it("reads back an instant written in any supported Shanghai format", () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...Object.keys(FORMATS)), (ms, format) => {
        expect(parsed(FORMATS[format](wall(ms, 480)))).toBe(ms);
      }),
      RUNS,
    );
  });

  it("reads ISO 8601 with Z, milliseconds or any offset, whatever the zone", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 999 }), fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15), (ms, milli, offset) => {
        const at = ms + milli;
        expect(parsed(new Date(at).toISOString(), { timeZone: "America/New_York" })).toBe(at);
        const w = wall(at, offset);
        const sign = offset < 0 ? "-" : "+";
        const off = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
        expect(parsed(`${w.y}-${pad(w.mo)}-${pad(w.d)}T${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}.${pad(w.ms, 3)}${off}`)).toBe(at);
        expect(parsed(`${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}${off.replace(":", "")}`)).toBe(ms);
      }),
      RUNS,
    );
  });

  it("reads date-only forms as Shanghai midnight, and DMY order when told", () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const w = wall(ms, 480);
        const midnight = Date.UTC(w.y, w.mo - 1, w.d) - SHANGHAI_MS;
        expect(parsed(`${w.y}-${pad(w.mo)}-${pad(w.d)}`)).toBe(midnight);
        expect(parsed(`${w.y}/${w.mo}/${w.d}`)).toBe(midnight);
        expect(parsed(`${w.y}年${w.mo}月${w.d}日`)).toBe(midnight);
        expect(parsed(`${pad(w.d)}/${pad(w.mo)}/${w.y} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`, { ...sh, order: "DMY" })).toBe(ms);
      }),
      RUNS,
    );
  });

  it("keeps the wall-clock time in a zone with daylight saving (New York)", () => {
    const ny = { timeZone: "America/New_York" };
    fc.assert(
      fc.property(instant, (ms) => {
        const p = utcToZonedParts(ms, ny.timeZone);
        const text = `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
        // The fall-back hour happens twice and the spring-forward hour not at all, so compare wall clocks.
        const back = utcToZonedParts(parsed(text, ny), ny.timeZone);
        expect(back).toEqual(p);
      }),
      { numRuns: 100 },
    );
  });

  it("rejects impossible dates and times with a message naming the problem", () => {
    const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
    // Months shorter than 31 days, and a day past their end (29 February only in common years).
    const badDay = fc
      .tuple(fc.integer({ min: 1991, max: 2199 }), fc.constantFrom(2, 4, 6, 9, 11))
      .chain(([y, m]) => fc.integer({ min: daysIn(y, m) + 1, max: 31 }).map((d) => ({ y, m, d })));
    fc.assert(
      fc.property(badDay, fc.constantFrom("-", "/", "."), fc.boolean(), ({ y, m, d }, sep, withTime) => {
        const text = `${y}${sep}${pad(m)}${sep}${pad(d)}${withTime ? " 10:00:00" : ""}`;
        const r = parseDateTime(text, sh);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toContain(`impossible day ${y}-${m}-${d}`);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: 1991, max: 2199 }), fc.integer({ min: 13, max: 99 }), (y, m) => {
        const r = parseDateTime(`${y}-${m}-01 08:00`, sh);
        expect(r.ok ? "" : r.reason).toContain(`impossible month ${m}`);
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(instant, fc.constantFrom("h", "m", "s"), fc.integer({ min: 0, max: 39 }), (ms, part, over) => {
        const w = wall(ms, 480);
        const h = part === "h" ? 24 + over : w.h;
        const mi = part === "m" ? 60 + over : w.mi;
        const s = part === "s" ? 60 + over : w.s;
        const r = parseDateTime(`${w.y}-${pad(w.mo)}-${pad(w.d)} ${pad(h)}:${pad(mi)}:${pad(s)}`, sh);
        expect(r.ok ? "" : r.reason).toMatch(/impossible time/);
      }),
      { numRuns: 100 },
    );
    expect(parseDateTime("2026-02-30", sh)).toEqual({ ok: false, reason: 'impossible day 2026-2-30 in "2026-02-30"' });
  });
});

// ---- Working days ---------------------------------------------------------------------------------------

/** Instants 2003–2028: inside and on both sides of the holiday calendar's years (2004–2026). */
const workInstant = fc.integer({ min: Date.UTC(2003, 0, 1) / 60_000, max: Date.UTC(2028, 11, 31) / 60_000 }).map((m) => m * 60_000);
const workN = fc.integer({ min: 0, max: 60 });

describe("working days (properties)", () => {
  it("workdaysBetween(t, addWorkdays(t, n)) is n", () => {
    fc.assert(
      fc.property(workInstant, workN, (t, n) => {
        const { deadline } = addWorkdays(t, n);
        expect(workdaysBetween(t, deadline).days).toBeCloseTo(n, 9);
      }),
      { numRuns: 200 },
    );
  });

  it("deadlines grow with n and with the start", () => {
    fc.assert(
      fc.property(workInstant, workInstant, workN, workN, (a, b, n, m) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        const [n1, n2] = n <= m ? [n, m] : [m, n];
        expect(addWorkdays(t1, n1).deadline).toBeLessThanOrEqual(addWorkdays(t1, n2).deadline);
        if (n1 < n2) expect(addWorkdays(t1, n1).deadline).toBeLessThan(addWorkdays(t1, n2).deadline);
        expect(addWorkdays(t1, n1).deadline).toBeLessThanOrEqual(addWorkdays(t2, n1).deadline);
        // At least n calendar days later, and the deadline never lands inside a non-working day.
        const d = addWorkdays(t1, n2).deadline;
        if (n2 > 0) expect(d - t1).toBeGreaterThanOrEqual((n2 - 1) * DAY_MS);
        const dayOf = (ms: number) => new Date(ms + SHANGHAI_MS).toISOString().slice(0, 10);
        const atMidnight = (d + SHANGHAI_MS) % DAY_MS === 0;
        if (!atMidnight) expect(isWorkday(dayOf(d))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("workdaysBetween is antisymmetric, additive and bounded by calendar days", () => {
    fc.assert(
      fc.property(workInstant, workInstant, workInstant, (a, b, c) => {
        const ab = workdaysBetween(a, b).days;
        expect(workdaysBetween(b, a).days).toBeCloseTo(-ab, 9);
        expect(ab + workdaysBetween(b, c).days).toBeCloseTo(workdaysBetween(a, c).days, 6);
        if (a <= b) {
          expect(ab).toBeGreaterThanOrEqual(0);
          expect(ab).toBeLessThanOrEqual((b - a) / DAY_MS + 1e-9);
        }
        expect(workdaysBetween(a, a).days).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("isWorkday agrees with dayKind", () => {
    fc.assert(
      fc.property(workInstant, (t) => {
        const day = new Date(t + SHANGHAI_MS).toISOString().slice(0, 10);
        expect(isWorkday(day)).toBe(["workday", "makeup_workday"].includes(dayKind(day)));
      }),
      RUNS,
    );
  });
});

// ---- Percentiles and ratios -----------------------------------------------------------------------------

const times = fc.array(fc.double({ min: -5, max: 5000, noNaN: true, noDefaultInfinity: true }), { maxLength: 60 });
const unit = fc.constantFrom("workdays" as const, "hours" as const);

describe("timing and ratio functions (properties)", () => {
  it("distributionOf(histogram of rounded times) equals distribution(the rounded times)", () => {
    fc.assert(
      fc.property(times, unit, (values, u) => {
        const tenths = values.map((v) => answerTimeTenths(v, u));
        const h: Histogram = new Map();
        for (const t of tenths) h.set(t, (h.get(t) ?? 0) + 1);
        const fromList = distribution(tenths.map((t) => t / 10));
        expect(distributionOf(h)).toEqual(fromList);
        expect(fromList.count).toBe(values.length);
        if (values.length) expect(fromList.median!).toBeLessThanOrEqual(fromList.p90!);
        else expect(fromList).toEqual({ count: 0, median: null, p90: null });
      }),
      { numRuns: 200 },
    );
  });

  it("rounding keeps order, so the percentile of rounded times is the rounded percentile", () => {
    fc.assert(
      fc.property(times, unit, fc.integer({ min: 1, max: 100 }), (values, u, p) => {
        fc.pre(values.length > 0);
        const sorted = [...values].sort((a, b) => a - b);
        const rounded = sorted.map((v) => answerTimeTenths(v, u));
        for (let i = 1; i < rounded.length; i++) expect(rounded[i]).toBeGreaterThanOrEqual(rounded[i - 1]);
        expect(percentile(rounded, p)).toBe(answerTimeTenths(percentile(sorted, p)!, u));
        // Nearest rank: always one of the values, and never lower for a higher p.
        expect(sorted).toContain(percentile(sorted, p));
        expect(percentile(sorted, Math.min(100, p + 10))!).toBeGreaterThanOrEqual(percentile(sorted, p)!);
      }),
      { numRuns: 200 },
    );
  });

  it("the SQL rounding of elapsed hours gives the integer answerTimeTenths gives", () => {
    const sqlite = new Database(":memory:");
    const expr = new SQLiteSyncDialect().sqlToQuery(answerHoursTenthsSql(sql.raw("e"))).sql;
    const viaSql = sqlite.prepare(`SELECT ${expr} FROM (SELECT ? AS e)`).pluck();
    // Exact halves of every rounding step, the step boundaries, and random elapsed times up to ten years.
    const edges = [0, -1, 180_000, 540_000, 35_999_999, 36_000_000, 36_000_001, 34_200_000, 358_200_000, 359_999_999, 360_000_000, 378_000_000];
    for (const ms of edges) expect(viaSql.get(ms), `${ms} ms`).toBe(answerTimeTenths(ms / 3_600_000, "hours"));
    fc.assert(
      fc.property(fc.integer({ min: -3_600_000, max: 10 * 365 * 86_400_000 }), (ms) => {
        expect(viaSql.get(ms)).toBe(answerTimeTenths(ms / 3_600_000, "hours"));
      }),
      { numRuns: 2000 },
    );
    sqlite.close();
  });

  it("ratio is null on a zero denominator, else the quotient, within [0, 1] for a part of a whole", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (a, b) => {
        expect(ratio(a, 0)).toBeNull();
        if (b > 0) expect(ratio(a, b)).toBe(a / b);
        const [part, whole] = a <= b ? [a, b] : [b, a];
        if (whole > 0) {
          expect(ratio(part, whole)!).toBeGreaterThanOrEqual(0);
          expect(ratio(part, whole)!).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });
});

// ---- Periods --------------------------------------------------------------------------------------------

const year = fc.integer({ min: 1902, max: 2997 });
const dayNumber = fc.integer({ min: Date.UTC(1906, 0, 1) / DAY_MS, max: Date.UTC(2995, 0, 1) / DAY_MS });
const isoDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const periodKey = fc.oneof(
  year.map(String),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}`),
  fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `A${y}-${pad(m)}`),
  fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
  fc.tuple(year, fc.integer({ min: 1, max: 53 })).map(([y, w]) => `${y}-W${pad(w)}`),
  fc.tuple(dayNumber, fc.integer({ min: 0, max: 1000 })).map(([d, len]) => `${isoDay(d)}~${isoDay(d + len)}`),
);
const startDay = fc.integer({ min: 1, max: 28 });

/** A period, or null for a week 53 that the year does not have. */
function tryParse(key: string, options: PeriodOptions): Period | null {
  try {
    return parsePeriod(key, options);
  } catch (e) {
    if (/W53/.test(key) && /No such week/.test((e as Error).message)) return null;
    throw e;
  }
}
const dayAligned = (ms: number) => (ms + SHANGHAI_MS) % DAY_MS === 0;

describe("periods (properties)", () => {
  it("parsePeriod(key).key === key, and the key gives the same period back", () => {
    fc.assert(
      fc.property(periodKey, startDay, (key, s) => {
        const p = tryParse(key, { assessmentStartDay: s });
        fc.pre(p !== null);
        expect(p!.key).toBe(key);
        expect(parsePeriod(p!.key, { assessmentStartDay: s })).toEqual(p);
        expect(dayAligned(p!.start) && dayAligned(p!.end)).toBe(true);
        expect(p!.end).toBeGreaterThan(p!.start);
        expect(isoDay((p!.start + SHANGHAI_MS) / DAY_MS)).toBe(p!.firstDay);
        expect(isoDay((p!.end + SHANGHAI_MS) / DAY_MS - 1)).toBe(p!.lastDay);
      }),
      { numRuns: 200 },
    );
  });

  it("previousPeriod is the adjacent period of the same kind; yearAgoPeriod the same one a year back", () => {
    fc.assert(
      fc.property(periodKey, startDay, (key, s) => {
        const options = { assessmentStartDay: s };
        const p = tryParse(key, options);
        fc.pre(p !== null);
        const prev = previousPeriod(p!);
        expect(prev.kind).toBe(p!.kind);
        expect(prev.end).toBe(p!.start);
        expect(dayAligned(prev.start)).toBe(true);
        if (p!.kind === "custom" || p!.kind === "week") expect(prev.end - prev.start).toBe(p!.end - p!.start);
        expect(parsePeriod(prev.key, options)).toEqual(prev);

        const ago = yearAgoPeriod(p!);
        expect(ago.kind).toBe(p!.kind);
        expect(dayAligned(ago.start) && dayAligned(ago.end)).toBe(true);
        // A year back never overlaps, except a custom range longer than a year, which keeps its length (±1 day for 29 Feb).
        if (p!.kind !== "custom") expect(ago.end).toBeLessThanOrEqual(p!.start);
        else expect(Math.abs(ago.end - ago.start - (p!.end - p!.start))).toBeLessThanOrEqual(DAY_MS);
        const back = Number(p!.firstDay.slice(0, 4)) - Number(ago.firstDay.slice(0, 4));
        expect(back === 1 || (p!.kind === "week" && back >= 0 && back <= 2)).toBe(true);
        // Months, quarters and years: a year back is 12, 4 or 1 steps of previousPeriod.
        const steps = { month: 12, assessment: 12, quarter: 4, year: 1 }[p!.kind as "month"];
        if (steps) {
          let q = p!;
          for (let i = 0; i < steps; i++) q = previousPeriod(q);
          expect(q).toEqual(ago);
        }
      }),
      { numRuns: 200 },
    );
  });
});
