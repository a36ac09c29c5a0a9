// The bulletin's sentences: one function per paragraph, each a template filled from the model's numbers (never
// free text that could drift from them). Formal Chinese, as a municipal 通报 writes it.
import type { Backlog } from "../../db/metrics/backlog";
import type { Compared } from "../../db/metrics/comparison";
import type { TopicCount } from "../../db/metrics/topics";
import type { Channel } from "../../db/schema";
import { changeMagnitude, count, dateTimeCn, decimal, figureValue, isFlat, percent } from "./format";
import type { BulletinHotIssue, BulletinKpi, BulletinModel, BulletinRankingRow } from "./types";

/** Channel names as the bulletin writes them. */
export const CHANNEL_NAMES: Record<Channel, string> = { hotline: "热线", mailbox: "信箱", weibo: "微博评论" };

/**
 * 环比 / 同比 of a figure in words: "环比上升12.3%", "环比下降1.3个百分点", "同比持平", or, without a
 * comparison base, "上期无数据" / "上年同期无数据". Counts change relatively, rates in percentage points.
 */
export function changePhrase(c: Compared, which: "previous" | "yearAgo"): string {
  const label = which === "previous" ? "环比" : "同比";
  const change = which === "previous" ? c.vsPrevious : c.vsYearAgo;
  if (change === null) return which === "previous" ? "上期无数据" : "上年同期无数据";
  if (isFlat(c.kind, change)) return `${label}持平`;
  return `${label}${change > 0 ? "上升" : "下降"}${changeMagnitude(c.kind, change)}`;
}

/** Both comparisons, "环比上升12.3%，同比下降4.5%". */
export function comparisons(c: Compared): string {
  return `${changePhrase(c, "previous")}，${changePhrase(c, "yearAgo")}`;
}

/** "答复率为95.2%，环比上升1.3个百分点，同比持平", or "答复率暂无数据". */
export function figureSentence(label: string, c: Compared, format: "count" | "percent" | "days", unit = ""): string {
  if (c.value === null) return `${label}暂无数据`;
  return `${label}为${figureValue(c.value, format)}${unit}，${comparisons(c)}`;
}

const join = (parts: string[]) => parts.join("、");

export interface VolumeInput {
  periodLabel: string;
  /** The department's name, or null for the whole city. */
  department: string | null;
  volume: Compared;
  byChannel: Record<Channel, number>;
  scope: "assessed" | "all";
  excluded: number;
}

/** 一、总体情况: how many items, by channel, with 环比 and 同比. */
export function volumeParagraph(v: VolumeInput): string {
  const who = v.department ? `${v.department}共承办` : "全市共受理";
  const received = v.volume.value ?? 0;
  if (received === 0) return `${v.periodLabel}，${v.department ?? "全市"}未${v.department ? "承办" : "受理"}群众诉求（${comparisons(v.volume)}）。`;
  const channels = (Object.keys(CHANNEL_NAMES) as Channel[]).filter((c) => v.byChannel[c] > 0).map((c) => `${CHANNEL_NAMES[c]}${count(v.byChannel[c])}件`);
  const excluded = v.scope === "all" && v.excluded > 0 ? `（含经审核剔除的${count(v.excluded)}件）` : "";
  return `${v.periodLabel}，${who}群众诉求${count(received)}件${excluded}，其中${join(channels)}；${comparisons(v.volume)}。`;
}

const kpi = (kpis: BulletinKpi[], key: BulletinKpi["key"]) => kpis.find((k) => k.key === key);

/** 办理情况: the operational rates, the median time to reply and the negative share. */
export function ratesParagraph(kpis: BulletinKpi[]): string {
  const parts: string[] = [];
  for (const key of ["replyRate", "onTimeRate", "resolutionRate", "satisfactionRate"] as const) {
    const k = kpi(kpis, key);
    if (k) parts.push(figureSentence(k.label, k.figure, "percent"));
  }
  const median = kpi(kpis, "medianReplyWorkdays");
  if (median) parts.push(figureSentence("答复用时中位数", median.figure, "days", median.figure.value === null ? "" : "个工作日"));
  let text = `从办理情况看，${parts.join("；")}。`;
  const negative = kpi(kpis, "negativeShare");
  if (negative && negative.figure.value !== null) text += `群众反馈中负面情绪${figureSentence("占比", negative.figure, "percent")}。`;
  return text;
}

/** 考核口径“三率” over valid return visits (hotline); said to be missing when an assessment bulletin has none. */
export function assessmentParagraph(kpis: BulletinKpi[], validVisits: number, assessment: boolean): string | null {
  if (validVisits === 0) return assessment ? "本期无热线有效回访，考核口径“三率”（响应率、解决率、满意率）暂无数据。" : null;
  const parts = (["responseRate3", "solvedRate3", "satisfactionRate3"] as const).map((key) => {
    const k = kpi(kpis, key)!;
    return figureSentence(k.label.replace(/（三率）$/, ""), k.figure, "percent");
  });
  return `按考核口径（热线有效回访${count(validVisits)}件）计算，${parts.join("；")}。`;
}

