// The bulletin's content in print order, once for every format: headings, paragraphs, tables (with each cell's
// text and, for Excel, its raw number and format) and charts. docx.ts, xlsx.ts and html.tsx only lay it out.
import type { Compared } from "../../db/metrics/comparison";
import { bulletinCharts, type BulletinChart } from "./charts";
import { changeCell, count, dateTime, dayCn, decimal, percent } from "./format";
import type { BulletinKpi, BulletinModel, BulletinRankingRow } from "./types";
import { CHANNEL_NAMES } from "./wording";

/** How Excel stores a cell: its number and number format (the text is what Word and HTML print). */
export type CellFormat = "count" | "percent" | "days" | "score" | "countChange" | "pointsChange" | "text";

export interface Cell {
  text: string;
  /** The raw number (a rate as 0–1, a points change in points); absent for text. */
  value?: number | null;
  format?: CellFormat;
}

export interface Column {
  header: string;
  align: "left" | "center" | "right";
  /** Relative width (Word, HTML) and Excel column width in characters. */
  width: number;
}

export interface TableBlock {
  type: "table";
  /** "表1" … */
  number: string;
  caption: string;
  /** The Excel sheet's name (≤ 31 characters, no []:*?/\). */
  sheet: string;
  columns: Column[];
  rows: Cell[][];
  /** A full-width label row before row i (e.g. the 考核口径 block of the KPI table). */
  groupLabels?: Record<number, string>;
  /** Rows to emphasise (the department of a department's bulletin). */
  highlight?: number[];
  /** Smaller type for wide tables. */
  dense?: boolean;
  /** Shown instead of an empty table. */
  emptyText: string;
}

export type Block =
  | { type: "heading"; level: 1 | 2; text: string }
  | { type: "paragraph"; text: string; style?: "body" | "note" | "label" }
  | { type: "case"; label: string; text: string }
  | TableBlock
  | { type: "chart"; chart: BulletinChart };

export interface Outline {
  title: string;
  subtitle: string;
  blocks: Block[];
  /** 附注: the footnote sentences and the 口径 definitions. */
  footnote: string[];
  definitions: { label: string; text: string }[];
}

const num = (value: number | null, format: CellFormat, text?: string): Cell => ({
  value,
  format,
  text: text ?? (format === "percent" ? percent(value) : format === "days" || format === "score" ? decimal(value) : count(value)),
});
const txt = (text: string | null | undefined): Cell => ({ text: text && text.length ? text : "—", format: "text" });

/** A change cell: counts relative (Excel: a percentage), rates in points (Excel: a number of points). */
function change(c: Compared, which: "previous" | "yearAgo"): Cell {
  const v = which === "previous" ? c.vsPrevious : c.vsYearAgo;
  const text = changeCell(c, which);
  if (v === null) return { text, value: null, format: c.kind === "rate" ? "pointsChange" : "countChange" };
  return c.kind === "rate" ? { text, value: v * 100, format: "pointsChange" } : { text, value: v, format: "countChange" };
}

function kpiRow(k: BulletinKpi): Cell[] {
  const fmt: CellFormat = k.format === "percent" ? "percent" : k.format === "days" ? "days" : "count";
  const label = k.format === "days" ? `${k.label}（工作日）` : k.label;
  return [txt(label), num(k.figure.value, fmt), num(k.figure.previous, fmt), change(k.figure, "previous"), num(k.figure.yearAgo, fmt), change(k.figure, "yearAgo")];
}

function rankingCells(r: BulletinRankingRow): Cell[] {
  return [
    r.rank === null ? txt(r.belowMinimumSample ? "不排名" : "—") : num(r.rank, "count"),
    txt(r.name),
    num(r.received, "count"),
    num(r.replyRate, "percent"),
    num(r.onTimeRate, "percent"),
    num(r.resolutionRate, "percent"),
    num(r.satisfactionRate, "percent"),
    num(r.medianReplyWorkdays, "days"),
    num(r.overdue, "count"),
    num(r.composite, "score"),
  ];
}

