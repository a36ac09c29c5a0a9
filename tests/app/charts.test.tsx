// Chart components render on the server only: these tests read the static markup (no DOM), with small regex helpers.
// (Relative import: vitest.config.ts has no "~/" alias.)
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  BarChart,
  CATEGORICAL_COLORS,
  CHANNEL_COLORS,
  DEADLINE_COLORS,
  LineChart,
  SENTIMENT_COLORS,
  Sparkline,
  StackedBarChart,
  formatValue,
  type BarRow,
  type LineSeries,
  type StackCategory,
  type StackRow,
} from "../../app/components/charts";

const texts = { title: "每日互动量", description: "各渠道每日新增条数。", tableLabel: "查看数据表", emptyText: "暂无数据" };

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&");
}
const stripTags = (s: string) => decode(s.replace(/<[^>]*>/g, ""));

/** The markup between <svg class="chart-svg" …> and its </svg> (the chart itself, not legend swatches). */
function chartSvg(html: string): string {
  const start = html.indexOf('<svg class="chart-svg"');
  expect(start).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf("</svg>", start) + 6);
}
function tableOf(html: string): string {
  const m = /<table>([\s\S]*)<\/table>/.exec(html);
  expect(m).not.toBeNull();
  return m![1];
}
/** Texts of the <title> children of marks (the SVG's own <title id=…> excluded). */
function tooltips(svg: string): string[] {
  return [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => decode(m[1]));
}
/** Table rows as arrays of cell texts (th and td), header row first. */
function tableRows(html: string): string[][] {
  return [...tableOf(html).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((tr) =>
    [...tr[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => stripTags(c[1])),
  );
}
function attrs(svg: string, tag: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(`<${tag}\\b[^>]*?\\s${name}="([^"]*)"`, "g"))].map((m) => m[1]);
}
const viewBox = (html: string) => /<svg class="chart-svg" viewBox="([^"]+)"/.exec(html)?.[1];

const days = ["10-01", "10-02", "10-03", "10-04", "10-05"];
const lineSeries: LineSeries[] = [
  {
    key: "hotline",
    label: "热线",
    color: CHANNEL_COLORS.hotline,
    points: [
      { x: "10-01", y: 128 },
      { x: "10-02", y: 1234 },
      { x: "10-03", y: null },
      { x: "10-04", y: 96, href: "/items?channel=hotline&day=10-04" },
      { x: "10-05", y: 12345 },
    ],
  },
  { key: "mailbox", label: "信箱", color: CHANNEL_COLORS.mailbox, points: days.map((x, i) => ({ x, y: 10 * (i + 1) })) },
];
const line = (series: LineSeries[] = lineSeries, format: "count" | "percent" | "days" = "count", unit?: string) =>
  renderToStaticMarkup(<LineChart {...texts} xLabel="日期" format={format} unit={unit} series={series} />);

describe("formatValue", () => {
  it("counts with thousands separators, rates with one decimal, days with a unit, null as a dash", () => {
    expect(formatValue(1234567, "count")).toBe("1,234,567");
    expect(formatValue(0.853, "percent")).toBe("85.3%");
    expect(formatValue(1, "percent")).toBe("100.0%");
    expect(formatValue(3.456, "days", " 天")).toBe("3.5 天");
    expect(formatValue(null, "count")).toBe("—");
    expect(formatValue(Number.NaN, "percent")).toBe("—");
  });
});

