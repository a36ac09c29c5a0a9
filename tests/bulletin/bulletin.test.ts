// The monthly bulletin end to end on a small demo city (scale 0.05, about 2,400 items over 13 months): the model's
// numbers against db/metrics, then every format — the .docx opened as the zip of XML it is, the .xlsx read back
// with exceljs, the HTML printed to PDF by Chromium and read back with pdftotext — and the command line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBulletinModel, findDepartment } from "../../app/bulletin/model.server";
import { contentDisposition, renderBulletin } from "../../app/bulletin/render.server";
import type { BulletinModel } from "../../app/bulletin/types";
import { formatNumber, formatPercent } from "../../app/i18n/messages";
import { oneDecimal } from "../../app/lib/format";
import type { Db } from "../../db/client";
import { backlog } from "../../db/metrics/backlog";
import type { Compared } from "../../db/metrics/comparison";
import { loadDefinitions } from "../../db/metrics/configured-definitions";
import { overview } from "../../db/metrics/overview";
import { parsePeriod } from "../../db/metrics/period";
import { departmentRanking } from "../../db/metrics/ranking";
import { importRuns, items, itemTexts } from "../../db/schema";
import { loadDemoData } from "../../ingest/demo/load-demo";
import { hasChromium, launchBrowser } from "../helpers/browser";
import { tempDb, tempDir } from "../helpers/temp";
import { readZip } from "../helpers/zip";

const PERIOD = "2026-10";
/** Raw personal data a typical case carries into the bulletin unless it is masked. */
const PII_TEXT = "本人王小明，住幸福家园小区3栋，电话13812345678，身份证号420102199003071234，邮箱wangxm@example.com。小区地下车库漏水两个月，物业一直推诿，车辆多次被泡，请住建部门督促维修。";
const RAW_PII = [/(?<!\d)1[3-9]\d{9}(?!\d)/, /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/, /wangxm@/, /王小明/];

let db: Db;
let dbFile: string;
let dir: string;
let city: BulletinModel;
const outputs: Partial<Record<"docx" | "xlsx" | "html", Buffer>> = {};

const pct = (v: number | null) => formatPercent("zh-CN", v);
const num = (v: number | null) => (v === null ? "—" : formatNumber("zh-CN", v));

beforeAll(async () => {
  ({ db, dir, file: dbFile } = tempDb(tempDir("minyi-bulletin-")));
  await loadDemoData(db, dir, () => {}, { scale: 0.05 });
  // A much-liked answered letter with personal data: the first typical case, so masking is tested on real output.
  const run = db.insert(importRuns).values({ startedAt: Date.now(), status: "done", filePath: "/t.csv", fileName: "t.csv", channel: "mailbox", source: "test" }).returning({ id: importRuns.id }).get().id;
  const received = Date.parse("2026-10-12T09:30:00+08:00");
  const { id } = db.insert(items).values({
    channel: "mailbox", source: "bulletin-test", externalId: "XJ-PII-1", type: "投诉", receivedAt: received, repliedAt: received + 3 * 86_400_000,
    status: "replied", likes: 9999, contentHash: "pii", importRunId: run, sourceLine: 2, updatedAt: Date.now(),
  }).returning({ id: items.id }).get();
  db.insert(itemTexts).values({ itemId: id, title: "幸福家园小区车库漏水（联系人王小明13812345678）", body: PII_TEXT, replyText: "经核查，已责成物业于10月20日前完成维修，联系电话0731-84567890。", raw: "{}" }).run();
  // Hot issues as `npm run hot` stores them.
  const hot = spawnSync(process.execPath, ["--import", "tsx", "ingest/nlp/hot-cli.ts", "--db", dbFile], { encoding: "utf8" });
  expect(hot.status, hot.stderr).toBe(0);
  city = buildBulletinModel(db, { period: PERIOD });
  for (const f of ["docx", "xlsx", "html"] as const) outputs[f] = (await renderBulletin(city, f)).bytes;
}, 120_000);

