// The metrics engine against a small hand-computed month (October 2026: National Day holidays 1–7 October,
// make-up workday Saturday 10 October; every expected number below is worked out in the comments).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backlog } from "../../db/metrics/backlog";
import { refreshDeadlines } from "../../db/metrics/deadlines";
import { METRIC_DEFINITIONS } from "../../db/metrics/definitions";
import { dataCutoff, overview } from "../../db/metrics/overview";
import { parsePeriod } from "../../db/metrics/period";
import { departmentRanking } from "../../db/metrics/ranking";
import { onTimeCounts, rateCounts, ratesFrom } from "../../db/metrics/rates";
import { rollupsUsable } from "../../db/metrics/rollup-scope";
import { timing } from "../../db/metrics/timing";
import { items } from "../../db/schema";
import { createTempDb, type TempDb } from "../app/fixtures";
import { addItems, readFrom, sh } from "./fixture";

const X = "市住房和城乡建设局";
const Y = "市生态环境局";
const Z = "市交通运输局";

let t: TempDb;
let ids: Record<string, number>;
const october = parsePeriod("2026-10");

beforeAll(() => {
  t = createTempDb();
  const list = {
    // Received 30 Sep (Wed): 5 working days → 8, 9, 10 (Sat, make-up), 12, 13 Oct → due 13 Oct 10:00; replied 12 Oct: on time.
    A: { channel: "hotline", received: "2026-09-30 10:00", replied: "2026-10-12 09:00", department: X },
    // 8 Oct (Thu) → due 14 Oct 09:00; replied 15 Oct: late. Return visit: contacted, solved, satisfied.
    B: { channel: "hotline", received: "2026-10-08 09:00", replied: "2026-10-15 10:00", closed: "2026-10-16 12:00", firstContact: "2026-10-08 15:00", returnVisit: "2026-10-17 10:00", satisfaction: "satisfied", solved: "yes", department: X },
    // Mailbox, 20 Oct (Tue): 10 working days → due 3 Nov 14:00; open.
    C: { channel: "mailbox", received: "2026-10-20 14:00", department: Y },
    // The source's own deadline, 27 Oct 18:00; open, so overdue at the cut-off.
    D: { channel: "hotline", received: "2026-10-25 11:00", due: "2026-10-27 18:00", department: Z },
    // Weibo comment, 31 Oct 20:00 (the newest item: the data cut-off): due a day later; replied 1 Nov.
    E: { channel: "weibo", received: "2026-10-31 20:00", replied: "2026-11-01 08:00", department: Z },
    // Sat 10 Oct is a make-up workday: due 16 Oct 09:30; replied the same day; solved partly, basically satisfied, not contacted.
    F: { channel: "hotline", received: "2026-10-10 09:30", replied: "2026-10-10 17:30", closed: "2026-10-12 10:00", returnVisit: "2026-10-13 09:00", satisfaction: "basically_satisfied", solved: "partly", department: X },
    // Excluded (剔除): counted only 全口径.
    G: { channel: "hotline", received: "2026-10-15 10:00", excluded: true, department: X },
    // The source's deadline, Mon 2 Nov 12:00: within one working day of the cut-off (Sat 31 Oct 20:00 → Tue 3 Nov 00:00), so due soon.
    H: { channel: "mailbox", received: "2026-10-30 10:00", due: "2026-11-02 12:00", department: Y },
  } as const;
  const inserted = addItems(t.db, Object.values(list));
  ids = Object.fromEntries(Object.keys(list).map((k, i) => [k, inserted[i]]));
  refreshDeadlines(t.db);
});
afterAll(() => t.cleanup());

const deadlineOf = (key: string) => t.db.select({ d: items.deadlineAt }).from(items).where(eq(items.id, ids[key])).get()!.d;

describe("deadlines", () => {
  it("count working days on the official calendar, or take the source's", () => {
    expect(deadlineOf("A")).toBe(sh("2026-10-13 10:00"));
    expect(deadlineOf("B")).toBe(sh("2026-10-14 09:00"));
    expect(deadlineOf("C")).toBe(sh("2026-11-03 14:00"));
    expect(deadlineOf("D")).toBe(sh("2026-10-27 18:00"));
    expect(deadlineOf("E")).toBe(sh("2026-11-01 20:00"));
    expect(deadlineOf("F")).toBe(sh("2026-10-16 09:30"));
  });
});