describe("palette", () => {
  const contrastOnWhite = (hex: string) => {
    const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const v = parseInt(hex.slice(1), 16);
    const l = 0.2126 * lin(((v >> 16) & 255) / 255) + 0.7152 * lin(((v >> 8) & 255) / 255) + 0.0722 * lin((v & 255) / 255);
    return 1.05 / (l + 0.05);
  };
  it("has 8 distinct categorical colours and one colour per channel, sentiment and deadline state, all ≥ 3:1 on white", () => {
    expect(CATEGORICAL_COLORS).toHaveLength(8);
    expect(new Set(CATEGORICAL_COLORS).size).toBe(8);
    expect(Object.keys(CHANNEL_COLORS)).toEqual(["hotline", "mailbox", "weibo"]);
    expect(Object.keys(SENTIMENT_COLORS)).toEqual(["negative", "neutral", "positive"]);
    expect(Object.keys(DEADLINE_COLORS)).toEqual(["dueSoon", "overdue"]);
    const all = [...CATEGORICAL_COLORS, ...Object.values(CHANNEL_COLORS), ...Object.values(SENTIMENT_COLORS), ...Object.values(DEADLINE_COLORS)];
    for (const c of all) {
      expect(c).toMatch(/^#[0-9A-F]{6}$/i);
      expect(contrastOnWhite(c), c).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(Object.values(CHANNEL_COLORS)).size).toBe(3);
  });
});

describe("LineChart", () => {
  it("has a fixed viewBox, the same for the same input, scaled to the container", () => {
    const a = line();
    expect(viewBox(a)).toBe("0 0 420 240");
    expect(line()).toBe(a);
    expect(a).toContain('width="100%"');
    expect(a).toContain('preserveAspectRatio="xMidYMid meet"');
    expect(a).not.toMatch(/<svg class="chart-svg"[^>]*\sheight=/);
  });

  it("names the SVG by its <title> and <desc> through aria-labelledby, and shows the title as a heading", () => {
    const html = line();
    const labelledBy = /<svg class="chart-svg"[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/.exec(html)?.[1];
    expect(labelledBy).toBeDefined();
    const [titleId, descId] = labelledBy!.split(" ");
    expect(html).toContain(`<title id="${titleId}">每日互动量</title>`);
    expect(html).toContain(`<desc id="${descId}">各渠道每日新增条数。</desc>`);
    expect(html).toMatch(/^<figure class="chart"><figcaption><h3 class="chart-title">每日互动量<\/h3><p class="chart-description">各渠道每日新增条数。<\/p><\/figcaption>/);
    expect(html).toContain("<details class=\"chart-data\"><summary>查看数据表</summary>");
    // Two charts on one page get different ids.
    const two = renderToStaticMarkup(
      <>
        <LineChart {...texts} xLabel="日期" format="count" series={lineSeries} />
        <LineChart {...texts} xLabel="日期" format="count" series={lineSeries} />
      </>,
    );
    const ids = [...two.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("shows in the table exactly the numbers of the tooltips, one row per x and one column per series", () => {
    const html = line();
    const tips = tooltips(chartSvg(html));
    expect(tips).toContain("热线 · 10-02: 1,234");
    expect(tips).toContain("热线 · 10-05: 12,345");
    expect(tips).toContain("信箱 · 10-03: 30");
    expect(tips.filter((t) => t.startsWith("热线 · "))).toHaveLength(4); // the null point has no mark

    const rows = tableRows(html);
    expect(rows).toEqual([
      ["日期", "热线", "信箱"],
      ["10-01", "128", "10"],
      ["10-02", "1,234", "20"],
      ["10-03", "—", "30"],
      ["10-04", "96", "40"],
      ["10-05", "12,345", "50"],
    ]);
    // Every tooltip "series · x: value" is the table cell at (x, series).
    const header = rows[0];
    for (const tip of tips.filter((t) => t.includes(" · "))) {
      const m = /^(.+) · (.+): (.+)$/.exec(tip)!;
      const row = rows.find((r) => r[0] === m[2])!;
      expect(row[header.indexOf(m[1])]).toBe(m[3]);
    }
  });

  it("formats percent and days the same in tooltips and table", () => {
    const pct = line([{ key: "r", label: "办结率", color: "#0072B2", points: [{ x: "2026-09", y: 0.853 }, { x: "2026-10", y: 0.9 }] }], "percent");
    expect(tooltips(chartSvg(pct))).toEqual(["办结率", "办结率 · 2026-09: 85.3%", "办结率 · 2026-10: 90.0%"]);
    expect(tableRows(pct).slice(1)).toEqual([["2026-09", "85.3%"], ["2026-10", "90.0%"]]);
    // Zero baseline, and the top tick of a rate below 1 is 100%.
    expect(stripTags(chartSvg(pct))).toContain("0%");
    expect(stripTags(chartSvg(pct))).toContain("100%");

    const d = line([{ key: "d", label: "平均办理时长", color: "#0072B2", points: [{ x: "10月", y: 3.46 }] }], "days", " 天");
    expect(tooltips(chartSvg(d))).toContain("平均办理时长 · 10月: 3.5 天");
    expect(tableRows(d)[1]).toEqual(["10月", "3.5 天"]);
  });

  it("breaks the line at a null value: two path segments", () => {
    const html = line();
    const [hotline, mailbox] = attrs(chartSvg(html), "path", "d");
    expect(hotline.match(/M/g)).toHaveLength(2);
    expect(hotline.match(/L/g)).toHaveLength(2); // 10-01→10-02, then 10-04→10-05
    expect(mailbox.match(/M/g)).toHaveLength(1);
  });

  it("puts y = 0 on the baseline and the largest value below the top of the plot", () => {
    const html = line([{ key: "a", label: "A", color: "#0072B2", points: [{ x: "1", y: 0 }, { x: "2", y: 100 }] }]);
    const cy = attrs(chartSvg(html), "circle", "cy").map(Number);
    // Plot from y=12 (top) to 240-42=198 (baseline); 100 is the top tick after nice().
    expect(cy).toEqual([198, 12]);
  });

  it("links a point with an href in the SVG and in its table cell (escaped &)", () => {
    const html = line();
    const href = 'href="/items?channel=hotline&amp;day=10-04"';
    expect(chartSvg(html)).toContain(`<a ${href}><circle`);
    expect(tableOf(html)).toContain(`<a ${href}>96</a>`);
    expect(html.split(href)).toHaveLength(3);
  });

  it("beyond 40 x values draws dots only for linked points", () => {
    const xs = Array.from({ length: 60 }, (_, i) => `d${i}`);
    const html = line([{ key: "a", label: "A", color: "#0072B2", points: xs.map((x, i) => ({ x, y: i, href: i === 7 ? "/d7" : undefined })) }]);
    const svg = chartSvg(html);
    expect(attrs(svg, "circle", "cx")).toHaveLength(1);
    expect(tooltips(svg)).toEqual(["A", "A · d7: 7"]);
    expect(tableRows(html)).toHaveLength(61);
  });

  it("shows the empty state when there are no series or only null values", () => {
    for (const series of [[], [{ key: "a", label: "A", color: "#000000", points: [{ x: "10-01", y: null }] }]]) {
      const html = line(series);
      expect(html).toContain("每日互动量");
      expect(html).toContain('<p class="empty chart-empty">暂无数据</p>');
      expect(html).not.toContain("<svg");
      expect(html).not.toContain("<table");
    }
  });
});

const barRows: BarRow[] = [
  { key: "a", label: "小区物业管理与停车位收费纠纷问题", value: 200, href: "/topics/a", note: "+35%" },
  { key: "b", label: "噪音扰民", value: 100 },
  { key: "c", label: "<script>alert(1)</script>", value: 50 },
  { key: "d", label: "供暖", value: null },
];
const bar = (rows: BarRow[] = barRows, format: "count" | "percent" | "days" = "count") =>
  renderToStaticMarkup(<BarChart {...texts} title="热点话题" format={format} valueLabel="条数" labelHeading="话题" noteLabel="变化" rows={rows} />);

describe("BarChart", () => {
  it("grows the viewBox height with the row count, same for the same input", () => {
    expect(viewBox(bar())).toBe("0 0 420 116"); // 2 × 6 padding + 4 × 26
    expect(viewBox(bar(barRows.slice(0, 2)))).toBe("0 0 420 64");
    expect(bar()).toBe(bar());
  });

  it("draws bar lengths proportional to the values", () => {
    const widths = attrs(chartSvg(bar()), "rect", "width").map(Number);
    expect(widths).toHaveLength(3); // no bar for null
    expect(widths[0]).toBeGreaterThan(150);
    expect(widths[1] / widths[0]).toBeCloseTo(0.5, 2);
    expect(widths[2] / widths[0]).toBeCloseTo(0.25, 2);
    const xs = new Set(attrs(chartSvg(bar()), "rect", "x"));
    expect(xs.size).toBe(1); // all bars start at the same baseline
  });

  it("cuts long labels with an ellipsis in the SVG but keeps them whole in the tooltip and the table", () => {
    const html = bar();
    const svg = chartSvg(html);
    expect(svg).toContain(">小区物业管理与停车…</text>");
    expect(tooltips(svg)).toEqual([
      "小区物业管理与停车位收费纠纷问题: 200 · +35%",
      "噪音扰民: 100",
      "<script>alert(1)</script>: 50",
      "供暖: —",
    ]);
    expect(tableRows(html)).toEqual([
      ["话题", "条数", "变化"],
      ["小区物业管理与停车位收费纠纷问题", "200", "+35%"],
      ["噪音扰民", "100", ""],
      ["<script>alert(1)</script>", "50", ""],
      ["供暖", "—", ""],
    ]);
  });

  it("labels bars with the same formatted numbers as the table (percent)", () => {
    const html = bar([{ key: "x", label: "朝阳区", value: 0.853 }, { key: "y", label: "海淀区", value: 0.9 }], "percent");
    const values = [...chartSvg(html).matchAll(/<text[^>]*class="chart-value"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(values).toEqual(["85.3%", "90.0%"]);
    expect(tableRows(html).slice(1).map((r) => r[1])).toEqual(values);
  });

  it("escapes labels (no live <script>)", () => {
    const html = bar();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("links rows with an href in the SVG and in the table", () => {
    const html = bar();
    expect(chartSvg(html)).toMatch(/<a href="\/topics\/a"><g class="chart-bar" data-key="a">/);
    expect(tableOf(html)).toContain('<a href="/topics/a">200</a>');
    expect(html.match(/<a /g)).toHaveLength(2);
  });

  it("shows the empty state for no rows or only null values", () => {
    for (const rows of [[], [{ key: "a", label: "A", value: null }]]) {
      const html = bar(rows);
      expect(html).toContain("<h3 class=\"chart-title\">热点话题</h3>");
      expect(html).toContain("暂无数据");
      expect(html).not.toContain("<svg");
    }
  });
});

type Sent = "negative" | "neutral" | "positive";
const categories: StackCategory<Sent>[] = [
  { key: "negative", label: "负面", color: SENTIMENT_COLORS.negative },
  { key: "neutral", label: "中性", color: SENTIMENT_COLORS.neutral },
  { key: "positive", label: "正面", color: SENTIMENT_COLORS.positive },
];
const stackRows: StackRow<Sent>[] = [
  { key: "hotline", label: "热线", values: { negative: 120, neutral: 300, positive: 80 }, hrefs: { negative: "/items?channel=hotline&sentiment=negative" } },
  { key: "weibo", label: "微博评论", values: { negative: 25, neutral: 0, positive: 225 } },
];
const stacked = (mode: "count" | "share", rows = stackRows) =>
  renderToStaticMarkup(
    <StackedBarChart {...texts} title="情感分布" categories={categories} rows={rows} mode={mode} labelHeading="渠道" totalLabel="合计" />,
  );

describe("StackedBarChart", () => {
  it("has a fixed viewBox from the row count", () => {
    expect(viewBox(stacked("count"))).toBe("0 0 420 68"); // 2 × 6 + 2 × 28
    expect(stacked("share")).toBe(stacked("share"));
  });

  it("count mode: segment lengths proportional to counts across rows", () => {
    const svg = chartSvg(stacked("count"));
    const w = attrs(svg, "rect", "width").map(Number); // hotline 120, 300, 80; weibo 25, 225 (0 is not drawn)
    expect(w).toHaveLength(5);
    expect(w[1] / w[0]).toBeCloseTo(300 / 120, 2);
    expect(w[3] / w[0]).toBeCloseTo(25 / 120, 2);
    expect((w[3] + w[4]) / (w[0] + w[1] + w[2])).toBeCloseTo(250 / 500, 2);
    expect(tooltips(svg)).toContain("热线 · 中性: 300");
  });

  it("share mode: 100% bars; the table shows share and count like the tooltips", () => {
    const html = stacked("share");
    const svg = chartSvg(html);
    const w = attrs(svg, "rect", "width").map(Number);
    expect(w[0] + w[1] + w[2]).toBeCloseTo(w[3] + w[4], 1);
    expect(w[0] / (w[0] + w[1] + w[2])).toBeCloseTo(0.24, 2);
    const tips = tooltips(svg).filter((t) => t.includes(": "));
    expect(tips).toEqual(["热线 · 负面: 24.0% (120)", "热线 · 中性: 60.0% (300)", "热线 · 正面: 16.0% (80)", "微博评论 · 负面: 10.0% (25)", "微博评论 · 正面: 90.0% (225)"]);
    expect(tableRows(html)).toEqual([
      ["渠道", "负面", "中性", "正面", "合计"],
      ["热线", "24.0% (120)", "60.0% (300)", "16.0% (80)", "500"],
      ["微博评论", "10.0% (25)", "0.0% (0)", "90.0% (225)", "250"],
    ]);
  });

  it("links a segment with an href and its table cell", () => {
    const html = stacked("count");
    const href = 'href="/items?channel=hotline&amp;sentiment=negative"';
    expect(chartSvg(html)).toContain(`<a ${href}><g class="chart-segment" data-category="negative">`);
    expect(tableOf(html)).toContain(`<a ${href}>120</a>`);
  });

  it("shows the empty state when every row totals zero", () => {
    const html = stacked("share", [{ key: "x", label: "X", values: { negative: 0 } }]);
    expect(html).toContain("暂无数据");
    expect(html).not.toContain("<svg");
  });
});

describe("Sparkline", () => {
  it("has the fixed 0 0 100 24 viewBox, an accessible name and a gap for null", () => {
    const html = renderToStaticMarkup(<Sparkline points={[3, 5, null, 4, 8]} label="近5天 <热线>" color="#009E73" />);
    expect(html).toMatch(/^<svg class="sparkline" viewBox="0 0 100 24" width="100%"[^>]* role="img" aria-label="近5天 &lt;热线&gt;">/);
    const d = attrs(html, "path", "d")[0];
    expect(d.match(/M/g)).toHaveLength(2);
    // Min–max scaled: 3 at the bottom (21.5), 8 at the top (2.5); x spread 2.5…97.5.
    expect(d.startsWith("M2.5,21.5")).toBe(true);
    expect(d.endsWith("97.5,2.5")).toBe(true);
    expect(html).toContain('stroke="#009E73"');
  });

  it("draws a flat line for equal values and nothing for all nulls", () => {
    expect(attrs(renderToStaticMarkup(<Sparkline points={[2, 2, 2]} label="平稳" />), "path", "d")[0]).toBe("M2.5,12L50,12L97.5,12");
    const none = renderToStaticMarkup(<Sparkline points={[null, null]} label="无数据" />);
    expect(none).not.toContain("<path");
    expect(none).toContain('aria-label="无数据"');
  });
});
