// The bulletin's sentences: up / down / flat / no comparison data, counts vs rates, and the paragraph templates.
import { describe, expect, it } from "vitest";
import { compare } from "../../db/metrics/comparison";
import { changeCell } from "../../app/bulletin/format";
import type { BulletinKpi, BulletinRankingRow } from "../../app/bulletin/types";
import {
  assessmentParagraph, backlogParagraph, changePhrase, hotParagraph, rankingParagraph, ratesParagraph, topicsParagraph, volumeParagraph,
} from "../../app/bulletin/wording";

const asOf = Date.parse("2026-10-31T18:40:00+08:00");

describe("changePhrase", () => {
  it("writes counts as relative changes: up, down, flat, no base", () => {
    expect(changePhrase(compare(1123, 1000, 900, "count"), "previous")).toBe("环比上升12.3%");
    expect(changePhrase(compare(1123, 1000, 1250, "count"), "yearAgo")).toBe("同比下降10.2%");
    expect(changePhrase(compare(1000, 1000, null, "count"), "previous")).toBe("环比持平");
    // Rounds to 0.0% at one decimal: written as flat, as the table prints it.
    expect(changePhrase(compare(100_001, 100_000, null, "count"), "previous")).toBe("环比持平");
    expect(changePhrase(compare(10, null, null, "count"), "previous")).toBe("上期无数据");
    expect(changePhrase(compare(10, 0, null, "count"), "previous")).toBe("上期无数据");
    expect(changePhrase(compare(10, 8, null, "count"), "yearAgo")).toBe("上年同期无数据");
  });

  it("writes rates as percentage-point differences", () => {
    expect(changePhrase(compare(0.952, 0.939, null, "rate"), "previous")).toBe("环比上升1.3个百分点");
    expect(changePhrase(compare(0.90, 0.95, null, "rate"), "previous")).toBe("环比下降5.0个百分点");
    expect(changePhrase(compare(0.9, 0.9, 0.9004, "rate"), "yearAgo")).toBe("同比持平");
    expect(changePhrase(compare(0.9, null, null, "rate"), "previous")).toBe("上期无数据");
  });

  it("prints the same rule in table cells", () => {
    expect(changeCell(compare(1123, 1000, null, "count"), "previous")).toBe("+12.3%");
    expect(changeCell(compare(0.90, 0.95, null, "rate"), "previous")).toBe("-5.0个百分点");
    expect(changeCell(compare(1000, 1000, null, "count"), "previous")).toBe("持平");
    expect(changeCell(compare(1000, null, null, "count"), "previous")).toBe("—");
  });
});

const kpi = (key: BulletinKpi["key"], label: string, value: number | null, previous: number | null, yearAgo: number | null, format: BulletinKpi["format"] = "percent"): BulletinKpi => ({
  key, label, format, family: key.endsWith("3") ? "assessment" : "operational",
  figure: compare(value, previous, yearAgo, format === "percent" ? "rate" : "count"),
});

