import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDemoData } from "../../db/queries/settings";
import { countsByChannel, countsByChannelAndMonth, weiboPostCount, weiboPostCountsByMonth } from "../../db/queries/volume";
import { createTempDb, insertItems, insertWeiboPosts, setSetting, type TempDb } from "./fixtures";

describe("db/queries on an empty database", () => {
  let tmp: TempDb;
  beforeAll(() => {
    tmp = createTempDb();
  });
  afterAll(() => tmp.cleanup());

  it("returns no rows and zero counts", () => {
    expect(countsByChannelAndMonth(tmp.db)).toEqual([]);
    expect(countsByChannel(tmp.db)).toEqual([]);
    expect(weiboPostCountsByMonth(tmp.db)).toEqual([]);
    expect(weiboPostCount(tmp.db)).toBe(0);
  });

  it("is not demo data unless settings.demo_data is \"true\"", () => {
    expect(isDemoData(tmp.db)).toBe(false);
    setSetting(tmp.db, "demo_data", "false");
    expect(isDemoData(tmp.db)).toBe(false);
    setSetting(tmp.db, "demo_data", "true");
    expect(isDemoData(tmp.db)).toBe(true);
  });
});

describe("db/queries/volume", () => {
  let tmp: TempDb;
  beforeAll(() => {
    tmp = createTempDb();
    insertItems(tmp.db, "hotline", [
      "2026-01-15T02:00:00Z",
      "2026-01-31T15:59:59Z", // 23:59:59 on 31 Jan in Shanghai → January
      "2026-01-31T17:00:00Z", // 01:00 on 1 Feb in Shanghai → February
      "2026-02-10T08:00:00Z",
      "2026-03-01T00:00:00Z",
    ]);
    insertItems(tmp.db, "mailbox", ["2026-02-03T04:00:00Z", "2026-03-31T16:30:00Z" /* 1 Apr in Shanghai */]);
    insertItems(tmp.db, "weibo", ["2026-01-20T12:00:00Z", "2026-01-20T13:00:00Z", "2026-02-28T16:00:00Z" /* 1 Mar */]);
    insertWeiboPosts(tmp.db, ["2026-01-05T00:00:00Z", "2026-01-31T16:00:00Z" /* 1 Feb */, "2026-02-02T00:00:00Z"]);
  });
  afterAll(() => tmp.cleanup());

  it("counts items per channel per Shanghai month", () => {
    expect(countsByChannelAndMonth(tmp.db)).toEqual([
      { month: "2026-01", channel: "hotline", count: 2 },
      { month: "2026-01", channel: "weibo", count: 2 },
      { month: "2026-02", channel: "hotline", count: 2 },
      { month: "2026-02", channel: "mailbox", count: 1 },
      { month: "2026-03", channel: "hotline", count: 1 },
      { month: "2026-03", channel: "weibo", count: 1 },
      { month: "2026-04", channel: "mailbox", count: 1 },
    ]);
  });

  it("counts an item at 2026-01-31T17:00Z in 2026-02", () => {
    const feb = countsByChannelAndMonth(tmp.db).find((r) => r.month === "2026-02" && r.channel === "hotline");
    expect(feb?.count).toBe(2); // 31 Jan 17:00Z and 10 Feb
  });

  it("counts items per channel", () => {
    expect(countsByChannel(tmp.db)).toEqual([
      { channel: "hotline", count: 5 },
      { channel: "mailbox", count: 2 },
      { channel: "weibo", count: 3 },
    ]);
  });

  it("counts weibo posts per Shanghai month and in total", () => {
    expect(weiboPostCountsByMonth(tmp.db)).toEqual([
      { month: "2026-01", count: 1 },
      { month: "2026-02", count: 2 },
    ]);
    expect(weiboPostCount(tmp.db)).toBe(3);
  });
});