afterAll(() => {
  db?.$client.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** The figures the dashboard shows for the same period and filters, straight from db/metrics. */
function metricsFor(departmentId?: number, periodKey = PERIOD, startDay?: number) {
  const d = loadDefinitions(db);
  const period = parsePeriod(periodKey, startDay ? { assessmentStartDay: startDay } : undefined);
  const o = overview(db, period, { departmentId }, { definitions: d });
  return { d, period, o, ranking: departmentRanking(db, period, {}, o.asOf, d) };
}

describe("the bulletin's numbers are db/metrics' numbers", () => {
  it("city: KPIs with 环比 / 同比, counts, backlog, trend, topics, ranking", () => {
    const { o, ranking, period } = metricsFor();
    expect(city.period.key).toBe(period.key);
    expect(city.asOf).toBe(o.asOf);
    expect(city.counts).toEqual(o.current.counts);
    expect(city.byChannel).toEqual(o.current.byChannel);
    expect(city.backlog).toEqual(o.backlog);
    expect(city.timing).toEqual(o.timing);
    for (const k of city.kpis) expect(k.figure, k.key).toEqual(o.kpis[k.key]);
    expect(city.kpis.map((k) => k.key)).toEqual(expect.arrayContaining(["volume", "replyRate", "onTimeRate", "resolutionRate", "satisfactionRate", "medianReplyWorkdays", "negativeShare"]));
    expect(city.trend.map((b) => [b.key, b.received, b.byChannel])).toEqual(o.trend.map((b) => [b.key, b.received, b.byChannel]));
    expect(city.topics).toEqual(o.topTopics);
    expect(city.ranking.rows.map((r) => [r.departmentId, r.rank, r.received, r.replyRate, r.onTimeRate, r.resolutionRate, r.satisfactionRate, r.medianReplyWorkdays, r.overdue, r.composite]))
      .toEqual(ranking.map((r) => [r.departmentId, r.rank, r.counts.received, r.replyRate, r.onTimeRate, r.resolutionRate, r.satisfactionRate, r.replyWorkdays.median, r.overdue, r.composite]));
    // 红榜 / 黑榜: the best and worst ranked units, as many as fit without overlap.
    const ranked = ranking.filter((r) => r.rank !== null);
    const k = Math.min(3, Math.floor(ranked.length / 2));
    expect(k).toBeGreaterThan(0);
    expect(city.ranking.top.map((r) => r.departmentId)).toEqual(ranked.slice(0, k).map((r) => r.departmentId));
    expect(city.ranking.bottom.map((r) => r.departmentId)).toEqual(ranked.slice(-k).map((r) => r.departmentId));
    expect(city.ranking.unranked.every((r) => r.rank === null)).toBe(true);
    // Overdue by unit: the ranking's column, or for units without items in the period the backlog's own count.
    expect(city.overdue.total).toBe(o.backlog.overdue);
    for (const u of city.overdue.byDepartment) {
      const row = ranking.find((r) => r.departmentId === u.departmentId);
      expect(u.overdue, u.name).toBe(row ? row.overdue : backlog(db, { departmentId: u.departmentId! }, o.asOf).overdue);
    }
  });

  it("one department: its own figures, and its place in the city's ranking", () => {
    const dept = findDepartment(db, { name: "住建局" });
    expect(dept.name).toBe("市住房和城乡建设局");
    const m = buildBulletinModel(db, { period: PERIOD, departmentId: dept.id });
    const { o, ranking } = metricsFor(dept.id);
    expect(m.title).toBe("市住房和城乡建设局2026年10月群众诉求办理情况通报");
    for (const k of m.kpis) expect(k.figure, k.key).toEqual(o.kpis[k.key]);
    expect(m.backlog).toEqual(o.backlog);
    expect(m.topics).toEqual(o.topTopics);
    const own = ranking.find((r) => r.departmentId === dept.id)!;
    expect(m.summary.find((p) => p.key === "ranking")!.text).toContain(own.rank === null ? "不参与排名" : `位列第${own.rank}名`);
    expect(m.overdue.byDepartment).toEqual([{ departmentId: dept.id, name: dept.name, overdue: o.backlog.overdue }]);
  });

  it("assessment month: A2026-10 from the start day, with the 三率 block", () => {
    const m = buildBulletinModel(db, { period: PERIOD, assessment: true, assessmentStartDay: 19 });
    expect([m.period.key, m.period.firstDay, m.period.lastDay]).toEqual(["A2026-10", "2026-09-19", "2026-10-18"]);
    expect(m.title).toBe("2026年10月考核月群众诉求办理情况通报");
    const { o } = metricsFor(undefined, "A2026-10", 19);
    for (const k of m.kpis) expect(k.figure, k.key).toEqual(o.kpis[k.key]);
    expect(m.kpis.filter((k) => k.family === "assessment").map((k) => k.key)).toEqual(["responseRate3", "solvedRate3", "satisfactionRate3"]);
    expect(m.summary.map((p) => p.key)).toContain("assessment");
  });

  it("summary sentences carry the same numbers", () => {
    const { o } = metricsFor();
    const text = city.summary.map((p) => p.text).join("\n");
    expect(text).toContain(`全市共受理群众诉求${num(o.current.counts.received)}件`);
    expect(text).toContain(`答复率为${pct(o.kpis.replyRate.value)}`);
    expect(text).toContain(`尚未答复的诉求共${num(o.backlog.open)}件，其中已超期${num(o.backlog.overdue)}件`);
    expect(city.summary.map((p) => p.key)).toEqual(["volume", "rates", "assessment", "backlog", "ranking", "topics", "hot"]);
  });

  it("rejects a bad period and an unknown department with a clear message", () => {
    expect(() => buildBulletinModel(db, { period: "2026-13" })).toThrow(/统计期有误.*2026-13/);
    expect(() => buildBulletinModel(db, { period: "2026-Q3", assessment: true })).toThrow(/考核月须以月份给出/);
    expect(() => findDepartment(db, { name: "市不存在局" })).toThrow(/没有名为“市不存在局”的承办单位/);
    expect(() => buildBulletinModel(db, { period: PERIOD, departmentId: 99_999 })).toThrow(/没有编号为 99999 的承办单位/);
  });
});

describe("typical cases", () => {
  it("are answered items picked by a fixed rule, with personal data masked", () => {
    expect(city.cases.length).toBeGreaterThan(0);
    const first = city.cases[0];
    expect(first.externalId).toBe("XJ-PII-1");
    expect(first.body).toContain("本人王**");
    expect(first.body).toContain("138****5678");
    expect(first.body).toContain("420102********1234");
    expect(first.body).toContain("w***@example.com");
    expect(first.reply).toContain("0731-****7890");
    expect(new Set(city.cases.map((c) => c.topic)).size).toBe(city.cases.length); // one per topic
    expect(buildBulletinModel(db, { period: PERIOD }).cases).toEqual(city.cases); // deterministic
  });

  it("no raw personal data reaches any format", () => {
    const docxText = [...readZip(outputs.docx!).entries()].filter(([n]) => n.endsWith(".xml")).map(([, b]) => b.toString("utf8")).join("\n");
    for (const text of [docxText, outputs.html!.toString("utf8")]) for (const re of RAW_PII) expect(text).not.toMatch(re);
  });
});

// ---- Word -----------------------------------------------------------------------------------------------

const unescapeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const runsText = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1])).join("");

