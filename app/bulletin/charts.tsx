// The bulletin's charts, drawn by the dashboard's own chart components: the HTML bulletin shows them as they
// are; the Word bulletin gets each one's SVG made standalone and rasterised (raster.server.ts).
import type { ReactElement } from "react";
import { BarChart, CATEGORICAL_COLORS, CHANNEL_COLORS, LineChart, type LegendItem } from "../components/charts";
import type { Channel } from "../../db/schema";
import type { BulletinModel } from "./types";
import { CHANNEL_NAMES } from "./wording";

export interface BulletinChart {
  key: "volumeTrend" | "replyRateByDepartment";
  /** "图1" … in the order the bulletin prints them. */
  number: string;
  title: string;
  description: string;
  legend: LegendItem[];
  element: ReactElement;
}

const CHANNEL_ORDER: Channel[] = ["hotline", "mailbox", "weibo"];

/** Fonts for text inside chart images: the CJK fonts of Chinese office machines first, then Noto (Linux). */
export const CHART_FONT_FAMILY = "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

const texts = (title: string, description: string) => ({ title, description, tableLabel: "数据表", emptyText: "本期无数据", headingLevel: 3 as const });

/** The two charts of the issue: the volume trend by channel, and the reply rate of each ranked unit. */
export function bulletinCharts(m: BulletinModel): BulletinChart[] {
  const byDay = m.trend.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(m.trend[0].key);
  const legend = CHANNEL_ORDER.map((c) => ({ key: c, label: CHANNEL_NAMES[c], color: CHANNEL_COLORS[c] }));
  const volumeTitle = `${m.subject}受理量趋势`;
  const volumeDesc = `统计期内${byDay ? "每日" : "每月"}各渠道受理的诉求件数。`;
  const volume = (
    <LineChart
      {...texts(`图1 ${volumeTitle}`, volumeDesc)}
      xLabel={byDay ? "日期" : "月份"}
      format="count"
      series={CHANNEL_ORDER.map((c) => ({ key: c, label: CHANNEL_NAMES[c], color: CHANNEL_COLORS[c], points: m.trend.map((b) => ({ x: b.label, y: b.byChannel[c] ?? 0 })) }))}
    />
  );
  // Units under the minimum sample are left out: a rate over three items is noise, not a comparison.
  const units = m.ranking.rows
    .filter((r) => r.departmentId !== null && !r.belowMinimumSample && r.replyRate !== null)
    .sort((a, b) => b.replyRate! - a.replyRate! || b.received - a.received || a.name.localeCompare(b.name, "zh-CN"));
  const replyTitle = "各承办单位答复率";
  const replyDesc = `受理${m.ranking.minimumSample}件及以上的承办单位的答复率，由高到低排列${m.department ? `；${m.department.name}以橙色标示` : ""}。`;
  const reply = (
    <BarChart
      {...texts(`图2 ${replyTitle}`, replyDesc)}
      format="percent"
      valueLabel="答复率"
      labelHeading="承办单位"
      rows={units.map((r) => ({
        key: String(r.departmentId),
        label: r.shortName,
        value: r.replyRate,
        color: m.department && r.departmentId === m.department.id ? CATEGORICAL_COLORS[1] : CATEGORICAL_COLORS[0],
      }))}
    />
  );
  return [
    { key: "volumeTrend", number: "图1", title: volumeTitle, description: volumeDesc, legend, element: volume },
    { key: "replyRateByDepartment", number: "图2", title: replyTitle, description: replyDesc, legend: [], element: reply },
  ];
}
