// The documented mapping-file format, exercised with the example shipped in docs/mappings.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../ingest/load";
import { parseMapping } from "../../ingest/mapping-schema";
import { PRESETS } from "../../ingest/presets";
import { tempDb } from "../helpers/temp";

const example = JSON.parse(fs.readFileSync("docs/mappings/example-district-hotline.json", "utf8"));

describe("mapping files", () => {
  it("maps columns, joins, coalesces, value maps, date formats, null values and constants", async () => {
    const t = tempDb();
    const file = path.join(t.dir, "district.csv");
    fs.writeFileSync(
      file,
      [
        "流水号,登记时间,标题,反映内容,补充说明,联系人,主办单位,转办单位,一级分类,二级分类,办理期限,回复时间,回复内容,状态,评价,关注人数",
        "D-001,2026/10/08 08:30,夜间施工噪音,工地凌晨还在施工,已持续一周,张先生,无,市住建局,城乡建设,城市建设与施工,2026.10.15,2026/10/09 17:00,已责令停止夜间施工,已归档,四星,12",
        "D-002,2026/10/09 09:00,路灯,路灯不亮,,李女士,市城管局,,城乡建设,市政设施,2026.10.16,,,转办中,,0",
        "D-003,2026/10/09 09:00,状态异常,内容,,王先生,市城管局,,城乡建设,市政设施,2026.10.16,,,已归档,六星,0",
      ].join("\n"),
    );
    const mapping = parseMapping(example, "example");
    const s = await ingestFile({ db: t.db, file, channel: "hotline", mapping, reportDir: t.dir });
    expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: 2, rejected: 1 });
    const rows = t.db.$client.prepare("SELECT * FROM items JOIN item_texts ON item_id = items.id ORDER BY external_id").all() as Record<string, unknown>[];
    expect(rows[0]).toMatchObject({
      source: "district-12345", body: "工地凌晨还在施工\n已持续一周", department_raw: "市住建局", topic_raw: "城乡建设/城市建设与施工",
      status: "closed", status_raw: "已归档", satisfaction: "satisfied", likes: 12, type: "投诉",
    });
    expect(rows[0].department_id).not.toBeNull();
    expect(new Date(rows[0].received_at as number).toISOString()).toBe("2026-10-08T00:30:00.000Z");
    expect(new Date(rows[0].due_at as number).toISOString()).toBe("2026-10-14T16:00:00.000Z");
    expect(rows[1]).toMatchObject({ status: "dispatched", department_raw: "市城管局", satisfaction: null });
    const reject = t.db.$client.prepare("SELECT line, field, reason FROM import_rejects").get();
    expect(reject).toEqual({ line: 4, field: "评价", reason: expect.stringMatching(/satisfaction: unknown value "六星"/) });
  });

  it("rejects a mapping with an unknown field, naming it", () => {
    expect(() => parseMapping({ ...example, fields: { ...example.fields, colour: "颜色" } }, "bad.json")).toThrow(/bad.json: invalid mapping: unknown field "colour"/);
    expect(() => parseMapping({ ...example, channel: "fax" }, "bad.json")).toThrow(/bad.json: invalid mapping: channel/);
  });

  it("every preset is a valid mapping with a distinct name", () => {
    expect(new Set(PRESETS.map((p) => p.name)).size).toBe(PRESETS.length);
    expect(PRESETS.length).toBeGreaterThanOrEqual(13);
  });
});

describe("mapping files over XLSX and JSONL", () => {
  const letterMapping = parseMapping(
    {
      name: "district-mailbox",
      channel: "mailbox",
      source: "district-mailbox",
      externalId: "编号",
      fields: { title: "标题", body: "内容", receivedAt: { column: "来信时间", required: true }, departmentRaw: "承办单位", likes: "点赞" },
    },
    "inline",
  );

  it("imports an XLSX sheet through a mapping, keeping Excel row numbers as lines", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const t = tempDb();
    const file = path.join(t.dir, "letters.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("来信");
    ws.addRow(["编号", "标题", "内容", "来信时间", "承办单位", "点赞"]);
    ws.addRow(["X1", "路灯", "路灯坏了", new Date(Date.UTC(2026, 9, 8, 9, 30)), "市城管局", 3]);
    ws.addRow(["X2", "噪音", "夜间施工", "2026-02-30 10:00", "市住建局", 0]);
    await wb.xlsx.writeFile(file);
    const s = await ingestFile({ db: t.db, file, channel: "mailbox", mapping: letterMapping, reportDir: t.dir });
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected }).toEqual({ read: 2, inserted: 1, rejected: 1 });
    const item = t.db.$client.prepare("SELECT * FROM items JOIN item_texts ON item_id = items.id").get() as Record<string, unknown>;
    // Excel stores wall-clock time; 09:30 in the sheet is 09:30 Beijing time.
    expect(new Date(item.received_at as number).toISOString()).toBe("2026-10-08T01:30:00.000Z");
    expect(item).toMatchObject({ body: "路灯坏了", likes: 3, source_line: 2 });
    expect(t.db.$client.prepare("SELECT line, field FROM import_rejects").get()).toEqual({ line: 3, field: "来信时间" });
  });

  it("imports JSONL through a mapping and rejects a broken line by its number", async () => {
    const t = tempDb();
    const file = path.join(t.dir, "letters.jsonl");
    fs.writeFileSync(
      file,
      [
        JSON.stringify({ 编号: "J1", 标题: "停水", 内容: "小区停水三天", 来信时间: "2026-07-09 08:00", 承办单位: "市水务局", 点赞: 12 }),
        "{not json",
        JSON.stringify({ 编号: "J2", 标题: "公交", 内容: "班次太少", 来信时间: "2026-07-10 18:20", 承办单位: "市交通局", 点赞: 0 }),
      ].join("\n") + "\n",
    );
    const s = await ingestFile({ db: t.db, file, channel: "mailbox", mapping: letterMapping, reportDir: t.dir });
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected }).toEqual({ read: 3, inserted: 2, rejected: 1 });
    expect((t.db.$client.prepare("SELECT line FROM import_rejects").get() as { line: number }).line).toBe(2);
    const again = await ingestFile({ db: t.db, file, channel: "mailbox", mapping: letterMapping, reportDir: t.dir });
    expect({ inserted: again.inserted, updated: again.updated, unchanged: again.unchanged }).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
  });
});