function docxParagraphs(xml: string): { style: string | null; text: string }[] {
  const body = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, "");
  return [...body.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [^>]*>([\s\S]*?)<\/w:p>/g)].map((m) => {
    const inner = m[1] ?? m[2];
    return { style: /<w:pStyle w:val="([^"]+)"\/>/.exec(inner)?.[1] ?? null, text: runsText(inner) };
  });
}

function docxTables(xml: string): { header: boolean[]; rows: string[][] }[] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => {
    const rows = [...t[1].matchAll(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [^>]*>([\s\S]*?)<\/w:tr>/g)].map((r) => r[1] ?? r[2]);
    return {
      header: rows.map((r) => r.includes("<w:tblHeader/>")),
      rows: rows.map((r) => [...r.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => runsText(c[1]))),
    };
  });
}

/** The KPI table's row for a figure as the dashboard formats it: value, previous, 环比, year ago, 同比. */
function kpiCells(c: Compared, format: "count" | "percent" | "days"): string[] {
  const v = (x: number | null) => (format === "percent" ? pct(x) : format === "days" ? oneDecimal("zh-CN", x) : num(x));
  const change = (x: number | null) => {
    if (x === null) return "—";
    const text = c.kind === "rate" ? `${oneDecimal("zh-CN", Math.abs(x) * 100)}个百分点` : pct(Math.abs(x));
    return /^0\.0(%|个)/.test(text) ? "持平" : `${x > 0 ? "+" : "-"}${text}`;
  };
  return [v(c.value), v(c.previous), change(c.vsPrevious), v(c.yearAgo), change(c.vsYearAgo)];
}