/** 待办情况 as of the data cut-off: open, overdue and due soon, and the units with the most overdue items. */
export function backlogParagraph(
  backlog: Backlog,
  byDepartment: { departmentId: number | null; name: string; overdue: number }[],
  dueSoonWorkdays: number,
  department: string | null,
): string {
  const when = `截至${dateTimeCn(backlog.asOf)}（数据截止时间）`;
  if (backlog.open === 0) return `${when}，${department ?? "全市"}无未答复的诉求。`;
  let text = `${when}，${department ?? "全市"}尚未答复的诉求共${count(backlog.open)}件，其中已超期${count(backlog.overdue)}件、临期（${dueSoonWorkdays}个工作日内到期）${count(backlog.dueSoon)}件。`;
  if (department) return text;
  const worst = byDepartment.filter((d) => d.departmentId !== null && d.overdue > 0).slice(0, 3);
  if (worst.length > 0) text += `超期件数较多的单位依次为${join(worst.map((d) => `${d.name}（${count(d.overdue)}件）`))}`;
  const unrouted = byDepartment.find((d) => d.departmentId === null && d.overdue > 0);
  if (unrouted) text += `${worst.length > 0 ? "；另有" : "超期件中"}尚未分派承办单位的${count(unrouted.overdue)}件`;
  return worst.length > 0 || unrouted ? `${text}。` : text;
}

export interface RankingInput {
  rows: BulletinRankingRow[];
  top: BulletinRankingRow[];
  bottom: BulletinRankingRow[];
  unranked: BulletinRankingRow[];
  minimumSample: number;
  weights: { reply: number; resolution: number; satisfaction: number };
}

/** The composite score's rule in words: "答复率×0.1＋办结率×0.5＋满意率×0.4". */
export function compositeRule(w: RankingInput["weights"]): string {
  return `答复率×${w.reply}＋办结率×${w.resolution}＋满意率×${w.satisfaction}`;
}

/** 各单位办理情况: 红榜 and 黑榜 (city), or the department's place in the city ranking. */
export function rankingParagraph(r: RankingInput, department: { id: number; name: string } | null): string {
  const rule = `按综合得分（${compositeRule(r.weights)}，百分制）排名`;
  const ranked = r.rows.filter((row) => row.rank !== null);
  const sample = `统计期内受理少于${r.minimumSample}件的单位列示但不参与排名`;
  if (department) {
    const own = r.rows.find((row) => row.departmentId === department.id);
    if (!own) return `${department.name}本期无承办诉求，不参与排名。`;
    if (own.rank === null) return `${department.name}本期承办诉求${count(own.received)}件，${own.belowMinimumSample ? `少于${r.minimumSample}件，列示但不参与排名` : "暂无可计算的综合得分，不参与排名"}。`;
    return `${rule}，${department.name}本期综合得分${decimal(own.composite)}分，在参与排名的${count(ranked.length)}个单位中位列第${own.rank}名。`;
  }
  if (ranked.length === 0) return `本期没有受理量达到${r.minimumSample}件的单位，不作排名（${sample}）。`;
  let text = `${rule}，本期参与排名的单位共${count(ranked.length)}个。`;
  if (r.top.length > 0) {
    text += `${join(r.top.map((row) => `${row.name}（${decimal(row.composite)}分）`))}位列前${r.top.length}名，列入红榜；`;
    text += `${join(r.bottom.map((row) => `${row.name}（${decimal(row.composite)}分）`))}位列后${r.bottom.length}名，列入黑榜。`;
  }
  const unranked = r.unranked.filter((row) => row.departmentId !== null);
  text += unranked.length > 0 ? `${sample}，本期共${count(unranked.length)}个。` : `${sample}。`;
  return text;
}

/** 群众反映集中的问题: the three largest topics with their share and 环比. */
export function topicsParagraph(topics: TopicCount[]): string | null {
  if (topics.length === 0) return null;
  const parts = topics.slice(0, 3).map((t) => {
    const change = t.change === null ? "上期无数据" : isFlat("count", t.change) ? "环比持平" : `环比${t.change > 0 ? "上升" : "下降"}${changeMagnitude("count", t.change)}`;
    return `${t.name}（${count(t.count)}件，占${percent(t.share)}，${change}）`;
  });
  return `从问题分类看，群众反映较为集中的是${join(parts)}。`;
}

/** 热点问题: how many clusters and the hottest ones. */
export function hotParagraph(clusters: BulletinHotIssue[]): string | null {
  if (clusters.length === 0) return null;
  const top = clusters.slice(0, 3).map((c) => `“${c.label}”（${count(c.itemCount)}件，${count(c.writerCount)}人反映）`);
  return `经相似内容和同一地点聚类，本期共有${count(clusters.length)}个多人反映的热点问题，热度较高的有${join(top)}。`;
}

/** The summary paragraphs in order, from the model's numbers. */
export function summaryParagraphs(m: Omit<BulletinModel, "summary" | "footnote">, dueSoonWorkdays: number): { key: string; text: string }[] {
  const volume = m.kpis.find((k) => k.key === "volume")!;
  const out: { key: string; text: string | null }[] = [
    { key: "volume", text: volumeParagraph({ periodLabel: m.period.label, department: m.department?.name ?? null, volume: volume.figure, byChannel: m.byChannel, scope: m.scope, excluded: m.counts.excluded }) },
    { key: "rates", text: ratesParagraph(m.kpis) },
    { key: "assessment", text: assessmentParagraph(m.kpis, m.counts.validVisits, m.assessment) },
    { key: "backlog", text: backlogParagraph(m.backlog, m.overdue.byDepartment, dueSoonWorkdays, m.department?.name ?? null) },
    { key: "ranking", text: rankingParagraph(m.ranking, m.department) },
    { key: "topics", text: topicsParagraph(m.topics) },
    { key: "hot", text: hotParagraph(m.hot.clusters) },
  ];
  return out.filter((p): p is { key: string; text: string } => p.text !== null);
}
