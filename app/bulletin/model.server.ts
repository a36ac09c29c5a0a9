// The bulletin's model, built ONLY from db/metrics (overview, departmentRanking, backlog) and existing query
// functions (hot clusters, the items list, typical cases). Nothing here computes a figure: it selects, orders,
// labels and masks; the sentences are wording.ts templates filled from these numbers.
import type { Db } from "../../db/client";
import { backlog } from "../../db/metrics/backlog";
import { assessmentStartDayOf, configuredMetricHelp, loadDefinitions } from "../../db/metrics/configured-definitions";
import type { MetricDefinitions, MetricKey } from "../../db/metrics/definitions";
import { overview } from "../../db/metrics/overview";
import { parsePeriod, periodLabel, PeriodError, type Period, type PeriodOptions } from "../../db/metrics/period";
import { departmentRanking, type DepartmentRow } from "../../db/metrics/ranking";
import type { MetricFilters } from "../../db/metrics/scope";
import { calendarCoverage } from "../../db/metrics/workdays";
import { maskPersonalData } from "../../db/privacy/mask";
import { typicalCases } from "../../db/queries/cases";
import { listHotClusters, mergedCounts } from "../../db/queries/hot-issues";
import { catalogueNames, listItems } from "../../db/queries/items";
import { departments, type Channel } from "../../db/schema";
import { t, type MessageKey } from "../i18n/messages";
import { dateTimeCn, dayCn } from "./format";
import type { BulletinCase, BulletinKpi, BulletinModel, BulletinRankingRow, BulletinRequest, KpiKey } from "./types";
import { summaryParagraphs } from "./wording";

/** A request the bulletin cannot be made for (bad period, unknown department): 400 on the page, exit 2 in the CLI. */
export class BulletinRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BulletinRequestError";
  }
}

/** How many units each of 红榜 and 黑榜 names (fewer when few units are ranked, so the two never overlap). */
export const HONOUR_ROLL_SIZE = 3;
/** Longest-overdue items listed by name (the total is always the full count). */
export const OVERDUE_ITEMS_LISTED = 20;
export const TYPICAL_CASES = 3;
const CASE_TEXT_CHARS = 300;
const HOT_ISSUES_LISTED = 10;

const KPI_LABELS: Record<KpiKey, MessageKey> = {
  volume: "kpi.volume",
  replyRate: "kpi.replyRate",
  onTimeRate: "kpi.onTimeRate",
  resolutionRate: "kpi.resolutionRate",
  satisfactionRate: "kpi.satisfactionRate",
  medianReplyWorkdays: "kpi.medianReplyDays",
  negativeShare: "kpi.negativeShare",
  responseRate3: "kpi.responseRate3",
  solvedRate3: "kpi.solvedRate3",
  satisfactionRate3: "kpi.satisfactionRate3",
};
const OPERATIONAL: { key: KpiKey; format: BulletinKpi["format"] }[] = [
  { key: "volume", format: "count" },
  { key: "replyRate", format: "percent" },
  { key: "onTimeRate", format: "percent" },
  { key: "resolutionRate", format: "percent" },
  { key: "satisfactionRate", format: "percent" },
  { key: "medianReplyWorkdays", format: "days" },
  { key: "negativeShare", format: "percent" },
];
const ASSESSMENT: KpiKey[] = ["responseRate3", "solvedRate3", "satisfactionRate3"];

/** The 口径 texts the footnote prints, with their names. */
const HELP: { key: MetricKey; label: string }[] = [
  { key: "volume", label: "受理量" },
  { key: "replyRate", label: "答复率" },
  { key: "onTimeRate", label: "按时答复率" },
  { key: "resolutionRate", label: "办结率" },
  { key: "satisfactionRate", label: "满意率" },
  { key: "responseRate3", label: "响应率（三率）" },
  { key: "solvedRate3", label: "解决率（三率）" },
  { key: "satisfactionRate3", label: "满意率（三率）" },
  { key: "replyDays", label: "答复用时" },
  { key: "dueSoon", label: "临期" },
  { key: "overdue", label: "超期" },
  { key: "composite", label: "综合得分" },
  { key: "excluded", label: "剔除" },
  { key: "negativeShare", label: "负面占比" },
];