describe("Word (.docx)", () => {
  let xml: string;
  let files: Map<string, Buffer>;
  beforeAll(() => {
    files = readZip(outputs.docx!);
    xml = files.get("word/document.xml")!.toString("utf8");
  });

  it("is A4 with the title, numbered headings and page numbers", () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const paragraphs = docxParagraphs(xml);
    expect(paragraphs.find((p) => p.style === "Title")?.text).toBe("2026年10月群众诉求办理情况通报");
    expect(paragraphs.filter((p) => p.style === "Heading1").map((p) => p.text)).toEqual([
      "一、总体情况", "二、各单位办理情况", "三、群众反映集中的问题", "四、热点问题", "五、超期未答复情况", "六、典型案例", "附注：统计口径说明",
    ]);
    expect(paragraphs.filter((p) => p.style === "Heading2").length).toBe(city.cases.length);
    const footer = [...files.entries()].find(([n]) => /^word\/footer\d*\.xml$/.test(n))![1].toString("utf8");
    expect(footer).toMatch(/PAGE/);
    expect(runsText(footer)).toContain("—");
    // The summary paragraphs, word for word.
    for (const p of city.summary) expect(paragraphs.map((x) => x.text)).toContain(p.text);
    // The footnote: metric version and data cut-off.
    const all = paragraphs.map((p) => p.text).join("\n");
    expect(all).toContain(`统计口径：${city.definitions.version}`);
    expect(all).toMatch(/数据截止时间：2026年10月\d+日\d+时\d{2}分/);
  });

  it("names Chinese office fonts, with stock Windows fonts as alternatives", () => {
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    const fonts = files.get("word/fontTable.xml")!.toString("utf8");
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
  });

  it("has tables with repeating header rows, and the KPI and ranking cells equal the metrics'", () => {
    const tables = docxTables(xml);
    expect(tables.length).toBe(6);
    for (const t of tables) expect(t.header[0]).toBe(true);
    const { o, ranking } = metricsFor();
    const kpi = tables[0].rows;
    expect(kpi[0]).toEqual(["指标", "本期", "上期", "环比", "上年同期", "同比"]);
    const rowOf = (label: string) => kpi.find((r) => r[0] === label)!.slice(1);
    expect(rowOf("受理量")).toEqual(kpiCells(o.kpis.volume, "count"));
    expect(rowOf("答复率")).toEqual(kpiCells(o.kpis.replyRate, "percent"));
    expect(rowOf("按时答复率")).toEqual(kpiCells(o.kpis.onTimeRate, "percent"));
    expect(rowOf("办结率")).toEqual(kpiCells(o.kpis.resolutionRate, "percent"));
    expect(rowOf("满意率")).toEqual(kpiCells(o.kpis.satisfactionRate, "percent"));
    expect(rowOf("答复用时中位数（工作日）")).toEqual(kpiCells(o.kpis.medianReplyWorkdays, "days"));
    expect(rowOf("满意率（三率）")).toEqual(kpiCells(o.kpis.satisfactionRate3, "percent"));
    // Ranking: header, then one row per unit in the ranking's order with the departments page's numbers.
    const rows = tables[1].rows.slice(1);
    expect(rows.length).toBe(ranking.length);
    ranking.forEach((r, i) => {
      expect(rows[i][0]).toBe(r.rank === null ? (r.belowMinimumSample ? "不排名" : "—") : String(r.rank));
      expect(rows[i].slice(2)).toEqual([num(r.counts.received), pct(r.replyRate), pct(r.onTimeRate), pct(r.resolutionRate), pct(r.satisfactionRate), oneDecimal("zh-CN", r.replyWorkdays.median), num(r.overdue), oneDecimal("zh-CN", r.composite)]);
    });
    // Overdue by unit, closed by the backlog's total.
    expect(tables[4].rows.at(-1)).toEqual(["合计", "", num(o.backlog.overdue)]);
    // Top 10 topics with count, share, previous count.
    const topics = tables[2].rows.slice(1);
    expect(topics.map((r) => [r[2], r[3], r[4]])).toEqual(o.topTopics.map((t) => [num(t.count), pct(t.share), num(t.previous)]));
  });

  it("embeds the two charts as PNG images with alternative text", () => {
    const media = [...files.entries()].filter(([n]) => n.startsWith("word/media/") && !n.endsWith("/"));
    expect(media.length).toBe(2);
    for (const [, png] of media) expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(xml).toMatch(/<wp:docPr [^>]*title="图1 全市受理量趋势"/);
    expect(xml).toMatch(/<wp:docPr [^>]*title="图2 各承办单位答复率"/);
  });
});

