// The working-day calendar against the official 2025/2026 arrangements (checked by hand against
// node_modules/chinese-days/dist/chinese-days.json) and the deadline rule in db/metrics/workdays.ts.
import { describe, expect, it } from "vitest";
import {
  addWorkdays,
  calendarCoverage,
  covers,
  dayKind,
  hoursBetween,
  isWorkday,
  workdaysBetween,
} from "../../db/metrics/workdays";
import { SHANGHAI_DAY_MS, shanghaiDayOf, shanghaiDayStart } from "../../db/time";

/** An instant written as Shanghai wall-clock time. */
const at = (shanghaiTime: string) => Date.parse(`${shanghaiTime}+08:00`);
/** Shanghai wall-clock text of an instant, for readable failures. */
const wallClock = (ms: number) => new Date(ms + 8 * 60 * 60 * 1000).toISOString().slice(0, 16);
const deadlineOf = (shanghaiTime: string, n: number) => wallClock(addWorkdays(at(shanghaiTime), n).deadline);

const WARNING_2027 = { year: 2027, message: "2027 年的法定节假日与调休安排未收录，该年按周末双休推算，期限可能有误。" };

describe("calendar data", () => {
  it("covers 2004–2026 and nothing else", () => {
    expect(calendarCoverage()).toEqual({ first: 2004, last: 2026 });
    expect(covers(2004)).toBe(true);
    expect(covers(2026)).toBe(true);
    expect(covers(2003)).toBe(false);
    expect(covers(2027)).toBe(false);
  });

  it("knows National Day 2025: make-up Sunday 09-28 and Saturday 10-11, holiday 10-01 to 10-08", () => {
    expect(dayKind("2025-09-28")).toBe("makeup_workday"); // Sunday
    expect(dayKind("2025-10-11")).toBe("makeup_workday"); // Saturday
    expect(dayKind("2025-09-27")).toBe("weekend"); // Saturday
    expect(dayKind("2025-09-30")).toBe("workday"); // Tuesday
    expect(dayKind("2025-10-01")).toBe("holiday");
    expect(dayKind("2025-10-04")).toBe("holiday"); // a Saturday inside the holiday run
    expect(dayKind("2025-10-08")).toBe("holiday"); // Wednesday
    expect(dayKind("2025-10-09")).toBe("workday");
    expect(dayKind("2025-10-12")).toBe("weekend");
    expect(isWorkday("2025-09-28")).toBe(true);
    expect(isWorkday("2025-10-08")).toBe(false);
  });

  it("knows Spring Festival 2026: 02-15 to 02-23 off, Saturdays 02-14 and 02-28 worked", () => {
    expect(dayKind("2026-02-14")).toBe("makeup_workday");
    for (const day of ["2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23"]) {
      expect(dayKind(day), day).toBe("holiday");
    }
    expect(dayKind("2026-02-24")).toBe("workday");
    expect(dayKind("2026-02-28")).toBe("makeup_workday");
    expect(dayKind("2026-03-01")).toBe("weekend");
  });

  it("uses the Saturday/Sunday rule outside the data", () => {
    expect(dayKind("2027-01-01")).toBe("workday"); // a Friday; its real New Year holiday is unknown
    expect(dayKind("2027-01-02")).toBe("weekend");
    expect(dayKind("2003-12-31")).toBe("workday");
  });

  it("rejects text that is not a day", () => {
    expect(() => dayKind("2026-02-30")).toThrow(RangeError);
    expect(() => isWorkday("20260101")).toThrow(RangeError);
  });
});

describe("addWorkdays", () => {
  it("keeps the clock time from a working day and skips National Day 2025", () => {
    expect(deadlineOf("2025-09-26T16:30", 1)).toBe("2025-09-28T16:30"); // Fri → make-up Sunday
    expect(deadlineOf("2025-09-26T16:30", 2)).toBe("2025-09-29T16:30");
    expect(deadlineOf("2025-09-30T15:00", 1)).toBe("2025-10-09T15:00"); // across the whole holiday
    expect(deadlineOf("2025-09-26T16:30", 6)).toBe("2025-10-11T16:30"); // make-up Saturday
    expect(deadlineOf("2025-09-26T16:30", 7)).toBe("2025-10-13T16:30");
  });

  it("skips Spring Festival 2026", () => {
    expect(deadlineOf("2026-02-13T10:00", 1)).toBe("2026-02-14T10:00");
    expect(deadlineOf("2026-02-13T10:00", 2)).toBe("2026-02-24T10:00");
    expect(deadlineOf("2026-02-15T09:00", 1)).toBe("2026-02-25T00:00"); // received on a holiday: 24:00 of 02-24
    expect(deadlineOf("2026-02-15T09:00", 4)).toBe("2026-02-28T00:00");
    expect(deadlineOf("2026-02-15T09:00", 5)).toBe("2026-03-01T00:00"); // the fifth is make-up Saturday 02-28
  });

  it("starts the clock at the next working day when received on a weekend", () => {
    expect(deadlineOf("2025-10-18T11:00", 1)).toBe("2025-10-21T00:00"); // Sat → 24:00 Monday
    expect(deadlineOf("2025-10-19T23:59", 3)).toBe("2025-10-23T00:00");
    expect(deadlineOf("2025-09-27T10:00", 1)).toBe("2025-09-29T00:00"); // the next working day is make-up Sunday 09-28
  });

  it("n = 0 is the instant itself, or 00:00 of the next working day", () => {
    expect(addWorkdays(at("2025-10-09T08:15"), 0)).toEqual({ deadline: at("2025-10-09T08:15"), warnings: [] });
    expect(deadlineOf("2025-10-18T11:00", 0)).toBe("2025-10-20T00:00");
    expect(deadlineOf("2025-10-01T11:00", 0)).toBe("2025-10-09T00:00");
  });

  it("warns, in Chinese, when a deadline reaches into 2027", () => {
    const result = addWorkdays(at("2026-12-31T10:00"), 1);
    expect(wallClock(result.deadline)).toBe("2027-01-01T10:00");
    expect(result.warnings).toEqual([WARNING_2027]);
    expect(addWorkdays(at("2026-12-30T10:00"), 1).warnings).toEqual([]);
    expect(addWorkdays(at("2027-03-01T10:00"), 300).warnings.map((w) => w.year)).toEqual([2027, 2028]);
    expect(addWorkdays(at("2003-12-31T10:00"), 1).warnings.map((w) => w.year)).toEqual([2003]);
  });

  it("rejects n that is not an integer ≥ 0 and instants that are not numbers", () => {
    expect(() => addWorkdays(at("2026-03-02T10:00"), -1)).toThrow(RangeError);
    expect(() => addWorkdays(at("2026-03-02T10:00"), 1.5)).toThrow(/integer/);
    expect(() => addWorkdays(Number.NaN, 1)).toThrow(RangeError);
  });
});

