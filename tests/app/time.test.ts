import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SHANGHAI_OFFSET_MS,
  shanghaiDay,
  shanghaiDayOf,
  shanghaiDayStart,
  shanghaiMonth,
  shanghaiMonthOf,
} from "../../db/time";
import { createTempDb, type TempDb } from "./fixtures";

const ms = (iso: string) => Date.parse(iso);

describe("db/time JS helpers", () => {
  it("puts 2026-01-31T16:00:00Z on 2026-02-01 in Shanghai (month boundary)", () => {
    expect(shanghaiDayOf(ms("2026-01-31T16:00:00Z"))).toBe("2026-02-01");
    expect(shanghaiMonthOf(ms("2026-01-31T16:00:00Z"))).toBe("2026-02");
  });

  it("keeps the last Shanghai millisecond of January in January", () => {
    expect(shanghaiDayOf(ms("2026-01-31T15:59:59.999Z"))).toBe("2026-01-31");
    expect(shanghaiMonthOf(ms("2026-01-31T15:59:59.999Z"))).toBe("2026-01");
  });

  it("handles the year boundary", () => {
    expect(shanghaiMonthOf(ms("2025-12-31T15:59:59Z"))).toBe("2025-12");
    expect(shanghaiMonthOf(ms("2025-12-31T16:00:00Z"))).toBe("2026-01");
  });

  it("agrees with the tz database (Asia/Shanghai) across a year, hourly", () => {
    const start = ms("2024-01-01T00:00:00Z");
    for (let t = start; t < start + 366 * 86_400_000; t += 3_600_000 + 17_000) {
      const expected = format(new TZDate(t, "Asia/Shanghai"), "yyyy-MM-dd");
      expect(shanghaiDayOf(t)).toBe(expected);
    }
  });

  it("gives the instant a Shanghai day starts", () => {
    expect(shanghaiDayStart("2026-02-01")).toBe(ms("2026-01-31T16:00:00Z"));
    expect(shanghaiDayOf(shanghaiDayStart("2026-02-01"))).toBe("2026-02-01");
    expect(shanghaiDayOf(shanghaiDayStart("2026-02-01") - 1)).toBe("2026-01-31");
    expect(() => shanghaiDayStart("2026-02-30")).toThrow(RangeError);
    expect(() => shanghaiDayStart("2026/02/01")).toThrow(RangeError);
  });

  it("rejects non-instants", () => {
    expect(() => shanghaiDayOf(Number.NaN)).toThrow(RangeError);
  });

  it("uses the fixed +8 h offset", () => {
    expect(SHANGHAI_OFFSET_MS).toBe(28_800_000);
  });
});

describe("db/time SQL helpers (on SQLite)", () => {
  let tmp: TempDb;
  beforeAll(() => {
    tmp = createTempDb();
  });
  afterAll(() => tmp.cleanup());

  const evalSql = (expr: ReturnType<typeof shanghaiDay>) => tmp.db.get<{ v: string | null }>(sql`select ${expr} as v`).v;

  it("renders the documented expression", () => {
    const q = tmp.db.select({ m: shanghaiMonth(sql`x`) }).from(sql`(select 0 as x)`).toSQL();
    expect(q.sql).toContain("strftime('%Y-%m', x / 1000 + 28800, 'unixepoch')");
    expect(q.params).toEqual([]);
  });

  it.each([
    "2026-01-31T15:59:59.999Z",
    "2026-01-31T16:00:00Z",
    "2026-01-31T17:00:00Z",
    "2025-12-31T16:00:00Z",
    "2024-02-28T16:30:00Z",
    "1970-01-01T00:00:00Z",
  ])("matches the JS helpers for %s", (iso) => {
    const t = ms(iso);
    expect(evalSql(shanghaiDay(sql`${t}`))).toBe(shanghaiDayOf(t));
    expect(evalSql(shanghaiMonth(sql`${t}`))).toBe(shanghaiMonthOf(t));
  });

  it("maps NULL to NULL", () => {
    expect(evalSql(shanghaiDay(sql`NULL`))).toBeNull();
  });
});