// ---- Excel ----------------------------------------------------------------------------------------------

describe("Excel (.xlsx)", () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load(outputs.xlsx! as unknown as ArrayBuffer);
  });

  it("has the summary, one sheet per table with a frozen header, the trend and the 口径", () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      "通报摘要", "表1 主要指标", "表2 部门排名", "表3 问题分类前十", "表4 热点问题", "表5 超期分单位", "表6 超期明细", "图1数据 受理量趋势", "口径说明",
    ]);
    for (const ws of wb.worksheets.slice(1, 8)) {
      expect(ws.views[0], ws.name).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.getRow(1).font?.bold, ws.name).toBe(true);
    }
    expect(wb.getWorksheet("通报摘要")!.getCell("A1").value).toBe(city.title);
    const notes = wb.getWorksheet("口径说明")!.getColumn(2).values.map(String).join("\n");
    expect(notes).toContain(city.definitions.version);
    expect(notes).toContain("数据截止时间");
  });

  it("stores the metrics' numbers as numbers, with number formats", () => {
    const { o, ranking } = metricsFor();
    const kpi = wb.getWorksheet("表1 主要指标")!;
    const row = (label: string) => {
      let found: ExcelJS.Row | undefined;
      kpi.eachRow((r) => (r.getCell(2).value === label ? (found = r) : undefined));
      return found!;
    };
    const volume = row("受理量");
    expect(volume.getCell(1).value).toBe("办理口径");
    expect(volume.getCell(3).value).toBe(o.kpis.volume.value);
    expect(volume.getCell(3).numFmt).toBe("#,##0");
    expect(volume.getCell(4).value).toBe(o.kpis.volume.previous);
    expect(volume.getCell(5).value).toBe(o.kpis.volume.vsPrevious);
    const reply = row("答复率");
    expect(reply.getCell(3).value).toBe(o.kpis.replyRate.value);
    expect(reply.getCell(3).numFmt).toBe("0.0%");
    expect(reply.getCell(5).value).toBe(o.kpis.replyRate.vsPrevious! * 100);
    expect(reply.getCell(5).numFmt).toContain("个百分点");
    expect(row("解决率（三率）").getCell(1).value).toBe("考核口径“三率”（热线有效回访）");
    const sheet = wb.getWorksheet("表2 部门排名")!;
    expect(sheet.rowCount).toBe(ranking.length + 1);
    ranking.forEach((r, i) => {
      const x = sheet.getRow(i + 2);
      expect(x.getCell(3).value).toBe(r.counts.received);
      expect(x.getCell(4).value).toBe(r.replyRate ?? "—");
      expect(x.getCell(10).value).toBe(r.composite ?? "—");
    });
    const trend = wb.getWorksheet("图1数据 受理量趋势")!;
    expect(trend.getColumn(5).values.slice(2)).toEqual(o.trend.map((b) => b.received));
  });
});

// ---- HTML and PDF ---------------------------------------------------------------------------------------

/** In the page: the characters of the bulletin that some font stack of it would draw as .notdef ("tofu"). */
const MISSING_GLYPHS_SCRIPT = `(() => {
  const style = getComputedStyle(document.querySelector(".bulletin"));
  const stacks = ["--song", "--hei", "--kai", "--fang"].map((v) => style.getPropertyValue(v).trim());
  const canvas = document.createElement("canvas");
  canvas.width = 48; canvas.height = 48;
  const g = canvas.getContext("2d", { willReadFrequently: true });
  const draw = (ch, font) => { g.clearRect(0, 0, 48, 48); g.font = "32px " + font; g.fillText(ch, 4, 36); return g.getImageData(0, 0, 48, 48).data.join(","); };
  const chars = [...new Set([...document.querySelector(".bulletin").innerText].filter((c) => c.trim()))];
  const missing = [];
  for (const font of stacks) {
    const tofu = draw("\\u{10FFFD}", font);
    for (const ch of chars) if (draw(ch, font) === tofu) missing.push(ch + " in " + font.split(",")[0]);
  }
  return missing;
})()`;

const HEADINGS = ["一、总体情况", "二、各单位办理情况", "三、群众反映集中的问题", "四、热点问题", "五、超期未答复情况", "六、典型案例", "附注：统计口径说明"];

