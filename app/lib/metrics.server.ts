// The app's doorway to db/metrics: URL parameters → period and filters → the metric functions' plain data.
// Expected failures (a bad period or parameter) become 400 responses with a message the page shows.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { User } from "../../db/auth/users";
import { assessmentStartDayOf, configuredMetricHelp, loadDefinitions } from "../../db/metrics/configured-definitions";
import type { MetricDefinitions, MetricKey } from "../../db/metrics/definitions";
import { dataCutoff, overview } from "../../db/metrics/overview";
import { parsePeriod, periodContaining, periodLabel, PeriodError, type Period } from "../../db/metrics/period";
import { departmentRanking } from "../../db/metrics/ranking";
import type { MetricFilters } from "../../db/metrics/scope";
import { badRequest } from "./http-errors.server";
import { requireUser, scopeFor } from "./auth.server";
import { calendarCoverage } from "../../db/metrics/workdays";
import { departments, topics } from "../../db/schema";
import type { Lang } from "~/i18n/messages";
import { BadParamsError, parseDashboardParams, type DashboardParams } from "./dashboard-params";
import { getDb } from "./db.server";

export interface PageContext {
  params: DashboardParams;
  period: Period;
  periodLabel: string;
  filters: MetricFilters;
  asOf: number;
  lang: Lang;
  /** The 口径 in effect: the defaults with this database's settings (设置). */
  definitions: MetricDefinitions;
  /** Who is asking; department staff get their department's figures only (scopeFor). */
  user: User;
}


/**
 * The signed-in user (else a redirect to /login) and the URL parsed into the page context, or a 400 response
 * naming the bad parameter. This is the one place every dashboard page, export and the bulletin get their
 * filters from, so it is where a department account is held to its department.
 */
export function pageContext(request: Request): PageContext {
  const { user } = requireUser(request);
  const url = new URL(request.url);
  let params: DashboardParams;
  try {
    params = parseDashboardParams(url.searchParams);
  } catch (e) {
    if (e instanceof BadParamsError) throw badRequest(`参数错误 / bad parameter: ${e.message}`);
    throw e;
  }
  const db = getDb();
  const asOf = dataCutoff(db);
  const definitions = loadDefinitions(db);
  let period: Period;
  try {
    // Assessment months (A2026-10) start on the configured day.
    period = params.period ? parsePeriod(params.period, { assessmentStartDay: assessmentStartDayOf(definitions) }) : periodContaining("month", asOf);
  } catch (e) {
    if (e instanceof PeriodError) throw badRequest(`period: ${e.message}`);
    throw e;
  }
  const lang: Lang = params.lang === "en" ? "en" : "zh-CN";
  const filters = scopeFor(user, { channel: params.channel, departmentId: params.dept, topicId: params.topic, includeExcluded: params.scope === "all" });
  if (filters.departmentId !== params.dept) params = { ...params, dept: filters.departmentId };
  return { params, period, periodLabel: periodLabel(period, lang), filters, asOf, lang, definitions, user };
}

/** Departments and topics for the filter bar (department staff: their department only). */
export function filterOptions(user?: User) {
  const db = getDb();
  const own = user?.role === "department" ? eq(departments.id, user.departmentId ?? -1) : undefined;
  return {
    departments: db.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.active, true), own)).orderBy(asc(departments.sortOrder), asc(departments.id)).all(),
    topics: db.select({ id: topics.id, name: topics.name }).from(topics).where(isNull(topics.parentId)).orderBy(asc(topics.sortOrder), asc(topics.id)).all(),
  };
}

/** The 口径 texts shown as help, and the version printed under every page's figures. */
export function definitionsFor(lang: Lang, keys: MetricKey[], d: MetricDefinitions = loadDefinitions(getDb())) {
  const coverage = calendarCoverage();
  return {
    version: d.version,
    effectiveFrom: d.effectiveFrom,
    minimumSample: d.minimumSample,
    silentAccountDays: d.silentAccountDays,
    calendar: coverage,
    help: Object.fromEntries(keys.map((k) => [k, configuredMetricHelp(k, lang, d)])) as Record<MetricKey, string>,
  };
}

export function getOverview(ctx: PageContext) {
  return overview(getDb(), ctx.period, ctx.filters, { definitions: ctx.definitions });
}

export function getDepartmentRanking(ctx: PageContext) {
  return departmentRanking(getDb(), ctx.period, ctx.filters, ctx.asOf, ctx.definitions);
}

/** Warns when the period reaches into a year the holiday calendar does not cover. */
export function calendarWarning(ctx: PageContext): string | null {
  const { first, last } = calendarCoverage();
  const years = [Number(ctx.period.firstDay.slice(0, 4)), Number(ctx.period.lastDay.slice(0, 4))];
  const outside = [...new Set(years.filter((y) => y < first || y > last))];
  if (outside.length === 0) return null;
  return ctx.lang === "en"
    ? `The official holiday calendar does not cover ${outside.join(", ")}: working-day deadlines there count weekends only and may be wrong.`
    : `法定节假日与调休安排未收录 ${outside.join("、")} 年：该年的工作日期限按周末双休推算，可能有误。`;
}
