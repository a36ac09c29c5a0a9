// The ranking exports through app/lib (the routes' code): the same numbers as db/metrics for the same period and
// filters, CSV and XLSX, Chinese file names, and 400 for a bad parameter.
import { ensureTestUser, sessionCookie } from "../helpers/auth";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { loadDefinitions } from "../../db/metrics/configured-definitions";
import { refreshDeadlines } from "../../db/metrics/deadlines";
import { dataCutoff } from "../../db/metrics/overview";
import { parsePeriod, previousPeriod } from "../../db/metrics/period";
import { departmentRanking } from "../../db/metrics/ranking";
import { topTopics } from "../../db/metrics/topics";
import { createTempDb, type TempDb } from "../app/fixtures";
import { addItems, type FixtureItem } from "../metrics/fixture";

let t: TempDb;
const holder = globalThis as typeof globalThis & { __minyiDb?: Db };
const october = parsePeriod("2026-10");

let cookie = "";
beforeAll(async () => {
  t = createTempDb("minyi-exports-rank-");
  const list: FixtureItem[] = [];
  for (let i = 0; i < 12; i++) {
    list.push({
      channel: "hotline", received: `2026-10-${String(2 + i).padStart(2, "0")} 09:00`, department: "市住房和城乡建设局", topic: "物业管理",
      replied: i % 4 ? `2026-10-${String(3 + i).padStart(2, "0")} 10:00` : undefined, closed: i % 3 ? `2026-10-${String(4 + i).padStart(2, "0")} 10:00` : undefined,
      satisfaction: (["satisfied", "basically_satisfied", "dissatisfied"] as const)[i % 3], returnVisit: `2026-10-${String(5 + i).padStart(2, "0")} 10:00`,
    });
  }
  for (let i = 0; i < 11; i++) list.push({ channel: "mailbox", received: `2026-10-${String(5 + i).padStart(2, "0")} 11:00`, department: "市生态环境局", topic: "噪声污染", replied: i % 2 ? `2026-10-${String(8 + i).padStart(2, "0")} 10:00` : undefined });
  for (let i = 0; i < 3; i++) list.push({ channel: "hotline", received: `2026-10-2${i} 09:00`, department: "市教育局" });
  list.push({ channel: "weibo", received: "2026-10-30 09:00" }, { channel: "hotline", received: "2026-09-15 09:00", department: "市生态环境局" });
  addItems(t.db, list);
  refreshDeadlines(t.db);
  holder.__minyiDb = t.db;
  cookie = (await sessionCookie(t.db, await ensureTestUser(t.db, "analyst"))).cookie;
});
afterAll(() => {
  delete holder.__minyiDb;
  t.cleanup();
});

const lib = () => import("../../app/lib/exports.server");
const get = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
const csvOf = async (res: Response) => parse(Buffer.from(await res.arrayBuffer()).toString("utf8"), { bom: true }) as string[][];
const percent = (v: number | null) => (v === null ? "" : `${Math.round(v * 100 * 100) / 100}%`);
const twoDecimals = (v: number | null) => (v === null ? "" : String(Math.round(v * 100) / 100));