describe("HTML (print-ready)", () => {
  it("is one self-contained page: no script, A4 print CSS, the charts as inline SVG", () => {
    const html = outputs.html!.toString("utf8");
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).toMatch(/@page \{ size: A4/);
    expect(html.match(/<svg class="chart-svg"/g)?.length).toBe(2);
    for (const h of HEADINGS) expect(html).toContain(h);
    for (const p of city.summary) expect(html).toContain(p.text.replace(/“/g, "“"));
  });

  it.skipIf(!hasChromium)("prints to an A4 PDF in Chromium with every Chinese character's glyph", async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent(outputs.html!.toString("utf8"), { waitUntil: "load" });
      await page.emulateMedia({ media: "print" });
      const pageText = await page.evaluate(() => document.body.innerText);
      const pdfFile = path.join(dir, "bulletin.pdf");
      await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true });
      const info = spawnSync("pdfinfo", [pdfFile], { encoding: "utf8" });
      expect(info.stdout).toMatch(/Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)|Page size:\s+594\.96 x 841\.92 pts \(A4\)/);
      const text = spawnSync("pdftotext", ["-enc", "UTF-8", pdfFile, "-"], { encoding: "utf8" });
      expect(text.status, text.stderr).toBe(0);
      const flat = text.stdout.replace(/\s+/g, "");
      for (const h of HEADINGS) expect(flat).toContain(h);
      expect(flat).toContain(city.title);
      expect(flat).toContain(`全市共受理群众诉求${num(city.counts.received)}件`);
      expect(text.stdout).not.toContain("\uFFFD");
      // Every distinct CJK character of the page comes back out of the PDF …
      const cjk = (s: string) => new Set([...s].filter((c) => /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/.test(c)));
      expect([...cjk(pageText)].filter((c) => !cjk(text.stdout).has(c))).toEqual([]);
      // … and none is drawn as the .notdef box (a missing glyph can still read back as its character): each
      // character, in each of the bulletin's font stacks, must not draw the same pixels as a code point no
      // font has.
      const missing = await page.evaluate(MISSING_GLYPHS_SCRIPT);
      expect(missing).toEqual([]);
      // Page numbers "— 1 —" from the @page margin box.
      expect(text.stdout).toMatch(/—\s*1\s*—/);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe("file names", () => {
  it("are Chinese, with an ASCII fallback in Content-Disposition (RFC 5987)", async () => {
    const r = await renderBulletin(city, "docx");
    expect(r.fileName).toBe("2026年10月群众诉求办理情况通报.docx");
    expect(r.contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const header = contentDisposition(r);
    expect(header).toBe(`attachment; filename="minyi-bulletin-2026-10.docx"; filename*=UTF-8''${encodeURIComponent("2026年10月群众诉求办理情况通报.docx")}`);
  });
});

// ---- Command line ---------------------------------------------------------------------------------------

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "app/bulletin/cli.ts", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run bulletin", () => {
  it("writes the file named by --out and reports it as JSON", () => {
    const out = path.join(dir, "cli.docx");
    const r = cli(["--db", dbFile, "--period", PERIOD, "--department", "市住房和城乡建设局", "--out", out, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(json).toMatchObject({ file: out, format: "docx", period: PERIOD, title: "市住房和城乡建设局2026年10月群众诉求办理情况通报" });
    expect(fs.statSync(out).size).toBe(json.bytes);
    expect(readZip(fs.readFileSync(out)).has("word/document.xml")).toBe(true);
  }, 60_000);

  it("answers usage errors with exit code 2 and a message naming the problem", () => {
    const out = path.join(dir, "x.html");
    const cases: [string[], RegExp][] = [
      [["--db", dbFile, "--period", "2026-13", "--out", out], /统计期有误.*2026-13/],
      [["--db", dbFile, "--period", PERIOD, "--department", "市不存在局", "--out", out], /没有名为“市不存在局”的承办单位/],
      [["--db", dbFile, "--period", PERIOD, "--format", "pdf", "--out", out], /unknown --format "pdf"/],
      [["--db", dbFile, "--period", PERIOD, "--out", path.join(dir, "no-such-folder", "x.docx")], /folder .* does not exist/],
      [["--db", dbFile, "--out", out], /--period is required/],
      [["--db", path.join(dir, "missing.db"), "--period", PERIOD, "--out", out], /does not exist/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain("Usage: npm run bulletin");
    }
    expect(fs.existsSync(out)).toBe(false);
  }, 90_000);
});
