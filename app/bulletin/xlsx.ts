// The bulletin's tables as an Excel workbook (exceljs): the summary, one sheet per table (header row frozen and
// filterable, numbers stored as numbers with their formats), the trend behind 图1, and the 口径 notes.
import ExcelJS from "exceljs";
import { bulletinOutline, type Cell, type CellFormat, type TableBlock } from "./outline";
import type { BulletinModel } from "./types";
import { CHANNEL_NAMES } from "./wording";

/** Excel number formats of the cell kinds (rates as percentages; changes of rates in percentage points). */
export const NUMBER_FORMATS: Record<Exclude<CellFormat, "text">, string> = {
  count: "#,##0",
  percent: "0.0%",
  days: "0.0",
  score: "0.0",
  countChange: "+0.0%;-0.0%;0.0%",
  pointsChange: '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"',
};

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9D9D9" } };
const HIGHLIGHT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" },
};
const FONT = "等线";

/** Excel refuses sheet names over 31 characters or with []:*?/\. */
export function sheetName(text: string): string {
  return text.replace(/[[\]:*?/\\]/g, "_").slice(0, 31);
}

function addTable(wb: ExcelJS.Workbook, t: TableBlock): void {
  const ws = wb.addWorksheet(sheetName(`${t.number} ${t.sheet}`), { views: [{ state: "frozen", ySplit: 1 }] });
  // A label row inside the data would break sorting and filters: the group becomes a first column instead.
  const grouped = t.groupLabels !== undefined && Object.keys(t.groupLabels).length > 0;
  const columns = [...(grouped ? [{ header: "口径", align: "left" as const, width: 20 }] : []), ...t.columns];
  ws.columns = columns.map((c) => ({ header: c.header, width: Math.max(8, c.width * (c.align === "left" ? 1.6 : 1.2)) }));
  const header = ws.getRow(1);
  header.font = { name: FONT, bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = THIN;
  });
  let group = "";
  t.rows.forEach((cells: Cell[], i) => {
    group = t.groupLabels?.[i] ?? group;
    const values = [...(grouped ? [group] : []), ...cells.map((c) => (c.format && c.format !== "text" ? (c.value ?? "—") : c.text))];
    const row = ws.addRow(values);
    row.font = { name: FONT };
    cells.forEach((c, k) => {
      const xc = row.getCell(k + 1 + (grouped ? 1 : 0));
      if (c.format && c.format !== "text" && c.value !== null && c.value !== undefined) xc.numFmt = NUMBER_FORMATS[c.format];
      xc.alignment = { horizontal: t.columns[k].align, vertical: "top", wrapText: t.columns[k].align === "left" };
      xc.border = THIN;
      if (t.highlight?.includes(i)) xc.fill = HIGHLIGHT_FILL;
    });
    if (grouped) row.getCell(1).border = THIN;
  });
  if (t.rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  else ws.addRow([t.emptyText]);
}

export async function renderXlsx(m: BulletinModel): Promise<Buffer> {
  const outline = bulletinOutline(m);
  const wb = new ExcelJS.Workbook();
  wb.creator = "民意 Minyi";
  wb.title = m.title;
  wb.subject = m.subtitle;
  wb.created = new Date(m.generatedAt);

  const summary = wb.addWorksheet("通报摘要");
  summary.columns = [{ width: 110 }];
  summary.addRow([m.title]).font = { name: FONT, bold: true, size: 16 };
  summary.addRow([m.subtitle]).font = { name: FONT, size: 12 };
  summary.addRow([]);
  for (const p of m.summary) {
    const row = summary.addRow([p.text]);
    row.font = { name: FONT, size: 11 };
    row.alignment = { wrapText: true, vertical: "top" };
  }

  for (const b of outline.blocks) if (b.type === "table") addTable(wb, b);

  const trend = wb.addWorksheet("图1数据 受理量趋势", { views: [{ state: "frozen", ySplit: 1 }] });
  const channels = ["hotline", "mailbox", "weibo"] as const;
  trend.columns = [{ header: "日期", width: 14 }, ...channels.map((c) => ({ header: CHANNEL_NAMES[c], width: 10 })), { header: "合计", width: 10 }];
  trend.getRow(1).font = { name: FONT, bold: true };
  trend.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  for (const b of m.trend) {
    const row = trend.addRow([b.key, ...channels.map((c) => b.byChannel[c] ?? 0), b.received]);
    for (let k = 2; k <= channels.length + 2; k++) row.getCell(k).numFmt = NUMBER_FORMATS.count;
  }

  const notes = wb.addWorksheet("口径说明");
  notes.columns = [{ width: 18 }, { width: 110 }];
  notes.addRow(["附注", "统计口径说明"]).font = { name: FONT, bold: true };
  for (const line of outline.footnote) notes.addRow(["", line]).alignment = { wrapText: true, vertical: "top" };
  notes.addRow([]);
  notes.addRow(["指标", "定义"]).font = { name: FONT, bold: true };
  for (const d of outline.definitions) notes.addRow([d.label, d.text]).alignment = { wrapText: true, vertical: "top" };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
