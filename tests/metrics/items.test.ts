// The items behind the numbers: the list uses the metrics' filters, so its counts equal theirs; exclusions and
// corrections move items between figures and are recorded with who and when.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backlog } from "../../db/metrics/backlog";
import { refreshDeadlines } from "../../db/metrics/deadlines";
import { parsePeriod } from "../../db/metrics/period";
import { rateCounts } from "../../db/metrics/rates";
import { excludeItem, revokeExclusion } from "../../db/queries/exclusions";
import { itemDetail, listItems } from "../../db/queries/items";
import { recordCorrection } from "../../db/queries/nlp";
import { runNlpPass } from "../../ingest/nlp/nlp-pass";
import { searchWords } from "../../app/lib/items.server";
import { createTempDb, type TempDb } from "../app/fixtures";
import { addItems, sh } from "./fixture";

let t: TempDb;
let ids: number[];
const october = parsePeriod("2026-10");
const asOf = sh("2026-10-31 20:00");

beforeAll(() => {
  t = createTempDb();
  ids = addItems(t.db, [
    { channel: "hotline", received: "2026-10-08 09:00", replied: "2026-10-09 10:00", department: "市住房和城乡建设局", topic: "物业管理", body: "小区物业乱收停车费，电话13812345678" },
    { channel: "hotline", received: "2026-10-20 09:00", department: "市生态环境局", topic: "噪声污染", body: "夜间施工噪音扰民" },
    { channel: "mailbox", received: "2026-10-25 09:00", due: "2026-10-27 18:00", department: "市生态环境局", body: "100%的居民反对_这个项目" },
    { channel: "weibo", received: "2026-10-31 20:00", sentiment: "negative", body: "噪音" },
    { channel: "hotline", received: "2026-09-28 09:00", department: "市住房和城乡建设局", body: "九月的诉求" },
  ]);
  refreshDeadlines(t.db);
});
afterAll(() => t.cleanup());

const list = (q: Partial<Parameters<typeof listItems>[1]> = {}) => listItems(t.db, { filters: {}, asOf, range: october, ...q });

describe("items list", () => {
  it("lists the period's items newest first, with the same count as the metrics", () => {
    const r = list();
    expect(r.total).toBe(4);
    expect(r.total).toBe(rateCounts(t.db, october, {}).received);
    expect(r.rows.map((x) => x.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
    expect(r.rows[3]).toMatchObject({ department: "市住房和城乡建设局", topic: "物业管理", status: "replied" });
  });

  it("searches title and body by substring, one character and wildcards included", () => {
    expect(list({ search: "噪音" }).rows.map((x) => x.id).sort()).toEqual([ids[1], ids[3]].sort());
    expect(list({ search: "噪" }).total).toBe(2);
    expect(list({ search: "100%" }).rows.map((x) => x.id)).toEqual([ids[2]]);
    expect(list({ search: "%" }).total).toBe(1); // a literal percent sign, not "anything"
    expect(list({ search: "_" }).total).toBe(1);
  });

  it("lists the backlog numbers' items", () => {
    const b = backlog(t.db, {}, asOf);
    const overdue = listItems(t.db, { filters: {}, asOf, backlog: "overdue" });
    expect(overdue.total).toBe(b.overdue);
    expect(overdue.rows.map((x) => x.id)).toContain(ids[2]); // the mailbox letter past its 27 October deadline
    expect(listItems(t.db, { filters: {}, asOf, backlog: "open" }).total).toBe(b.open);
  });

  it("filters by channel, department, sentiment and pages", () => {
    expect(list({ filters: { channel: "hotline" } }).total).toBe(2);
    expect(list({ sentiment: "negative" }).rows.map((x) => x.id)).toEqual([ids[3]]);
    const paged = list({ pageSize: 3, page: 2 });
    expect(paged.rows).toHaveLength(1);
    expect(paged.total).toBe(4);
  });
});

describe("exclusions and corrections", () => {
  it("an excluded item leaves the assessed figures, and comes back when revoked, with the audit kept", () => {
    excludeItem(t.db, { itemId: ids[1], reason: "duplicate", by: "张三", note: "与上一件重复" });
    expect(rateCounts(t.db, october, {}).received).toBe(3);
    expect(rateCounts(t.db, october, { includeExcluded: true })).toMatchObject({ received: 4, excluded: 1 });
    expect(list().total).toBe(3);
    revokeExclusion(t.db, { itemId: ids[1], by: "李四" });
    expect(rateCounts(t.db, october, {}).received).toBe(4);
    const audit = itemDetail(t.db, ids[1])!.exclusions;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ reason: "duplicate", excludedBy: "张三", revokedBy: "李四" });
  });

  it("a correction re-routes the item in every figure and is kept in the history", () => {
    const detail = itemDetail(t.db, ids[2])!;
    const housing = t.db.$client.prepare("SELECT id FROM departments WHERE name = '市住房和城乡建设局'").pluck().get() as number;
    recordCorrection(t.db, { itemId: ids[2], field: "department", newId: housing, correctedBy: "王五" });
    expect(rateCounts(t.db, october, { departmentId: housing }).received).toBe(2);
    const after = itemDetail(t.db, ids[2])!;
    expect(after.item.routedDepartmentId).toBe(housing);
    expect(after.corrections[0]).toMatchObject({ field: "department", previousId: detail.item.routedDepartmentId, newId: housing, correctedBy: "王五" });
  });
});

describe("full-text search", () => {
  it("finds items by words through the index the NLP pass fills, parts of longer words included", () => {
    const own = createTempDb();
    try {
      const [fees, noise] = addItems(own.db, [
        { channel: "hotline", received: "2026-10-08 09:00", body: "小区物业乱收停车费" },
        { channel: "hotline", received: "2026-10-09 09:00", body: "夜间施工噪音扰民" },
      ]);
      runNlpPass(own.db);
      const find = (q: string) => listItems(own.db, { filters: {}, asOf, search: q, searchWords: searchWords(q) }).rows.map((x) => x.id);
      expect(find("停车费")).toEqual([fees]);
      // The text says 施工噪音扰民; jieba cuts the query "施工噪音" as one word, found through its parts.
      expect(find("施工噪音")).toEqual([noise]);
      expect(find("扰民 施工")).toEqual([noise]);
      expect(find("施工 停车费")).toEqual([]); // every word must occur
      expect(find("噪")).toEqual([noise]); // one character: substring match
    } finally {
      own.cleanup();
    }
  });
});