describe.each(["items", "rollups"] as const)("rates for October 2026, read from %s", (source) => {
  const asOf = sh("2026-10-31 20:00");
  beforeAll(() => readFrom(t.db, source));

  it("read from the intended source", () => {
    expect(rollupsUsable(t.db, october)).toBe(source === "rollups");
  });

  it("take the newest item as the data cut-off", () => {
    expect(dataCutoff(t.db, sh("2026-12-01 00:00"))).toBe(asOf);
  });

  it("count received, answered, resolved and ratings, without and with exclusions", () => {
    const c = rateCounts(t.db, october, {});
    // Received in October: B C D E F H (G is excluded; A came in September).
    expect(c).toMatchObject({ received: 6, answered: 3, resolved: 2, satisfied: 1, basicallySatisfied: 1, dissatisfied: 0, validVisits: 2, visitsContacted: 1, visitsSolved: 1 });
    expect(rateCounts(t.db, october, { includeExcluded: true })).toMatchObject({ received: 7, excluded: 1 });
  });

  it("compute each rate from its definition", () => {
    const r = ratesFrom(rateCounts(t.db, october, {}), onTimeCounts(t.db, october, {}, asOf));
    expect(r.replyRate).toBeCloseTo(3 / 6, 10); // B, E, F of six
    expect(r.resolutionRate).toBeCloseTo(2 / 6, 10); // B solved, F partly solved
    expect(r.satisfactionRate).toBeCloseTo((1 + 0.9) / 2, 10);
    expect(r.responseRate3).toBeCloseTo(1 / 2, 10); // B contacted, F not
    expect(r.solvedRate3).toBeCloseTo(1 / 2, 10); // B yes; F partly does not count
    expect(r.satisfactionRate3).toBeCloseTo(0.95, 10);
    // Due or answered in October: A (on time), B (late), D (past its deadline, unanswered), F (on time).
    // C and H are due in November and still open; E is due and answered in November.
    expect(onTimeCounts(t.db, october, {}, asOf)).toEqual({ due: 4, onTime: 2 });
    expect(r.onTimeRate).toBeCloseTo(0.5, 10);
  });

  it("measure answer times in working days and hotline hours", () => {
    const tm = timing(t.db, october, {});
    // Times are rounded (口径) to 0.1 under 10, whole units under 100, hours to tens above.
    // B: 0.625 (8 Oct) + 9, 10, 12, 13, 14 Oct + 10/24 of 15 Oct = 6.0417 → 6.0; E: 0 (weekend); F: 8/24 → 0.3 on the make-up Saturday.
    expect(tm.replyWorkdays).toEqual({ count: 3, median: 0.3, p90: 6 });
    // Hours: F 8 → 8.0; B 169 (≥ 100) → 170.
    expect(tm.replyHours).toEqual({ count: 2, median: 8, p90: 170 });
    // Close: F 14.5/24 + 10/24 = 1.02 → 1.0; B 0.625 + 6 + 12/24 = 7.125 → 7.1.
    expect(tm.closeWorkdays).toEqual({ count: 2, median: 1, p90: 7.1 });
  });

  it("count open, due-soon and overdue items at the cut-off", () => {
    expect(backlog(t.db, {}, asOf)).toMatchObject({ open: 3, overdue: 1, dueSoon: 1, dueSoonUntil: sh("2026-11-03 00:00") });
  });

  it("rank departments by the composite score, with the minimum sample", () => {
    const rows = departmentRanking(t.db, october, {}, asOf, { ...METRIC_DEFINITIONS, minimumSample: 2 });
    // X: reply 1, resolution 1, satisfaction 0.95 → 100 × (0.1 + 0.5 + 0.38) = 98.
    // Z: reply 1/2, resolution 0, no ratings → weights renormalised over reply and resolution: 100 × 0.05 / 0.6.
    // Y: nothing answered → 0.
    expect(rows.map((r) => [r.name, r.rank])).toEqual([[X, 1], [Z, 2], [Y, 3]]);
    expect(rows[0].composite).toBeCloseTo(98, 8);
    expect(rows[1].composite).toBeCloseTo((100 * 0.05) / 0.6, 8);
    expect(rows[2].composite).toBe(0);
    expect(rows.find((r) => r.name === Z)!.overdue).toBe(1);
    // Under the default minimum sample (10) nobody is ranked, but every unit is listed.
    const unranked = departmentRanking(t.db, october, {}, asOf);
    expect(unranked).toHaveLength(3);
    expect(unranked.every((r) => r.rank === null && r.belowMinimumSample)).toBe(true);
  });

  it("filter by channel and department everywhere", () => {
    expect(rateCounts(t.db, october, { channel: "mailbox" }).received).toBe(2);
    const x = departmentRanking(t.db, october, {}, asOf, { ...METRIC_DEFINITIONS, minimumSample: 2 }).find((r) => r.name === X)!;
    expect(rateCounts(t.db, october, { departmentId: x.departmentId! })).toMatchObject({ received: 2, answered: 2 });
  });

  it("put the same numbers in the overview, with 环比 against September", () => {
    const o = overview(t.db, october, {}, { now: sh("2026-12-01 00:00") });
    expect(o.asOf).toBe(asOf);
    expect(o.kpis.volume).toMatchObject({ value: 6, previous: 1, vsPrevious: 5 }); // A in September
    expect(o.kpis.replyRate.value).toBeCloseTo(0.5, 10);
    expect(o.kpis.replyRate.vsPrevious).toBeCloseTo(0.5 - 1, 10); // September: A answered
    expect(o.kpis.volume.yearAgo).toBe(0);
    expect(o.current.byChannel).toEqual({ hotline: 3, mailbox: 2, weibo: 1 });
    expect(o.trend).toHaveLength(31);
    expect(o.trend.reduce((s, b) => s + b.received, 0)).toBe(6);
    expect(o.trend.find((b) => b.key.endsWith("10-08"))?.received ?? o.trend[7].received).toBe(1);
  });
});
