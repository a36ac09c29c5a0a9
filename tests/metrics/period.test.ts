// Reporting periods: parsing every kind, canonical keys, ISO week edges, 环比 and 同比, assessment months,
// buckets and labels. Expected days are worked out by hand from the calendar.
import { describe, expect, it } from "vitest";
import {
  parsePeriod,
  periodContaining,
  periodDays,
  periodLabel,
  PeriodError,
  previousPeriod,
  trendBuckets,
  yearAgoPeriod,
  type Period,
} from "../../db/metrics/period";

/** An instant written as Shanghai wall-clock time. */
const at = (shanghaiTime: string) => Date.parse(`${shanghaiTime}+08:00`);
const days = (p: Period) => [p.firstDay, p.lastDay];
const ASSESS_19 = { assessmentStartDay: 19 };

describe("parsePeriod", () => {
  it("reads a month as Shanghai days and a half-open UTC range", () => {
    expect(parsePeriod("2026-10")).toEqual({
      kind: "month",
      key: "2026-10",
      start: at("2026-10-01T00:00"),
      end: at("2026-11-01T00:00"),
      firstDay: "2026-10-01",
      lastDay: "2026-10-31",
    });
    expect(parsePeriod("2026-10").start).toBe(Date.parse("2026-09-30T16:00:00Z"));
    expect(days(parsePeriod("2026-02"))).toEqual(["2026-02-01", "2026-02-28"]);
    expect(days(parsePeriod("2024-02"))).toEqual(["2024-02-01", "2024-02-29"]);
    expect(days(parsePeriod("2025-12"))).toEqual(["2025-12-01", "2025-12-31"]);
  });

  it("reads ISO weeks, Monday to Sunday, including the edges of the year", () => {
    expect(days(parsePeriod("2026-W40"))).toEqual(["2026-09-28", "2026-10-04"]);
    expect(days(parsePeriod("2026-W01"))).toEqual(["2025-12-29", "2026-01-04"]);
    expect(parsePeriod("2026-W01").start).toBe(at("2025-12-29T00:00"));
    expect(days(parsePeriod("2026-W53"))).toEqual(["2026-12-28", "2027-01-03"]); // 2026 begins on a Thursday
    expect(days(parsePeriod("2020-W53"))).toEqual(["2020-12-28", "2021-01-03"]);
    expect(days(parsePeriod("2027-W01"))).toEqual(["2027-01-04", "2027-01-10"]);
    expect(days(parsePeriod("2025-W01"))).toEqual(["2024-12-30", "2025-01-05"]);
    expect(parsePeriod("2026-W40").end - parsePeriod("2026-W40").start).toBe(7 * 24 * 60 * 60 * 1000);
  });

  it("reads quarters, years and custom ranges", () => {
    expect(days(parsePeriod("2026-Q1"))).toEqual(["2026-01-01", "2026-03-31"]);
    expect(days(parsePeriod("2026-Q3"))).toEqual(["2026-07-01", "2026-09-30"]);
    expect(days(parsePeriod("2026-Q4"))).toEqual(["2026-10-01", "2026-12-31"]);
    expect(parsePeriod("2026")).toMatchObject({ kind: "year", firstDay: "2026-01-01", lastDay: "2026-12-31", start: at("2026-01-01T00:00"), end: at("2027-01-01T00:00") });
    expect(parsePeriod("2026-10-01~2026-10-31")).toMatchObject({ kind: "custom", key: "2026-10-01~2026-10-31", start: at("2026-10-01T00:00"), end: at("2026-11-01T00:00") });
    expect(parsePeriod(" 2026-10-05 ~ 2026-10-05 ")).toMatchObject({ key: "2026-10-05~2026-10-05", firstDay: "2026-10-05", lastDay: "2026-10-05" });
    expect(days(parsePeriod("2024-01-01~2026-12-31"))).toEqual(["2024-01-01", "2026-12-31"]); // exactly 3 years is allowed
    expect(parsePeriod("2026-w40").key).toBe("2026-W40");
  });

  it("reads assessment months named by the month they end in", () => {
    expect(parsePeriod("A2026-10", ASSESS_19)).toMatchObject({
      kind: "assessment",
      key: "A2026-10",
      firstDay: "2026-09-19",
      lastDay: "2026-10-18",
      start: at("2026-09-19T00:00"),
      end: at("2026-10-19T00:00"),
    });
    expect(days(parsePeriod("A2026-01", ASSESS_19))).toEqual(["2025-12-19", "2026-01-18"]);
    expect(days(parsePeriod("A2026-03", ASSESS_19))).toEqual(["2026-02-19", "2026-03-18"]);
    expect(days(parsePeriod("A2026-10"))).toEqual(["2026-10-01", "2026-10-31"]); // start day 1: the calendar month
    expect(days(parsePeriod("A2026-10", { assessmentStartDay: 1 }))).toEqual(["2026-10-01", "2026-10-31"]);
    expect(days(parsePeriod("A2026-03", { assessmentStartDay: 28 }))).toEqual(["2026-02-28", "2026-03-27"]);
  });

  it("gives back the same period from every key", () => {
    const keys = ["2026-10", "2026-W01", "2026-W53", "2020-W53", "2026-Q3", "2026", "2026-10-01~2026-10-31", "2024-02-29~2024-03-01", "A2026-10", "A2026-01"];
    for (const key of keys) {
      const period = parsePeriod(key, ASSESS_19);
      expect(period.key).toBe(key);
      expect(parsePeriod(period.key, ASSESS_19)).toEqual(period);
    }
  });

  it("rejects bad text with a message naming it", () => {
    const rejects = (text: string, message: RegExp) => {
      expect(() => parsePeriod(text)).toThrow(PeriodError);
      expect(() => parsePeriod(text)).toThrow(message);
    };
    rejects("2026-13", /No such month in period "2026-13": 13 \(months are 01–12\)/);
    rejects("2026-00", /"2026-00"/);
    rejects("2026-W54", /No such week in period "2026-W54": 2026 has ISO weeks W01–W53/);
    rejects("2025-W53", /No such week in period "2025-W53": 2025 has ISO weeks W01–W52/);
    rejects("2026-W00", /"2026-W00"/);
    rejects("2026-Q5", /No such quarter in period "2026-Q5"/);
    rejects("2026-10-31~2026-10-01", /Reversed range in period "2026-10-31~2026-10-01": 2026-10-31 is after 2026-10-01/);
    rejects("2024-01-01~2027-01-01", /Range too long in period "2024-01-01~2027-01-01": custom ranges may span at most 3 years/);
    rejects("2026-02-30~2026-03-01", /No such day in period "2026-02-30~2026-03-01": 2026-02-30/);
    rejects("1800", /Year out of range in period "1800"/);
    rejects("last month", /Not a period: "last month" \(expected 2026-10, 2026-W40/);
    rejects("", /Not a period: ""/);
  });

  it("rejects an assessment start day outside 1–28", () => {
    expect(() => parsePeriod("A2026-10", { assessmentStartDay: 29 })).toThrow(/assessmentStartDay must be an integer 1–28, got 29/);
    expect(() => parsePeriod("A2026-10", { assessmentStartDay: 0 })).toThrow(RangeError);
  });
});

describe("previousPeriod (环比)", () => {
  it("steps back across the year end", () => {
    expect(previousPeriod(parsePeriod("2026-01")).key).toBe("2025-12");
    expect(previousPeriod(parsePeriod("2026-Q1")).key).toBe("2025-Q4");
    expect(previousPeriod(parsePeriod("2026")).key).toBe("2025");
    const weekBefore = previousPeriod(parsePeriod("2026-W01"));
    expect(weekBefore.key).toBe("2025-W52");
    expect(days(weekBefore)).toEqual(["2025-12-22", "2025-12-28"]);
    expect(previousPeriod(parsePeriod("2027-W01")).key).toBe("2026-W53");
    expect(previousPeriod(parsePeriod("2026-10")).key).toBe("2026-09");
    expect(previousPeriod(parsePeriod("2026-Q3")).key).toBe("2026-Q2");
  });

  it("gives a custom range the same number of days just before it", () => {
    const before = previousPeriod(parsePeriod("2026-10-01~2026-10-31"));
    expect(before).toMatchObject({ kind: "custom", key: "2026-08-31~2026-09-30" });
    expect(previousPeriod(parsePeriod("2026-03-01~2026-03-07")).key).toBe("2026-02-22~2026-02-28");
  });

  it("gives the previous assessment month, with the start day the period was made with", () => {
    const october = parsePeriod("A2026-10", ASSESS_19);
    expect(previousPeriod(october)).toMatchObject({ key: "A2026-09", firstDay: "2026-08-19", lastDay: "2026-09-18" });
    expect(previousPeriod(october, ASSESS_19).key).toBe("A2026-09");
    expect(previousPeriod(parsePeriod("A2026-01", ASSESS_19))).toMatchObject({ key: "A2025-12", firstDay: "2025-11-19", lastDay: "2025-12-18" });
    expect(() => previousPeriod(october, { assessmentStartDay: 1 })).toThrow(/starts on day 19, not on the requested day 1/);
  });
});

describe("yearAgoPeriod (同比)", () => {
  it("takes the same period a year earlier", () => {
    expect(yearAgoPeriod(parsePeriod("2026-10")).key).toBe("2025-10");
    expect(yearAgoPeriod(parsePeriod("2026-Q3")).key).toBe("2025-Q3");
    expect(yearAgoPeriod(parsePeriod("2026")).key).toBe("2025");
    expect(yearAgoPeriod(parsePeriod("A2026-10", ASSESS_19))).toMatchObject({ key: "A2025-10", firstDay: "2025-09-19", lastDay: "2025-10-18" });
  });

  it("takes the same ISO week number, or the last week when there is no week 53", () => {
    expect(yearAgoPeriod(parsePeriod("2026-W40"))).toMatchObject({ key: "2025-W40", firstDay: "2025-09-29", lastDay: "2025-10-05" });
    expect(yearAgoPeriod(parsePeriod("2026-W53")).key).toBe("2025-W52");
    expect(yearAgoPeriod(parsePeriod("2020-W53")).key).toBe("2019-W52");
    expect(yearAgoPeriod(parsePeriod("2021-W01")).key).toBe("2020-W01");
  });

  it("moves custom days a year back, 29 February becoming 28 February", () => {
    expect(yearAgoPeriod(parsePeriod("2026-10-01~2026-10-31")).key).toBe("2025-10-01~2025-10-31");
    expect(yearAgoPeriod(parsePeriod("2024-02-29~2024-03-01")).key).toBe("2023-02-28~2023-03-01");
    expect(yearAgoPeriod(parsePeriod("2024-02-01~2024-02-29")).key).toBe("2023-02-01~2023-02-28");
  });
});

describe("periodContaining", () => {
  it("uses the Shanghai day of the instant", () => {
    expect(periodContaining("month", Date.parse("2025-12-31T16:30:00Z")).key).toBe("2026-01"); // 00:30 on 1 January in Shanghai
    expect(periodContaining("month", Date.parse("2025-12-31T15:59:59.999Z")).key).toBe("2025-12");
    expect(periodContaining("year", Date.parse("2025-12-31T16:00:00Z")).key).toBe("2026");
    expect(periodContaining("quarter", at("2026-08-15T12:00")).key).toBe("2026-Q3");
  });

  it("finds ISO weeks across year ends", () => {
    expect(periodContaining("week", at("2026-01-01T12:00")).key).toBe("2026-W01");
    expect(periodContaining("week", at("2025-12-29T00:00")).key).toBe("2026-W01");
    expect(periodContaining("week", at("2025-12-28T23:59")).key).toBe("2025-W52");
    expect(periodContaining("week", at("2027-01-03T12:00")).key).toBe("2026-W53");
    expect(periodContaining("week", at("2026-10-01T09:00")).key).toBe("2026-W40");
  });

  it("puts days from the start day on into the next assessment month", () => {
    expect(periodContaining("assessment", at("2026-10-18T23:59"), ASSESS_19).key).toBe("A2026-10");
    expect(periodContaining("assessment", at("2026-10-19T00:00"), ASSESS_19).key).toBe("A2026-11");
    expect(periodContaining("assessment", at("2026-12-25T10:00"), ASSESS_19).key).toBe("A2027-01");
    expect(periodContaining("assessment", at("2026-10-25T10:00")).key).toBe("A2026-10");
  });
});

describe("periodDays", () => {
  it("lists every day, inclusive", () => {
    const february = periodDays(parsePeriod("2026-02"));
    expect(february).toHaveLength(28);
    expect(february[0]).toBe("2026-02-01");
    expect(february[27]).toBe("2026-02-28");
    expect(periodDays(parsePeriod("2026-W01"))).toEqual(["2025-12-29", "2025-12-30", "2025-12-31", "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]);
    expect(periodDays(parsePeriod("2024"))).toHaveLength(366);
    expect(periodDays(parsePeriod("A2026-03", ASSESS_19))).toHaveLength(28);
  });
});

describe("trendBuckets", () => {
  it("cuts a period into days", () => {
    const buckets = trendBuckets(parsePeriod("2026-W40"), "day");
    expect(buckets.map((b) => b.label)).toEqual(["09-28", "09-29", "09-30", "10-01", "10-02", "10-03", "10-04"]);
    expect(buckets[3]).toEqual({ key: "2026-10-01", start: at("2026-10-01T00:00"), end: at("2026-10-02T00:00"), label: "10-01" });
  });

  it("clips ISO weeks to a custom range", () => {
    expect(trendBuckets(parsePeriod("2026-09-25~2026-10-06"), "week")).toEqual([
      { key: "2026-W39", start: at("2026-09-25T00:00"), end: at("2026-09-28T00:00"), label: "W39" },
      { key: "2026-W40", start: at("2026-09-28T00:00"), end: at("2026-10-05T00:00"), label: "W40" },
      { key: "2026-W41", start: at("2026-10-05T00:00"), end: at("2026-10-07T00:00"), label: "W41" },
    ]);
  });

  it("cuts quarters and assessment months into calendar months", () => {
    expect(trendBuckets(parsePeriod("2026-Q3"), "month").map((b) => b.label)).toEqual(["2026-07", "2026-08", "2026-09"]);
    expect(trendBuckets(parsePeriod("A2026-10", ASSESS_19), "month")).toEqual([
      { key: "2026-09", start: at("2026-09-19T00:00"), end: at("2026-10-01T00:00"), label: "2026-09" },
      { key: "2026-10", start: at("2026-10-01T00:00"), end: at("2026-10-19T00:00"), label: "2026-10" },
    ]);
  });

  it("covers the period with no gaps or overlaps", () => {
    const year = parsePeriod("2026");
    for (const granularity of ["day", "week", "month"] as const) {
      const buckets = trendBuckets(year, granularity);
      expect(buckets[0].start).toBe(year.start);
      expect(buckets[buckets.length - 1].end).toBe(year.end);
      for (let i = 1; i < buckets.length; i++) expect(buckets[i].start).toBe(buckets[i - 1].end);
    }
    expect(trendBuckets(year, "day")).toHaveLength(365);
    expect(trendBuckets(year, "week")).toHaveLength(53); // the tail of 2026-W01 … the head of 2026-W53
    expect(trendBuckets(year, "week")[0]).toMatchObject({ key: "2026-W01", start: at("2026-01-01T00:00") });
    expect(trendBuckets(year, "month")).toHaveLength(12);
  });
});

describe("periodLabel", () => {
  it("titles every kind in Chinese and English", () => {
    const cases: [string, string, string][] = [
      ["2026-10", "2026年10月", "October 2026"],
      ["2026-03", "2026年3月", "March 2026"],
      ["2026-W40", "2026年第40周", "Week 40, 2026"],
      ["2026-Q3", "2026年第3季度", "Q3 2026"],
      ["2026", "2026年", "2026"],
      ["2026-10-01~2026-10-31", "2026-10-01 至 2026-10-31", "2026-10-01 to 2026-10-31"],
      ["A2026-10", "2026年10月考核月（09-19 至 10-18）", "Assessment month October 2026 (09-19 to 10-18)"],
    ];
    for (const [key, chinese, english] of cases) {
      const period = parsePeriod(key, ASSESS_19);
      expect(periodLabel(period, "zh-CN")).toBe(chinese);
      expect(periodLabel(period, "en")).toBe(english);
    }
  });
});
