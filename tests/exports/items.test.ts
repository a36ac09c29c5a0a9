// The items export: exactly the rows of the filtered list, in its order; personal data masked by default; the
// CSV and the XLSX read back (header frozen, typed cells, continuation sheets); its own read-only snapshot.
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvStream } from "../../db/exports/csv";
import { itemsExportTable, maskAuthor } from "../../db/exports/items";
import { maskPersonalData } from "../../db/privacy/mask";
import { sheetBuffer, writeXlsx, xlsxStream } from "../../db/exports/xlsx";
import { refreshDeadlines } from "../../db/metrics/deadlines";
import { parsePeriod } from "../../db/metrics/period";
import { listItems, type ItemListSelection } from "../../db/queries/items";
import { itemExportLabels } from "../../app/lib/exports.server";
import { createTempDb, type TempDb } from "../app/fixtures";
import { addItems, sh } from "../metrics/fixture";

let t: TempDb;
let ids: number[];
const october = parsePeriod("2026-10");
const asOf = sh("2026-10-31 20:00");
const zh = itemExportLabels("zh-CN");
const HEADER = ["编号", "渠道", "来源", "类型", "受理时间", "标题", "内容", "反映人", "地点", "承办单位", "一级分类", "二级分类", "状态", "办理时限", "答复时间", "办结时间", "是否超期", "满意度", "是否解决", "情感", "是否剔除", "待复核", "答复内容", "系统编号"];
const col = (name: string) => HEADER.indexOf(name);

beforeAll(() => {
  t = createTempDb("minyi-exports-");
  ids = addItems(t.db, [
    { channel: "hotline", received: "2026-10-08 09:00", replied: "2026-10-09 10:00", due: "2026-10-09 18:00", department: "市住房和城乡建设局", topic: "物业管理", satisfaction: "basically_satisfied", solved: "partly", body: "小区物业乱收停车费，电话13812345678，联系人：王小明" },
    { channel: "hotline", received: "2026-10-20 09:00", department: "市生态环境局", topic: "噪声污染", body: '夜间施工噪音扰民,"工地"凌晨还在施工\r\n第二行' },
    { channel: "mailbox", received: "2026-10-25 09:00", due: "2026-10-27 18:00", department: "市生态环境局", body: '=HYPERLINK("http://evil.example","点击查看")' },
    { channel: "weibo", received: "2026-10-31 20:00", sentiment: "negative", body: "@江城发布 噪音" },
    { channel: "hotline", received: "2026-09-28 09:00", department: "市住房和城乡建设局", body: "九月的诉求" },
    { channel: "hotline", received: "2026-10-12 09:00", department: "市住房和城乡建设局", excluded: true, body: "重复诉求" },
  ]);
  t.db.$client.prepare("UPDATE item_texts SET title = ?, reply_text = ? WHERE item_id = ?").run("王先生反映停车费，手机 139-1234-5678", "已联系来电人王小明（13812345678）说明情况", ids[0]);
  t.db.$client.prepare("UPDATE items SET author = ?, location = ? WHERE id = ?").run("王小明", "滨湖区凤凰御府", ids[0]);
  t.db.$client.prepare("UPDATE items SET author = ? WHERE id = ?").run("李女士", ids[1]);
  refreshDeadlines(t.db);
});
afterAll(() => t.cleanup());

const bytesOf = async (s: ReadableStream<Uint8Array>) => Buffer.from(await new Response(s).arrayBuffer());
const table = (selection: Partial<ItemListSelection> = {}, extra: { mask?: boolean; labels?: typeof zh } = {}) =>
  itemsExportTable(t.db, { filters: {}, asOf, ...selection }, { labels: extra.labels ?? zh, mask: extra.mask, asOf, sheetName: "诉求列表" });
async function csvRows(selection: Partial<ItemListSelection> = {}, extra: { mask?: boolean; labels?: typeof zh } = {}): Promise<string[][]> {
  const text = (await bytesOf(csvStream(table(selection, extra)))).toString("utf8");
  return parse(text, { bom: true, relax_column_count: false }) as string[][];
}