const CN_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export function bulletinOutline(m: BulletinModel): Outline {
  const blocks: Block[] = [];
  const para = (key: string) => {
    const p = m.summary.find((s) => s.key === key);
    if (p) blocks.push({ type: "paragraph", text: p.text });
  };
  let section = 0;
  const h1 = (text: string) => blocks.push({ type: "heading", level: 1, text: `${CN_NUMBERS[section++]}、${text}` });
  let tableNo = 0;
  const table = (t: Omit<TableBlock, "type" | "number">) => blocks.push({ type: "table", number: `表${++tableNo}`, ...t });
  const charts = bulletinCharts(m);

  // 一、总体情况
  h1("总体情况");
  para("volume");
  para("rates");
  para("assessment");
  para("backlog");
  const operational = m.kpis.filter((k) => k.family === "operational");
  const assessment = m.kpis.filter((k) => k.family === "assessment");
  table({
    caption: `${m.subject}主要指标`,
    sheet: "主要指标",
    columns: [
      { header: "指标", align: "left", width: 22 },
      { header: "本期", align: "right", width: 11 },
      { header: "上期", align: "right", width: 11 },
      { header: "环比", align: "right", width: 15 },
      { header: "上年同期", align: "right", width: 11 },
      { header: "同比", align: "right", width: 15 },
    ],
    rows: [...operational, ...assessment].map(kpiRow),
    groupLabels: { 0: "办理口径", ...(assessment.length ? { [operational.length]: "考核口径“三率”（热线有效回访）" } : {}) },
    emptyText: "本期无数据。",
  });
  blocks.push({ type: "paragraph", style: "note", text: `注：上期为${m.previous.label}，上年同期为${m.yearAgo.label}；比率的环比、同比为百分点之差。` });
  blocks.push({ type: "chart", chart: charts[0] });

  // 二、各单位办理情况
  h1(m.department ? "本单位办理及排名情况" : "各单位办理情况");
  para("ranking");
  if (m.ranking.top.length > 0) {
    const roll = (rows: BulletinRankingRow[]) => rows.map((r) => `第${r.rank}名 ${r.name}（${decimal(r.composite)}分）`).join("；");
    blocks.push({ type: "case", label: "红榜", text: `${roll(m.ranking.top)}。` });
    blocks.push({ type: "case", label: "黑榜", text: `${roll(m.ranking.bottom)}。` });
  }
  const highlight = m.department ? m.ranking.rows.flatMap((r, i) => (r.departmentId === m.department!.id ? [i] : [])) : undefined;
  table({
    caption: "各承办单位综合得分排名",
    sheet: "部门排名",
    columns: [
      { header: "名次", align: "center", width: 6 },
      { header: "承办单位", align: "left", width: 24 },
      { header: "受理量", align: "right", width: 8 },
      { header: "答复率", align: "right", width: 9 },
      { header: "按时答复率", align: "right", width: 9 },
      { header: "办结率", align: "right", width: 9 },
      { header: "满意率", align: "right", width: 9 },
      { header: "答复用时中位数（工作日）", align: "right", width: 10 },
      { header: "超期", align: "right", width: 7 },
      { header: "综合得分", align: "right", width: 9 },
    ],
    rows: m.ranking.rows.map(rankingCells),
    highlight,
    dense: true,
    emptyText: "本期无承办单位数据。",
  });
  blocks.push({
    type: "paragraph",
    style: "note",
    text: `注：综合得分＝答复率×${m.ranking.weights.reply}＋办结率×${m.ranking.weights.resolution}＋满意率×${m.ranking.weights.satisfaction}（百分制，按单位已有的比率加权）；统计期内受理少于${m.ranking.minimumSample}件的单位列示但不参与排名；“超期”为截至数据截止时间尚未答复且已超过办理时限的件数。`,
  });
  blocks.push({ type: "chart", chart: charts[1] });

  // 三、群众反映集中的问题
  h1("群众反映集中的问题");
  para("topics");
  table({
    caption: "问题分类前十位",
    sheet: "问题分类前十",
    columns: [
      { header: "序号", align: "center", width: 6 },
      { header: "问题分类", align: "left", width: 20 },
      { header: "件数", align: "right", width: 9 },
      { header: "占比", align: "right", width: 9 },
      { header: "上期件数", align: "right", width: 9 },
      { header: "环比", align: "right", width: 12 },
    ],
    rows: m.topics.map((t, i) => [
      num(i + 1, "count"),
      txt(t.parentName ? `${t.parentName} / ${t.name}` : t.name),
      num(t.count, "count"),
      num(t.share, "percent"),
      num(t.previous, "count"),
      { text: t.change === null ? "—" : changeCell({ value: t.count, previous: t.previous, yearAgo: null, vsPrevious: t.change, vsYearAgo: null, kind: "count" }, "previous"), value: t.change, format: "countChange" },
    ]),
    emptyText: "本期无已分类的诉求。",
  });

  // 四、热点问题
  h1("热点问题");
  para("hot");
  if (m.hot.counts && m.hot.counts.raw > 0) {
    blocks.push({ type: "paragraph", text: `按并单口径（同一问题多人反映合并计为一件），本期受理诉求原始件数${count(m.hot.counts.raw)}件，并单后${count(m.hot.counts.merged)}件。` });
  }
  table({
    caption: "热点问题",
    sheet: "热点问题",
    columns: [
      { header: "序号", align: "center", width: 6 },
      { header: "热点问题", align: "left", width: 34 },
      { header: "地点", align: "left", width: 12 },
      { header: "件数", align: "right", width: 7 },
      { header: "反映人数", align: "right", width: 8 },
      { header: "点赞", align: "right", width: 7 },
      { header: "热度", align: "right", width: 7 },
      { header: "承办单位", align: "left", width: 18 },
    ],
    rows: m.hot.clusters.map((c, i) => [
      num(i + 1, "count"), txt(c.label), txt(c.place), num(c.itemCount, "count"), num(c.writerCount, "count"), num(c.likes, "count"),
      { text: c.heat.toFixed(2), value: c.heat, format: "score" }, txt(c.department),
    ]),
    dense: true,
    emptyText: m.hot.computedAt === null ? "热点问题尚未计算（运行 npm run hot 后重新生成）。" : "本期没有多人反映的热点问题。",
  });

  // 五、超期未办结情况
  h1("超期未答复情况");
  blocks.push({
    type: "paragraph",
    text: m.overdue.total > 0
      ? `截至数据截止时间（${dateTime(m.asOf)}），${m.subject}超期未答复的诉求共${count(m.overdue.total)}件，临期${count(m.overdue.dueSoon)}件。各单位超期件数见表${tableNo + 1}，超期时间最长的${count(m.overdue.items.length)}件见表${tableNo + 2}。`
      : `截至数据截止时间（${dateTime(m.asOf)}），${m.subject}无超期未答复的诉求，临期${count(m.overdue.dueSoon)}件。`,
  });
  table({
    caption: "各单位超期未答复件数",
    sheet: "超期分单位",
    columns: [
      { header: "序号", align: "center", width: 6 },
      { header: "承办单位", align: "left", width: 28 },
      { header: "超期件数", align: "right", width: 10 },
    ],
    // The total is the backlog's own count (it also holds unrouted items when the ranking has no row for them).
    rows: m.overdue.total > 0 ? [...m.overdue.byDepartment.map((d, i) => [num(i + 1, "count"), txt(d.name), num(d.overdue, "count")]), [txt("合计"), { text: "", format: "text" }, num(m.overdue.total, "count")]] : [],
    emptyText: "无超期未答复的诉求。",
  });
  table({
    caption: "超期时间最长的诉求",
    sheet: "超期明细",
    columns: [
      { header: "序号", align: "center", width: 6 },
      { header: "编号", align: "left", width: 18 },
      { header: "渠道", align: "center", width: 8 },
      { header: "承办单位", align: "left", width: 18 },
      { header: "受理时间", align: "center", width: 16 },
      { header: "办理时限", align: "center", width: 16 },
      { header: "内容摘要（已脱敏）", align: "left", width: 40 },
    ],
    rows: m.overdue.items.map((it, i) => [
      num(i + 1, "count"), txt(it.externalId), txt(CHANNEL_NAMES[it.channel]), txt(it.department ?? "（未分派）"),
      txt(dateTime(it.receivedAt)), txt(dateTime(it.deadlineAt)), txt(it.summary),
    ]),
    dense: true,
    emptyText: "无超期未答复的诉求。",
  });

  // 六、典型案例
  h1("典型案例");
  if (m.cases.length === 0) blocks.push({ type: "paragraph", text: "本期没有可作为典型案例的已答复诉求。" });
  m.cases.forEach((c, i) => {
    blocks.push({ type: "heading", level: 2, text: `（${CN_NUMBERS[i]}）${c.topic ? `${c.topic}：` : ""}${c.title ?? [...c.body].slice(0, 20).join("")}` });
    const answered = `${dayCn(dateTime(c.answeredAt).slice(0, 10))}答复`;
    blocks.push({ type: "case", label: "基本情况", text: `${CHANNEL_NAMES[c.channel]}${c.type ? `${c.type}类` : ""}诉求，编号${c.externalId}，${dayCn(dateTime(c.receivedAt).slice(0, 10))}受理，承办单位${c.department ?? "（未分派）"}，${answered}。` });
    blocks.push({ type: "case", label: "群众诉求", text: c.body });
    blocks.push({ type: "case", label: "办理答复", text: c.reply });
  });

  return {
    title: m.title,
    subtitle: m.subtitle,
    blocks,
    footnote: m.footnote,
    definitions: m.definitions.help.map((h) => ({ label: h.label, text: h.text })),
  };
}