describe("department ranking export", () => {
  const expected = () => departmentRanking(t.db, october, {}, dataCutoff(t.db), loadDefinitions(t.db));

  it("CSV: the ranking's rows, in rank order, with its numbers", async () => {
    const res = (await lib()).departmentsExport(get("/departments/export?period=2026-10&format=csv"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="department-ranking_2026-10_\d{8}-\d{4}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^部门排名_2026-10_\d{8}-\d{4}\.csv$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const rows = await csvOf(res);
    expect(rows[0]).toEqual(["名次", "承办单位", "受理量", "已答复件数", "答复率", "按时答复考核件数", "按时答复率", "办结件数", "办结率", "有效评价件数", "满意率", "答复用时中位数（工作日）", "超期", "综合得分", "备注"]);
    const want = expected();
    expect(rows.length - 1).toBe(want.length);
    want.forEach((w, i) => {
      const r = rows[i + 1];
      expect(r[0]).toBe(w.rank === null ? "" : String(w.rank));
      expect(r[1]).toBe(w.departmentId === null ? "（未分派）" : w.name);
      expect(Number(r[2])).toBe(w.counts.received);
      expect(Number(r[3])).toBe(w.counts.answered);
      expect(r[4]).toBe(percent(w.replyRate));
      expect(Number(r[5])).toBe(w.onTimeDue);
      expect(r[6]).toBe(percent(w.onTimeRate));
      expect(Number(r[7])).toBe(w.counts.resolved);
      expect(r[8]).toBe(percent(w.resolutionRate));
      expect(r[10]).toBe(percent(w.satisfactionRate));
      expect(r[11]).toBe(twoDecimals(w.replyWorkdays.median));
      expect(Number(r[12])).toBe(w.overdue);
      expect(r[13]).toBe(twoDecimals(w.composite));
      expect(r[14]).toBe(w.rank === null && w.departmentId !== null ? "样本不足，不参与排名" : "");
    });
    expect(want.filter((w) => w.rank !== null).length).toBe(2);
  });

  it("XLSX: exact numbers, rates with a % format, and the period in the notes sheet", async () => {
    const res = (await lib()).departmentsExport(get("/departments/export?period=2026-10&format=xlsx&channel=hotline&scope=all"));
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("部门排名")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const want = departmentRanking(t.db, october, { channel: "hotline", includeExcluded: true }, dataCutoff(t.db), loadDefinitions(t.db));
    expect(ws.actualRowCount - 1).toBe(want.length);
    want.forEach((w, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(3).value).toBe(w.counts.received);
      expect(row.getCell(5).value).toBe(w.replyRate);
      expect(row.getCell(5).numFmt).toBe("0.0%");
      expect(row.getCell(9).value).toBe(w.resolutionRate);
      expect(row.getCell(11).value).toBe(w.satisfactionRate);
      expect(row.getCell(14).value).toBe(w.composite);
    });
    const notes = wb.getWorksheet("说明")!;
    const text = notes.getSheetValues().flat().join(" ");
    expect(text).toContain("2026年10月");
    expect(text).toContain("渠道：热线");
    expect(text).toContain("口径：全口径");
  });

  it("follows the page's sort= column", async () => {
    const rows = await csvOf((await lib()).departmentsExport(get("/departments/export?period=2026-10&sort=received")));
    const volumes = rows.slice(1).map((r) => Number(r[2]));
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
  });

  it("answers a bad format or period with 400", async () => {
    const { departmentsExport, itemsExport } = await lib();
    for (const call of [() => departmentsExport(get("/departments/export?format=pdf")), () => departmentsExport(get("/departments/export?period=2026-13")), () => itemsExport(get("/items/export?status=nope"))]) {
      let thrown: unknown;
      try {
        call();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(400);
    }
  });
});

describe("topics and items exports through app/lib", () => {
  it("topic volumes equal topTopics for the period", async () => {
    const rows = await csvOf((await lib()).topicsExport(get("/topics/export?period=2026-10")));
    const level1 = topTopics(t.db, october, previousPeriod(october), {}, { level: 1, limit: 100 });
    const level2 = topTopics(t.db, october, previousPeriod(october), {}, { level: 2, limit: 100 });
    expect(rows.slice(1).map((r) => [Number(r[0]), r[1], Number(r[3])])).toEqual([
      ...level1.map((x) => [1, x.name, x.count]), ...level2.map((x) => [2, x.name, x.count]),
    ]);
  });

  it("the items export takes the list's parameters, in English with lang=en", async () => {
    const res = (await lib()).itemsExport(get("/items/export?period=2026-10&channel=mailbox&lang=en&page=3"));
    expect(decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1])).toMatch(/^Items_2026-10_/);
    const rows = await csvOf(res);
    expect(rows[0][0]).toBe("Id");
    // Every item of the filtered list, whatever page the list was on.
    expect(rows.length - 1).toBe(11);
    expect(new Set(rows.slice(1).map((r) => r[1]))).toEqual(new Set(["Mailbox"]));
  });
});