describe("items export: the rows of the list", () => {
  const selections: [string, Partial<ItemListSelection>][] = [
    ["the period", { range: october }],
    ["a channel", { range: october, filters: { channel: "hotline" } }],
    ["a department, 全口径", { range: october, filters: { departmentId: 0, includeExcluded: true } }],
    ["the overdue backlog", { backlog: "overdue" }],
    ["a search", { range: october, search: "噪音" }],
    ["any time, 全口径", { filters: { includeExcluded: true } }],
    ["sorted by deadline", { range: october, sort: "deadline_asc" }],
    ["sorted by answer time", { sort: "answered_desc" }],
  ];

  for (const [name, selection] of selections) {
    it(`has exactly the list's rows in the list's order: ${name}`, async () => {
      if (selection.filters?.departmentId === 0) {
        selection.filters.departmentId = t.db.$client.prepare("SELECT id FROM departments WHERE name = '市住房和城乡建设局'").pluck().get() as number;
      }
      const list = listItems(t.db, { filters: {}, asOf, ...selection, pageSize: 200 });
      const rows = await csvRows(selection);
      expect(rows[0]).toEqual(HEADER);
      expect(rows.length - 1).toBe(list.total);
      expect(rows.slice(1).map((r) => Number(r[col("系统编号")]))).toEqual(list.rows.map((r) => r.id));
    });
  }

  it("writes each column as staff read it: Shanghai times, names not codes, 是/否", async () => {
    const rows = await csvRows({ range: october });
    const first = rows.find((r) => Number(r[col("系统编号")]) === ids[0])!;
    expect(first[col("渠道")]).toBe("热线");
    expect(first[col("受理时间")]).toBe("2026-10-08 09:00");
    expect(first[col("办理时限")]).toBe("2026-10-09 18:00");
    expect(first[col("答复时间")]).toBe("2026-10-09 10:00");
    expect(first[col("承办单位")]).toBe("市住房和城乡建设局");
    expect(first[col("二级分类")]).toBe("物业管理");
    expect(first[col("一级分类")]).not.toBe("");
    expect(first[col("状态")]).toBe("已答复");
    expect(first[col("满意度")]).toBe("基本满意");
    expect(first[col("是否解决")]).toBe("部分解决");
    expect(first[col("是否超期")]).toBe("否");
    expect(first[col("是否剔除")]).toBe("否");
    // The mailbox letter was still open after its 27 October deadline at the cut-off.
    const letter = rows.find((r) => Number(r[col("系统编号")]) === ids[2])!;
    expect(letter[col("是否超期")]).toBe("是");
    expect(letter[col("渠道")]).toBe("信箱");
  });

  it("keeps quotes, commas and line breaks, and guards formulas", async () => {
    const rows = await csvRows({ range: october });
    const byId = (id: number) => rows.find((r) => Number(r[col("系统编号")]) === id)!;
    expect(byId(ids[1])[col("内容")]).toBe('夜间施工噪音扰民,"工地"凌晨还在施工\r\n第二行');
    expect(byId(ids[2])[col("内容")]).toBe(`'=HYPERLINK("http://evil.example","点击查看")`);
    expect(byId(ids[3])[col("内容")]).toBe("'@江城发布 噪音");
  });

  it("masks personal data by default, and only then", async () => {
    const masked = (await csvRows({ range: october })).find((r) => Number(r[col("系统编号")]) === ids[0])!;
    const all = masked.join("|");
    expect(all).not.toContain("13812345678");
    expect(all).not.toContain("139-1234-5678");
    // Every text goes through db/privacy/mask.ts, the one masking rule set of pages and exports.
    expect(masked[col("标题")]).toBe(maskPersonalData("王先生反映停车费，手机 139-1234-5678"));
    expect(masked[col("内容")]).toBe(maskPersonalData("小区物业乱收停车费，电话13812345678，联系人：王小明"));
    expect(masked[col("内容")]).toContain("138****5678");
    expect(masked[col("内容")]).toContain("联系人：王**");
    expect(masked[col("答复内容")]).toBe(maskPersonalData("已联系来电人王小明（13812345678）说明情况"));
    expect(masked[col("反映人")]).toBe("王**");
    const plain = (await csvRows({ range: october }, { mask: false })).find((r) => Number(r[col("系统编号")]) === ids[0])!;
    expect(plain[col("内容")]).toContain("13812345678");
    expect(plain[col("反映人")]).toBe("王小明");
    expect(maskAuthor("李女士")).toBe("李女士");
    expect(maskAuthor("小王同学_lol95")).toBe("小**");
  });

  it("writes English headers and values with ?lang=en labels", async () => {
    const rows = await csvRows({ range: october, filters: { channel: "mailbox" } }, { labels: itemExportLabels("en") });
    expect(rows[0].slice(0, 5)).toEqual(["Id", "Channel", "Source", "Type", "Received"]);
    expect(rows[1][1]).toBe("Mailbox");
  });

  it("reads one snapshot on a connection of its own: writes go on, and it is released when done", async () => {
    const reader = csvStream(table({ filters: { includeExcluded: true } }), { chunkChars: 1 }).getReader();
    const chunks: Uint8Array[] = [(await reader.read()).value!, (await reader.read()).value!];
    // While the export is half read, the shared connection writes a new item…
    addItems(t.db, [{ channel: "hotline", received: "2026-10-30 09:00", body: "导出期间新增" }]);
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    const rows = parse(Buffer.concat(chunks).toString("utf8"), { bom: true }) as string[][];
    // …which the export, one consistent snapshot, does not contain.
    expect(rows.length - 1).toBe(6);
    expect(listItems(t.db, { filters: { includeExcluded: true }, asOf }).total).toBe(7);
    // No reader holds the WAL any more: a truncating checkpoint completes.
    const [result] = t.db.$client.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    expect(result.busy).toBe(0);
  });

  it("releases its connection when the download stops half way", async () => {
    const reader = csvStream(table({ filters: { includeExcluded: true } }), { chunkChars: 1 }).getReader();
    await reader.read();
    await reader.cancel();
    const [result] = t.db.$client.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    expect(result.busy).toBe(0);
  });
});