describe("paragraphs", () => {
  it("volume: the total, the channels and both comparisons", () => {
    const text = volumeParagraph({
      periodLabel: "2026年10月", department: null, volume: compare(1234, 1100, null, "count"),
      byChannel: { hotline: 1000, mailbox: 234, weibo: 0 }, scope: "assessed", excluded: 0,
    });
    expect(text).toBe("2026年10月，全市共受理群众诉求1,234件，其中热线1,000件、信箱234件；环比上升12.2%，上年同期无数据。");
    const dept = volumeParagraph({
      periodLabel: "2026年10月", department: "市住房和城乡建设局", volume: compare(56, 56, 70, "count"),
      byChannel: { hotline: 50, mailbox: 6, weibo: 0 }, scope: "all", excluded: 2,
    });
    expect(dept).toBe("2026年10月，市住房和城乡建设局共承办群众诉求56件（含经审核剔除的2件），其中热线50件、信箱6件；环比持平，同比下降20.0%。");
    expect(volumeParagraph({ periodLabel: "2026年10月", department: null, volume: compare(0, 12, null, "count"), byChannel: { hotline: 0, mailbox: 0, weibo: 0 }, scope: "assessed", excluded: 0 }))
      .toBe("2026年10月，全市未受理群众诉求（环比下降100.0%，上年同期无数据）。");
  });

  it("rates: each rate with its comparisons, missing rates said to be missing", () => {
    const text = ratesParagraph([
      kpi("replyRate", "答复率", 0.952, 0.939, 0.952),
      kpi("onTimeRate", "按时答复率", null, 0.8, null),
      kpi("resolutionRate", "办结率", 0.7, null, null),
      kpi("satisfactionRate", "满意率", 0.9, 0.95, 0.85),
      kpi("medianReplyWorkdays", "答复用时中位数", 2, 2.5, null, "days"),
    ]);
    expect(text).toBe(
      "从办理情况看，答复率为95.2%，环比上升1.3个百分点，同比持平；按时答复率暂无数据；办结率为70.0%，上期无数据，上年同期无数据；" +
        "满意率为90.0%，环比下降5.0个百分点，同比上升5.0个百分点；答复用时中位数为2.0个工作日，环比下降20.0%，上年同期无数据。",
    );
  });

  it("assessment 三率: over valid return visits, or said to be missing in an assessment bulletin", () => {
    const kpis = [kpi("responseRate3", "响应率（三率）", 1, 1, null), kpi("solvedRate3", "解决率（三率）", 0.8, 0.75, null), kpi("satisfactionRate3", "满意率（三率）", 0.9, null, null)];
    expect(assessmentParagraph(kpis, 71, false)).toBe(
      "按考核口径（热线有效回访71件）计算，响应率为100.0%，环比持平，上年同期无数据；解决率为80.0%，环比上升5.0个百分点，上年同期无数据；满意率为90.0%，上期无数据，上年同期无数据。",
    );
    expect(assessmentParagraph(kpis, 0, false)).toBeNull();
    expect(assessmentParagraph(kpis, 0, true)).toBe("本期无热线有效回访，考核口径“三率”（响应率、解决率、满意率）暂无数据。");
  });

  it("backlog: open, overdue, due soon; the units with most overdue; unrouted ones apart", () => {
    const backlog = { open: 40, overdue: 12, dueSoon: 3, asOf, dueSoonUntil: asOf };
    const units = [
      { departmentId: null, name: "（未分派）", overdue: 5 },
      { departmentId: 2, name: "市住建局", overdue: 4 },
      { departmentId: 3, name: "市水务局", overdue: 3 },
    ];
    expect(backlogParagraph(backlog, units, 1, null)).toBe(
      "截至2026年10月31日18时40分（数据截止时间），全市尚未答复的诉求共40件，其中已超期12件、临期（1个工作日内到期）3件。超期件数较多的单位依次为市住建局（4件）、市水务局（3件）；另有尚未分派承办单位的5件。",
    );
    expect(backlogParagraph({ ...backlog, open: 0, overdue: 0, dueSoon: 0 }, [], 1, "市住建局")).toBe("截至2026年10月31日18时40分（数据截止时间），市住建局无未答复的诉求。");
  });

  const row = (departmentId: number, name: string, rank: number | null, composite: number | null, received = 20): BulletinRankingRow => ({
    departmentId, name, shortName: name, rank, belowMinimumSample: received < 10, received, replyRate: 0.9, onTimeRate: 0.9,
    resolutionRate: 0.8, satisfactionRate: 0.9, medianReplyWorkdays: 1, overdue: 0, composite,
  });
  const weights = { reply: 0.1, resolution: 0.5, satisfaction: 0.4 };

  it("ranking: 红榜 and 黑榜 with scores, the minimum-sample rule; a department's own place", () => {
    const rows = [row(1, "甲局", 1, 90), row(2, "乙局", 2, 85.25), row(3, "丙局", 3, 70), row(4, "丁局", null, null, 3)];
    const r = { rows, top: [rows[0]], bottom: [rows[2]], unranked: [rows[3]], minimumSample: 10, weights };
    expect(rankingParagraph(r, null)).toBe(
      "按综合得分（答复率×0.1＋办结率×0.5＋满意率×0.4，百分制）排名，本期参与排名的单位共3个。甲局（90.0分）位列前1名，列入红榜；丙局（70.0分）位列后1名，列入黑榜。统计期内受理少于10件的单位列示但不参与排名，本期共1个。",
    );
    expect(rankingParagraph(r, { id: 2, name: "乙局" })).toBe("按综合得分（答复率×0.1＋办结率×0.5＋满意率×0.4，百分制）排名，乙局本期综合得分85.3分，在参与排名的3个单位中位列第2名。");
    expect(rankingParagraph(r, { id: 4, name: "丁局" })).toBe("丁局本期承办诉求3件，少于10件，列示但不参与排名。");
    expect(rankingParagraph(r, { id: 9, name: "戊局" })).toBe("戊局本期无承办诉求，不参与排名。");
    expect(rankingParagraph({ ...r, rows: [rows[3]], top: [], bottom: [] }, null)).toBe("本期没有受理量达到10件的单位，不作排名（统计期内受理少于10件的单位列示但不参与排名）。");
  });

  it("topics and hot issues", () => {
    const topic = (name: string, count: number, previous: number, change: number | null, share: number) => ({ topicId: 1, name, parentName: null, count, previous, change, share });
    expect(topicsParagraph([topic("城乡建设", 46, 41, 5 / 41, 0.295), topic("环境保护", 19, 0, null, 0.122), topic("交通运输", 10, 10, 0, 0.06)])).toBe(
      "从问题分类看，群众反映较为集中的是城乡建设（46件，占29.5%，环比上升12.2%）、环境保护（19件，占12.2%，上期无数据）、交通运输（10件，占6.0%，环比持平）。",
    );
    expect(topicsParagraph([])).toBeNull();
    const c = { clusterId: 1, label: "幸福家园车库漏水", place: null, keywords: [], itemCount: 4, writerCount: 3, likes: 16, heat: 3.2, firstAt: 0, lastAt: 0, department: null, topic: null };
    expect(hotParagraph([c])).toBe("经相似内容和同一地点聚类，本期共有1个多人反映的热点问题，热度较高的有“幸福家园车库漏水”（4件，3人反映）。");
    expect(hotParagraph([])).toBeNull();
  });
});