/**
 * The period of a request: the dashboard's period key, or with `assessment` the assessment month it names.
 * Assessment months start on the request's day, else on the configured one (设置), as on the dashboard.
 */
export function resolvePeriod(req: Pick<BulletinRequest, "period" | "assessment" | "assessmentStartDay">, d: MetricDefinitions): { period: Period; options: PeriodOptions } {
  const text = req.period.trim();
  const startDay = req.assessmentStartDay ?? assessmentStartDayOf(d);
  if (!Number.isInteger(startDay) || startDay < 1 || startDay > 28) throw new BulletinRequestError(`考核月起始日须为 1–28 的整数，收到 ${req.assessmentStartDay}`);
  let key = text;
  if (req.assessment) {
    if (/^\d{4}-\d{2}$/.test(text)) key = `A${text}`;
    else if (!/^A\d{4}-\d{2}$/i.test(text)) throw new BulletinRequestError(`考核月须以月份给出（如 2026-10），收到“${text}”`);
  }
  const options: PeriodOptions = { assessmentStartDay: startDay };
  try {
    return { period: parsePeriod(key, options), options };
  } catch (e) {
    if (e instanceof PeriodError) throw new BulletinRequestError(`统计期有误：${e.message}`);
    throw e;
  }
}

/** A department by id, or by its name, short name or an alias (exact, then the only one containing the text). */
export function findDepartment(db: Db, ref: { id?: number; name?: string }): { id: number; name: string } {
  const all = db.select({ id: departments.id, name: departments.name, shortName: departments.shortName, aliases: departments.aliases }).from(departments).all();
  if (ref.id !== undefined) {
    const hit = all.find((d) => d.id === ref.id);
    if (!hit) throw new BulletinRequestError(`没有编号为 ${ref.id} 的承办单位`);
    return { id: hit.id, name: hit.name };
  }
  const name = (ref.name ?? "").trim();
  const aliases = (json: string): string[] => {
    try {
      const v: unknown = JSON.parse(json);
      return Array.isArray(v) ? v.map(String) : [];
    } catch {
      return [];
    }
  };
  const exact = all.find((d) => d.name === name) ?? all.find((d) => d.shortName === name) ?? all.find((d) => aliases(d.aliases).includes(name));
  if (exact) return { id: exact.id, name: exact.name };
  const partial = name ? all.filter((d) => d.name.includes(name)) : [];
  if (partial.length === 1) return { id: partial[0].id, name: partial[0].name };
  const hint = partial.length > 1 ? `，可能是：${partial.slice(0, 8).map((d) => d.name).join("、")}` : "";
  throw new BulletinRequestError(`没有名为“${name}”的承办单位${hint}`);
}

function rankingRow(r: DepartmentRow, shortNames: Map<number, string | null>): BulletinRankingRow {
  const name = r.departmentId === null ? "（未分派）" : r.name;
  return {
    departmentId: r.departmentId, name, shortName: (r.departmentId !== null && shortNames.get(r.departmentId)) || name, rank: r.rank, belowMinimumSample: r.belowMinimumSample,
    received: r.counts.received, replyRate: r.replyRate, onTimeRate: r.onTimeRate, resolutionRate: r.resolutionRate,
    satisfactionRate: r.satisfactionRate, medianReplyWorkdays: r.replyWorkdays.median, overdue: r.overdue, composite: r.composite,
  };
}

/** Masks first (so no number is cut in half and left readable), then shortens to `max` characters. */
function maskedExcerpt(text: string | null | undefined, max: number): string {
  const masked = maskPersonalData((text ?? "").replace(/\s+/g, " ").trim());
  const chars = [...masked];
  return chars.length <= max ? masked : `${chars.slice(0, max).join("")}……`;
}

/** The title's name for the period: "2026年10月", "2026年10月考核月", "2026年第3季度". */
function titlePeriod(p: Period): string {
  return periodLabel(p, "zh-CN").replace(/（.*）$/, "");
}