describe("items export: XLSX", () => {
  async function workbookOf(stream: ReadableStream<Uint8Array>): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await bytesOf(stream)) as unknown as ArrayBuffer);
    return wb;
  }

  it("has a frozen header, column widths, real dates, text never run as a formula, and a notes sheet", async () => {
    const tbl = table({ range: october });
    const wb = await workbookOf(xlsxStream({ ...tbl, notes: () => [["行数", 5]] }, { notesSheetName: "说明" }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["诉求列表", "说明"]);
    const ws = wb.worksheets[0];
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getColumn(col("内容") + 1).width).toBe(60);
    const list = listItems(t.db, { filters: {}, asOf, range: october });
    expect(ws.actualRowCount - 1).toBe(list.total);
    const rowOf = (id: number) => {
      for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col("系统编号") + 1).value === id) return ws.getRow(r);
      throw new Error(`no row for ${id}`);
    };
    const received = rowOf(ids[0]).getCell(col("受理时间") + 1);
    // Excel dates have no time zone: the Shanghai wall-clock time is what the cell holds.
    expect(received.value).toEqual(new Date(Date.UTC(2026, 9, 8, 9, 0)));
    expect(received.numFmt).toBe("yyyy-mm-dd hh:mm");
    const formula = rowOf(ids[2]).getCell(col("内容") + 1);
    expect(formula.type).toBe(ExcelJS.ValueType.String);
    expect(formula.value).toBe('=HYPERLINK("http://evil.example","点击查看")');
    expect(String(rowOf(ids[0]).getCell(col("内容") + 1).value)).toContain("138****5678");
    expect(wb.getWorksheet("说明")!.getRow(1).values).toEqual([undefined, "行数", 5]);
  });

  it("continues on another sheet, with the header again, past the per-sheet row limit", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const result = await writeXlsx(table({ filters: { includeExcluded: true } }), out, { maxRowsPerSheet: 3 });
    expect(result).toEqual({ rows: 7, sheets: ["诉求列表", "诉求列表 (2)", "诉求列表 (3)"] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.actualRowCount)).toEqual([4, 4, 2]);
    for (const ws of wb.worksheets) {
      expect(ws.getRow(1).getCell(1).value).toBe("编号");
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    }
  });

  it("finds exceljs' sheet buffer, which its backpressure waits on", () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough() });
    expect(sheetBuffer(wb.addWorksheet("x"))).toBeDefined();
  });
});
