// Hot issues end to end on a real SQLite file: letters ingested from a CSV, clustered, saved (replacing the last
// result), listed with their members, raw vs merged counts; `npm run hot` with its JSON line and exit codes;
// rising topics against a trailing baseline.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import {
  hotClusterItems, listHotClusters, loadHotItems, mergedCounts, newestReceivedAt, risingTopics, saveHotClusters,
} from "../../db/queries/hot-issues";
import { importRuns, items, itemTexts, topics } from "../../db/schema";
import { SHANGHAI_DAY_MS, shanghaiDayStart, shanghaiWeekEnding } from "../../db/time";
import { ingestFile } from "../../ingest/load";
import { clusterHotIssues } from "../../ingest/nlp/hot-issues";
import { tempDb, tempDir } from "../helpers/temp";

function runHot(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "ingest/nlp/hot-cli.ts", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LEAK = "幸福家园小区地下车库漏水严重，顶板多处渗水，车辆被泡，物业一直推诿不修，请住建部门督促尽快维修。";

/** Letters in the minyi-mailbox export format: one campaign of four writers, one letter sent twice, unrelated ones. */
function mailboxCsv(): string {
  const rows: Array<[string, string, string, string, string, number]> = [
    ["L001", "幸福家园小区地下车库漏水", `${LEAK}我家车位在B区。`, "2019-11-04 09:10:00", "张先生", 3],
    ["L002", "幸福家园小区车库漏水问题", `${LEAK}已经反映两个月了。`, "2019-11-05 20:30:00", "李女士", 12],
    ["L003", "投诉幸福家园小区车库漏水", `${LEAK}希望尽快解决。`, "2019-11-08 08:00:00", "王先生", 0],
    ["L004", "幸福家园小区地下车库漏水", `${LEAK}`, "2019-11-12 18:45:00", "", 1],
    ["L005", "红星路公交站台被占用", "红星路公交站台长期被电动车和杂物占用，乘客只能站在机动车道上候车，非常危险，请交警和城管部门清理。", "2019-11-02 10:00:00", "赵先生", 2],
    ["L006", "红星路公交站台被占用", "红星路公交站台长期被电动车和杂物占用，乘客只能站在机动车道上候车，非常危险，请交警和城管部门清理。再次反映。", "2019-11-06 10:00:00", "赵先生", 0],
    ["L007", "咨询社保卡补办", "社保卡丢失了，请问在哪里补办，需要带什么材料，多久可以拿到新卡？", "2019-11-03 11:00:00", "钱女士", 0],
    ["L008", "建议增开夜班公交", "12路公交末班车太早，下夜班的市民无法乘车，建议增开夜班车或延长运营时间。", "2019-11-07 12:00:00", "孙先生", 5],
    ["L009", "阳光小学招生划片", "孩子明年上小学，想了解阳光小学的招生划片范围和报名时间。", "2019-11-09 13:00:00", "周女士", 0],
    ["L010", "东湖公园路灯不亮", "东湖公园北门一带路灯已经坏了一周，晚上散步很不安全，请尽快修复。", "2019-11-10 21:00:00", "吴先生", 0],
    ["L011", "医保异地报销", "父母在外地住院，医保异地报销需要办理哪些手续，能否网上办理？", "2019-11-11 09:00:00", "郑女士", 0],
    // Months before the campaign: outside the default 30-day window, and too far to chain with it.
    ["L012", "幸福家园小区地下车库漏水", `${LEAK}`, "2019-06-01 09:00:00", "冯先生", 0],
  ];
  const quote = (v: string | number) => (typeof v === "number" ? String(v) : `"${v.replace(/"/g, '""')}"`);
  return ["信件编号,标题,来信内容,来信时间,来信人,点赞数", ...rows.map((r) => r.map(quote).join(","))].join("\r\n") + "\r\n";
}

describe("hot issues on an ingested mailbox file", () => {
  let db: Db;
  let file: string;
  let dir: string;
  let idOf: (externalId: string) => number;

  beforeAll(async () => {
    ({ db, file, dir } = tempDb());
    const csv = path.join(dir, "letters.csv");
    fs.writeFileSync(csv, mailboxCsv());
    const summary = await ingestFile({ db, file: csv, channel: "mailbox", preset: "minyi-mailbox", reportDir: dir });
    expect(summary.inserted).toBe(12);
    const rows = db.select({ id: items.id, externalId: items.externalId }).from(items).all();
    const byExternal = new Map(rows.map((r) => [r.externalId, r.id]));
    idOf = (externalId) => byExternal.get(externalId)!;
  });

  afterAll(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const november = () => ({ since: shanghaiDayStart("2019-10-20"), until: shanghaiDayStart("2019-11-20") });

  it("loads the window's items with title and body, author and likes", () => {
    const loaded = loadHotItems(db, november());
    expect(loaded.map((i) => i.id)).not.toContain(idOf("L012"));
    expect(loaded).toHaveLength(11);
    const first = loaded.find((i) => i.id === idOf("L002"))!;
    expect(first.text.startsWith("幸福家园小区车库漏水问题\n幸福家园小区地下车库漏水严重")).toBe(true);
    expect(first).toMatchObject({ author: "李女士", likes: 12 });
    expect(loaded.find((i) => i.id === idOf("L004"))!.author).toBeNull();
    expect(newestReceivedAt(db)).toBe(Date.parse("2019-11-12T18:45:00+08:00"));
  });

  it("saves clusters with their members, replaces the previous result, and counts raw vs merged", () => {
    const window = november();
    const clusters = clusterHotIssues(loadHotItems(db, window).map((i) => ({ ...i, places: [] })));
    const campaign = ["L001", "L002", "L003", "L004"].map(idOf).sort((a, b) => a - b);
    const resent = ["L005", "L006"].map(idOf).sort((a, b) => a - b);
    expect(clusters.map((c) => c.members.map((m) => m.itemId).sort((a, b) => a - b))).toEqual([campaign, resent]);

    saveHotClusters(db, clusters, Date.now());
    const ids = saveHotClusters(db, clusters, Date.now()); // a second run replaces the first
    const stored = listHotClusters(db, { limit: 10 });
    expect(stored.map((c) => c.id)).toEqual(ids);
    expect(stored[0]).toMatchObject({ itemCount: 4, writerCount: 4, likes: 16 });
    expect(stored[1]).toMatchObject({ itemCount: 2, writerCount: 1, likes: 2 });
    expect(stored[0].keywords.length).toBeGreaterThan(0);

    const members = hotClusterItems(db, ids[0]);
    expect(members.map((m) => m.itemId).sort((a, b) => a - b)).toEqual(campaign);
    expect(members[0]).toMatchObject({ itemId: stored[0].representativeItemId, similarity: 1 });
    expect(members[0].title).toContain("漏水");

    // 11 letters in the window; the campaign of 4 counts once and the letter sent twice counts once.
    expect(mergedCounts(db, window)).toEqual({ raw: 11, merged: 11 - 3 - 1 });
    // A window holding only part of a cluster folds only that part.
    // (L005, L007, L001, L002: two of the campaign and one of the letter sent twice.)
    expect(mergedCounts(db, { since: window.since, until: shanghaiDayStart("2019-11-06") })).toEqual({ raw: 4, merged: 4 - 1 - 0 });
  });

  it("npm run hot: default window up to the newest item, readable table, JSON last line", () => {
    const r = runHot(["--db", file, "--limit", "5"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("2019-10-14 – 2019-11-12"); // 30 Shanghai days up to the newest item's day
    expect(r.stdout).toMatch(/heat\s+items\s+writers\s+likes\s+place\s+label\s+keywords/);
    expect(r.stdout).toContain("幸福家园小区");
    expect(r.stdout).toMatch(/rising topics/);

    const json = runHot(["--db", file, "--json"]);
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout.trim().split("\n").at(-1)!);
    expect(out.raw).toBe(11);
    expect(out.merged).toBe(7);
    expect(out.clusters).toHaveLength(2);
    expect(Array.isArray(out.rising)).toBe(true);
    expect(out.clusters[0]).toMatchObject({ itemCount: 4, writerCount: 4, likes: 16 });
    expect([...out.clusters[0].itemIds].sort((a: number, b: number) => a - b)).toEqual(["L001", "L002", "L003", "L004"].map(idOf).sort((a, b) => a - b));
    expect(Object.keys(out.clusters[0]).sort()).toEqual(["heat", "id", "itemCount", "itemIds", "keywords", "label", "likes", "place", "writerCount"]);
    // The stored result is the CLI's.
    expect(listHotClusters(db).map((c) => c.id)).toEqual(out.clusters.map((c: { id: number }) => c.id));
  });

  it("npm run hot: --since/--until choose the window; the June letter does not chain with November", () => {
    const out = JSON.parse(runHot(["--db", file, "--since", "2019-01-01", "--until", "2019-12-31", "--json"]).stdout.trim().split("\n").at(-1)!);
    expect(out.raw).toBe(12);
    expect(out.clusters[0].itemIds).not.toContain(idOf("L012"));
    expect(out.merged).toBe(8);
    const june = JSON.parse(runHot(["--db", file, "--since", "2019-06-01", "--until", "2019-06-30", "--json"]).stdout.trim().split("\n").at(-1)!);
    expect(june).toEqual({ clusters: [], raw: 1, merged: 1, rising: [] });
  });

  it("npm run hot: bad arguments exit 2 with a clear message", () => {
    for (const [args, message] of [
      [["--since", "2019-13-01"], /--since: expected a date YYYY-MM-DD/],
      [["--limit", "0"], /--limit: expected a whole number/],
      [["--since", "2019-12-01", "--until", "2019-11-01"], /--since must not be after --until/],
      [["--frobnicate"], /Unknown option '--frobnicate'/],
    ] as const) {
      const r = runHot([...args, "--db", file]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain("Usage: npm run hot");
    }
  });
});

describe("risingTopics", () => {
  let db: Db;
  let dir: string;
  beforeAll(() => ({ db, dir } = tempDb(tempDir())));
  afterAll(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("compares the 7 Shanghai days ending at asOf with the mean of the 8 weeks before", () => {
    const names = ["噪声污染", "道路与停车", "物业管理", "学前与义务教育"];
    const byName = new Map(db.select({ id: topics.id, name: topics.name }).from(topics).where(inArray(topics.name, names)).all().map((t) => [t.name, t.id]));
    const [noise, parking, fees, school] = names.map((n) => byName.get(n)!);
    const asOf = Date.parse("2026-03-10T10:00:00+08:00");
    const week = shanghaiWeekEnding(asOf);
    expect(week).toEqual({ start: Date.parse("2026-03-04T00:00:00+08:00"), end: Date.parse("2026-03-11T00:00:00+08:00") });

    const at: Array<[number, number]> = [];
    // Noise: 1 a week for 8 weeks, then 8 this week (the first exactly at the week's first instant).
    for (let w = 1; w <= 8; w++) at.push([noise, week.start - w * 7 * SHANGHAI_DAY_MS + SHANGHAI_DAY_MS]);
    for (let k = 0; k < 8; k++) at.push([noise, week.start + k * 3_600_000]);
    // Parking: steady 5 a week: not rising.
    for (let w = 0; w <= 8; w++) for (let k = 0; k < 5; k++) at.push([parking, week.start - w * 7 * SHANGHAI_DAY_MS + k * 3_600_000]);
    // Fees: 3 this week from nothing: under the minimum count.
    for (let k = 0; k < 3; k++) at.push([fees, week.start + SHANGHAI_DAY_MS + k]);
    // School: 6 this week, 2 a week before; and items after the week or before the baseline do not count.
    for (let w = 1; w <= 8; w++) for (let k = 0; k < 2; k++) at.push([school, week.start - w * 7 * SHANGHAI_DAY_MS + k]);
    for (let k = 0; k < 6; k++) at.push([school, week.end - 1 - k]);
    at.push([school, week.end], [school, week.start - 8 * 7 * SHANGHAI_DAY_MS - 1]);
    insertItems(db, at);

    const rising = risingTopics(db, { asOf });
    expect(rising.map((r) => r.topicId)).toEqual([noise, school]);
    expect(rising[0]).toMatchObject({ name: "噪声污染", thisWeek: 8, baselineMean: 1 });
    expect(rising[0].ratio).toBeCloseTo(9 / 2, 10);
    expect(rising[0].score).toBeCloseTo(7 / Math.sqrt(2), 10);
    expect(rising[1]).toMatchObject({ thisWeek: 6, baselineMean: 2 });
    expect(risingTopics(db, { asOf, minCount: 2 }).map((r) => r.topicId)).toEqual([noise, fees, school]);
    expect(risingTopics(db, { asOf, weeks: 1 }).find((r) => r.topicId === parking)).toBeUndefined();
  });
});

/** Minimal items with a topic at given instants (what risingTopics reads). */
function insertItems(db: Db, rows: Array<[topicId: number, receivedAt: number]>): void {
  const run = db.insert(importRuns).values({ startedAt: Date.now(), status: "done", filePath: "/t.csv", fileName: "t.csv", channel: "hotline", source: "test" }).returning({ id: importRuns.id }).get().id;
  db.transaction((tx) => {
    rows.forEach(([topicId, receivedAt], k) => {
      const externalId = `T${k}`;
      const { id } = tx.insert(items).values({
        channel: "hotline", source: "test", externalId, receivedAt, status: "open", topicId, contentHash: externalId,
        importRunId: run, sourceLine: k + 2, updatedAt: receivedAt,
      }).returning({ id: items.id }).get();
      tx.insert(itemTexts).values({ itemId: id, body: "测试", raw: "{}" }).run();
    });
  });
}