describe("workdaysBetween", () => {
  it("counts only time on working days", () => {
    // Fri noon → Mon noon over a make-up Sunday: 0.5 + 0 (Sat) + 1 (Sun) + 0.5.
    expect(workdaysBetween(at("2025-09-26T12:00"), at("2025-09-29T12:00"))).toEqual({ days: 2, warnings: [] });
    expect(workdaysBetween(at("2025-09-29T12:00"), at("2025-09-26T12:00")).days).toBe(-2);
    expect(workdaysBetween(at("2025-10-09T09:00"), at("2025-10-09T15:00")).days).toBe(0.25);
    expect(workdaysBetween(at("2025-10-02T09:00"), at("2025-10-05T15:00")).days).toBe(0);
    expect(workdaysBetween(at("2025-09-30T18:00"), at("2025-10-09T06:00")).days).toBe(0.5);
  });

  it("finds 248 working days in each of 2025 and 2026", () => {
    expect(workdaysBetween(at("2025-01-01T00:00"), at("2026-01-01T00:00")).days).toBe(248);
    expect(workdaysBetween(at("2026-01-01T00:00"), at("2027-01-01T00:00"))).toEqual({ days: 248, warnings: [] });
  });

  it("warns once per uncovered year touched", () => {
    expect(workdaysBetween(at("2026-12-31T10:00"), at("2027-01-04T10:00")).warnings).toEqual([WARNING_2027]);
    expect(workdaysBetween(at("2028-06-01T10:00"), at("2026-06-01T10:00")).warnings.map((w) => w.year)).toEqual([2027, 2028]);
  });

  it("agrees with addWorkdays for random instants 2004–2026 (fixed seed)", () => {
    const random = mulberry32(20260101);
    const from = at("2004-01-01T00:00");
    const to = at("2026-10-01T00:00");
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(from + random() * (to - from));
      const n = Math.floor(random() * 40);
      const { deadline, warnings } = addWorkdays(t, n);
      expect(workdaysBetween(t, deadline).days, `${wallClock(t)} + ${n}`).toBe(n);
      expect(warnings).toEqual([]);
      expect(deadline, `${wallClock(t)} + ${n}`).toBe(naiveDeadline(t, n));
    }
  });

  it("agrees with addWorkdays across the end of the data too", () => {
    const random = mulberry32(7);
    for (let i = 0; i < 500; i++) {
      const t = Math.floor(at("2026-11-01T00:00") + random() * 200 * SHANGHAI_DAY_MS);
      const n = Math.floor(random() * 40);
      expect(workdaysBetween(t, addWorkdays(t, n).deadline).days).toBe(n);
    }
  });
});

describe("hoursBetween", () => {
  it("is plain elapsed time, holidays included", () => {
    expect(hoursBetween(at("2025-10-01T08:00"), at("2025-10-02T09:30"))).toBe(25.5);
    expect(hoursBetween(at("2025-10-02T09:30"), at("2025-10-01T08:00"))).toBe(-25.5);
  });
});

/** The deadline rule spelled out day by day, to check the fast search against. */
function naiveDeadline(fromMs: number, n: number): number {
  let day = shanghaiDayOf(fromMs);
  const nextDay = (d: string) => shanghaiDayOf(shanghaiDayStart(d) + SHANGHAI_DAY_MS);
  if (isWorkday(day)) {
    const clockTime = fromMs - shanghaiDayStart(day);
    for (let counted = 0; counted < n; ) {
      day = nextDay(day);
      if (isWorkday(day)) counted++;
    }
    return shanghaiDayStart(day) + clockTime;
  }
  while (!isWorkday(day)) day = nextDay(day);
  if (n === 0) return shanghaiDayStart(day);
  for (let counted = 1; counted < n; ) {
    day = nextDay(day);
    if (isWorkday(day)) counted++;
  }
  return shanghaiDayStart(day) + SHANGHAI_DAY_MS;
}

/** Small seeded generator so the random cases are the same on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
