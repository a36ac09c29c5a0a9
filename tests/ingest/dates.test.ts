import { describe, expect, it } from "vitest";
import { parseDateTime } from "../../ingest/dates";

const sh = { timeZone: "Asia/Shanghai" };
const iso = (ms: number) => new Date(ms).toISOString();
function ok(s: string, opts = sh): string {
  const r = parseDateTime(s, opts);
  if (!r.ok) throw new Error(r.reason);
  return iso(r.value);
}

describe("parseDateTime", () => {
  it("reads the Chinese source formats as Beijing time", () => {
    expect(ok("2019/4/25 9:32:09")).toBe("2019-04-25T01:32:09.000Z");
    expect(ok("2020-01-13 08:07")).toBe("2020-01-13T00:07:00.000Z");
    expect(ok("2024-11-29T18:56:00")).toBe("2024-11-29T10:56:00.000Z");
    expect(ok("2019/12/3")).toBe("2019-12-02T16:00:00.000Z");
    expect(ok("2026年3月5日 14时30分")).toBe("2026-03-05T06:30:00.000Z");
  });

  it("reads US export dates with AM/PM in New York time, across DST", () => {
    const ny = { timeZone: "America/New_York" };
    expect(ok("06/26/2018 10:58:54 AM", ny)).toBe("2018-06-26T14:58:54.000Z");
    expect(ok("01/05/2019 12:10:00 AM", ny)).toBe("2019-01-05T05:10:00.000Z");
    expect(ok("2024-04-16T03:03:15.000", ny)).toBe("2024-04-16T07:03:15.000Z");
  });

  it("honours explicit offsets and DMY order", () => {
    expect(ok("2026-01-01T00:00:00Z")).toBe("2026-01-01T00:00:00.000Z");
    expect(ok("2026-01-01 08:00:00+08:00")).toBe("2026-01-01T00:00:00.000Z");
    expect(ok("05/03/2026", { timeZone: "UTC", order: "DMY" } as never)).toBe("2026-03-05T00:00:00.000Z");
  });

  it("rejects impossible dates with a reason", () => {
    for (const s of ["2019-02-30", "2019-13-01", "2019-01-01 25:00", "not a date", ""]) {
      const r = parseDateTime(s, sh);
      expect(r.ok, s).toBe(false);
    }
    const r = parseDateTime("2019-02-29 10:00", sh);
    expect(r.ok ? "" : r.reason).toMatch(/impossible day/);
    expect(parseDateTime("2020-02-29", sh).ok).toBe(true);
  });

  it("resolves Weibo relative times against the crawl instant", () => {
    const crawl = Date.parse("2020-01-14T12:00:00Z"); // 20:00 Beijing
    const rel = { timeZone: "Asia/Shanghai", relativeTo: crawl };
    expect(ok("3小时前", rel)).toBe("2020-01-14T09:00:00.000Z");
    expect(ok("16分钟前", rel)).toBe("2020-01-14T11:44:00.000Z");
    expect(ok("昨天 17:04", rel)).toBe("2020-01-13T09:04:00.000Z");
    expect(ok("01-12", rel)).toBe("2020-01-11T16:00:00.000Z");
    expect(ok("12-30", rel)).toBe("2019-12-29T16:00:00.000Z");
    expect(parseDateTime("3小时前", sh).ok).toBe(false);
  });
});