export function buildBulletinModel(db: Db, req: BulletinRequest): BulletinModel {
  // The 口径 in effect for this database (defaults plus the revisions saved in 设置), as the dashboard uses it.
  const d = loadDefinitions(db);
  const generatedAt = req.now ?? Date.now();
  const { period, options } = resolvePeriod(req, d);
  const department = req.departmentId === undefined ? null : findDepartment(db, { id: req.departmentId });
  const filters: MetricFilters = { departmentId: department?.id, includeExcluded: req.includeExcluded ?? false };
  const cityFilters: MetricFilters = { includeExcluded: filters.includeExcluded };

  const o = overview(db, period, filters, { ...options, definitions: d, ...(req.now !== undefined ? { now: req.now } : {}) });
  const asOf = o.asOf;
  const hasReturnVisits = o.current.counts.validVisits > 0;
  const kpis: BulletinKpi[] = OPERATIONAL.map(({ key, format }) => ({ key, format, family: "operational" as const, label: t("zh-CN", KPI_LABELS[key]), figure: o.kpis[key] }));
  if (hasReturnVisits || period.kind === "assessment") {
    for (const key of ASSESSMENT) kpis.push({ key, format: "percent", family: "assessment", label: t("zh-CN", KPI_LABELS[key]), figure: o.kpis[key] });
  }

  // The ranking is the city's (a department's bulletin shows where it stands among all units).
  const shortNames = new Map(db.select({ id: departments.id, shortName: departments.shortName }).from(departments).all().map((u) => [u.id, u.shortName]));
  const rows = departmentRanking(db, period, cityFilters, asOf, d).map((r) => rankingRow(r, shortNames));
  const ranked = rows.filter((r) => r.rank !== null);
  const k = Math.min(HONOUR_ROLL_SIZE, Math.floor(ranked.length / 2));
  const ranking = {
    rows, top: ranked.slice(0, k), bottom: k > 0 ? ranked.slice(-k) : [], unranked: rows.filter((r) => r.rank === null),
    minimumSample: d.minimumSample, weights: d.compositeWeights,
  };

  // Overdue by unit: the ranking's per-unit count (the departments page's column); units with no item in the
  // period are not in the ranking, so their count comes from the backlog with the unit as filter.
  let byDepartment: { departmentId: number | null; name: string; overdue: number }[];
  if (department) byDepartment = [{ departmentId: department.id, name: department.name, overdue: o.backlog.overdue }];
  else {
    byDepartment = rows.filter((r) => r.overdue > 0).map((r) => ({ departmentId: r.departmentId, name: r.name, overdue: r.overdue }));
    const listed = new Set(rows.map((r) => r.departmentId));
    for (const unit of db.select({ id: departments.id, name: departments.name }).from(departments).all()) {
      if (listed.has(unit.id)) continue;
      const n = backlog(db, { ...cityFilters, departmentId: unit.id }, asOf, d).overdue;
      if (n > 0) byDepartment.push({ departmentId: unit.id, name: unit.name, overdue: n });
    }
    byDepartment.sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, "zh-CN"));
  }
  const overdueItems = listItems(db, { filters, backlog: "overdue", asOf, definitions: d, sort: "deadline_asc", pageSize: OVERDUE_ITEMS_LISTED }).rows.map((r) => ({
    itemId: r.id, externalId: r.externalId, channel: r.channel as Channel, summary: maskedExcerpt(r.title ?? r.excerpt, 60),
    department: r.department, receivedAt: r.receivedAt, deadlineAt: r.deadlineAt,
  }));

  // Hot issues: the stored clustering (npm run hot), the clusters active in the period (and of the department).
  const names = catalogueNames(db);
  const stored = listHotClusters(db, { limit: 200 });
  const clusters = stored
    .filter((c) => c.lastAt >= period.start && c.firstAt < period.end && (!department || c.departmentId === department.id))
    .slice(0, HOT_ISSUES_LISTED)
    .map((c) => ({
      clusterId: c.id, label: maskedExcerpt(c.label, 40), place: c.place, keywords: c.keywords.map((w) => maskPersonalData(w)), itemCount: c.itemCount,
      writerCount: c.writerCount, likes: c.likes, heat: c.heat, firstAt: c.firstAt, lastAt: c.lastAt,
      department: c.departmentId === null ? null : names.departments.get(c.departmentId) ?? null,
      topic: c.topicId === null ? null : names.topics.get(c.topicId) ?? null,
    }));
  const hot = {
    computedAt: stored[0]?.computedAt ?? null,
    clusters,
    counts: department || stored.length === 0 ? null : mergedCounts(db, { since: period.start, until: period.end }),
  };

  const cases: BulletinCase[] = typicalCases(db, period, filters, TYPICAL_CASES).map((c) => ({
    itemId: c.itemId, externalId: c.externalId, channel: c.channel as Channel, type: c.type, receivedAt: c.receivedAt, answeredAt: c.answeredAt,
    department: c.department, topic: c.topic, title: c.title ? maskedExcerpt(c.title, 60) : null,
    body: maskedExcerpt(c.body, CASE_TEXT_CHARS), reply: maskedExcerpt(c.reply, CASE_TEXT_CHARS),
  }));

  const coverage = calendarCoverage();
  const years = [...new Set([Number(period.firstDay.slice(0, 4)), Number(period.lastDay.slice(0, 4))])].filter((y) => y < coverage.first || y > coverage.last);
  const calendarWarning = years.length ? `${years.join("、")}年的法定节假日和调休安排尚未收录，该年的工作日期限按周末双休推算，可能有误。` : null;
  const sameYear = period.firstDay.slice(0, 4) === period.lastDay.slice(0, 4);
  const label = periodLabel(period, "zh-CN");
  const subject = department?.name ?? "全市";
  const scope = filters.includeExcluded ? ("all" as const) : ("assessed" as const);

  const base: Omit<BulletinModel, "summary" | "footnote"> = {
    schema: 1,
    title: `${department ? department.name : ""}${titlePeriod(period)}群众诉求办理情况通报`,
    subtitle: `（${dayCn(period.firstDay)}至${dayCn(period.lastDay, sameYear)}）`,
    period: { key: period.key, kind: period.kind, label, firstDay: period.firstDay, lastDay: period.lastDay },
    previous: { key: o.previous.key, label: periodLabel(o.previous, "zh-CN") },
    yearAgo: { key: o.yearAgo.key, label: periodLabel(o.yearAgo, "zh-CN") },
    assessment: period.kind === "assessment",
    department,
    subject,
    scope,
    scopeLabel: scope === "all" ? "全口径（含剔除件）" : "不含剔除件",
    asOf,
    generatedAt,
    counts: o.current.counts,
    byChannel: o.current.byChannel,
    kpis,
    hasReturnVisits,
    backlog: o.backlog,
    timing: o.timing,
    trend: o.trend.map((b) => ({ key: b.key, label: b.label, received: b.received, byChannel: b.byChannel })),
    ranking,
    topics: o.topTopics,
    hot,
    overdue: { total: o.backlog.overdue, dueSoon: o.backlog.dueSoon, byDepartment, items: overdueItems },
    cases,
    definitions: {
      version: o.definitionsVersion,
      effectiveFrom: d.effectiveFrom,
      help: HELP.map((h) => ({ key: h.key, label: h.label, text: configuredMetricHelp(h.key, "zh-CN", d) })),
      calendar: coverage,
      calendarWarning,
    },
  };
  const footnote = [
    `统计口径：${base.definitions.version}（自${dayCn(d.effectiveFrom)}起执行），${base.scopeLabel}；各项指标定义见附注。`,
    `统计期：${dayCn(period.firstDay)}至${dayCn(period.lastDay)}（北京时间）；环比对照期为${base.previous.label}，同比对照期为${base.yearAgo.label}。`,
    `数据截止时间：${dateTimeCn(asOf)}；通报生成时间：${dateTimeCn(generatedAt)}。待办、临期和超期件数均截至数据截止时间。`,
    `工作日按国务院办公厅公布的法定节假日和调休安排计算（已收录${coverage.first}—${coverage.last}年）。${calendarWarning ?? ""}`,
    hot.computedAt !== null ? `热点问题取自${dateTimeCn(hot.computedAt)}的聚类结果。` : "热点问题尚未计算（npm run hot）。",
    "超期件清单和典型案例中的个人信息（姓名、电话号码、身份证号码、银行卡号、电子邮箱等）已作脱敏处理。",
    "本通报各项数据与“民意”平台同一统计期、同一筛选条件下显示的数据一致。",
  ];
  return { ...base, summary: summaryParagraphs(base, d.dueSoonWorkdays), footnote };
}
