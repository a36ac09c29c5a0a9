// The overview's data for a URL (and an optional fixed department): everything from db/metrics/overview.
import { calendarWarning, definitionsFor, filterOptions, getOverview, pageContext, type PageContext } from "./metrics.server";

export const OVERVIEW_HELP_KEYS = ["volume", "replyRate", "onTimeRate", "resolutionRate", "satisfactionRate", "responseRate3", "solvedRate3", "satisfactionRate3", "replyDays", "closeDays", "replyHours", "dueSoon", "overdue", "excluded", "negativeShare"] as const;

export function overviewData(request: Request, fixed: { departmentId?: number } = {}) {
  const base = pageContext(request);
  // A department account sees its own unit's page only; another unit's is "not found", as its items are.
  if (fixed.departmentId !== undefined && base.user.role === "department" && fixed.departmentId !== base.user.departmentId) {
    throw new Response("Not Found", { status: 404, statusText: "Not Found" });
  }
  const ctx: PageContext = fixed.departmentId === undefined ? base : { ...base, params: { ...base.params, dept: fixed.departmentId }, filters: { ...base.filters, departmentId: fixed.departmentId } };
  const o = getOverview(ctx);
  return {
    params: ctx.params,
    periodKey: ctx.period.key,
    periodLabel: ctx.periodLabel,
    asOf: o.asOf,
    kpis: o.kpis,
    counts: o.current.counts,
    byChannel: o.current.byChannel,
    backlog: o.backlog,
    timing: o.timing,
    trend: o.trend.map((b) => ({ key: b.key, label: b.label, byChannel: b.byChannel, received: b.received, replyRate: b.replyRate, satisfactionRate: b.satisfactionRate })),
    topTopics: o.topTopics,
    options: filterOptions(ctx.user),
    definitions: definitionsFor(ctx.lang, [...OVERVIEW_HELP_KEYS], ctx.definitions),
    calendarWarning: calendarWarning(ctx),
  };
}

export type OverviewData = ReturnType<typeof overviewData>;
