// 部门排名: the league table of routed departments for a period and filters, with the composite score, the raw
// rates beside it and the minimum-sample rule; sortable by any column through the URL.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { BarChart, CATEGORICAL_COLORS } from "~/components/charts";
import { ErrorView } from "~/components/ErrorView";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { formatNumber, formatPercent, langFromSearch, t as translate, tf, type MessageKey } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";
import { carriedParams, hrefWith } from "~/lib/dashboard-params";
import { beijingTime, oneDecimal } from "~/lib/format";
import { definitionsFor, filterOptions, getDepartmentRanking, pageContext } from "~/lib/metrics.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "dept.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  const ctx = pageContext(request);
  const rows = getDepartmentRanking(ctx).map((r) => ({
    departmentId: r.departmentId, name: r.name, rank: r.rank, belowMinimumSample: r.belowMinimumSample, received: r.counts.received,
    replyRate: r.replyRate, onTimeRate: r.onTimeRate, resolutionRate: r.resolutionRate, satisfactionRate: r.satisfactionRate,
    medianReply: r.replyWorkdays.median, overdue: r.overdue, composite: r.composite,
  }));
  return {
    params: ctx.params, periodKey: ctx.period.key, periodLabel: ctx.periodLabel, asOf: ctx.asOf, rows, options: filterOptions(ctx.user),
    definitions: definitionsFor(ctx.lang, ["composite", "replyRate", "onTimeRate", "resolutionRate", "satisfactionRate", "replyDays", "overdue"]),
  };
}

type Row = ReturnType<typeof loader>["rows"][number];
const COLUMNS: { key: keyof Row; label: MessageKey; format: "count" | "percent" | "days" | "score" }[] = [
  { key: "received", label: "dept.volume", format: "count" },
  { key: "replyRate", label: "dept.replyRate", format: "percent" },
  { key: "onTimeRate", label: "dept.onTimeRate", format: "percent" },
  { key: "resolutionRate", label: "dept.resolutionRate", format: "percent" },
  { key: "satisfactionRate", label: "dept.satisfactionRate", format: "percent" },
  { key: "medianReply", label: "dept.medianReply", format: "days" },
  { key: "overdue", label: "dept.overdue", format: "count" },
  { key: "composite", label: "dept.composite", format: "score" },
];

export default function Departments() {
  const data = useLoaderData<typeof loader>();
  const { lang, t } = useLang();
  const [search] = useSearchParams();
  const carried = carriedParams(data.params);
  const sort = COLUMNS.find((c) => c.key === search.get("sort"))?.key;
  const rows = sort ? [...data.rows].sort((a, b) => compare(b[sort] as number | null, a[sort] as number | null)) : data.rows;
  const cell = (v: number | null, format: (typeof COLUMNS)[number]["format"]) =>
    format === "percent" ? formatPercent(lang, v) : format === "days" ? oneDecimal(lang, v) : format === "score" ? oneDecimal(lang, v) : v === null ? "—" : formatNumber(lang, v);
  const itemsOf = (r: Row, extra: Record<string, string> = {}) => hrefWith("/items", { ...carried, period: data.periodKey, dept: r.departmentId ?? undefined, ...extra });
  const ranked = data.rows.filter((r) => r.rank !== null);
  return (
    <>
      <h1>{t("dept.heading")}</h1>
      <p className="muted page-meta">{t("overview.period")}：<strong>{data.periodLabel}</strong> · {t("overview.asOf")}：{beijingTime(data.asOf)} · {data.definitions.version}</p>
      <FilterBar params={data.params} options={data.options} periodKey={data.periodKey} action="/departments" />
      <p className="muted"><abbr title={data.definitions.help.composite}>{t("dept.composite")}</abbr>：{data.definitions.help.composite}</p>
      <div className="table-wrap">
        <table className="ranking">
          <thead>
            <tr>
              <th className="rank">{t("dept.rank")}</th>
              <th>{t("dept.name")}</th>
              {COLUMNS.map((c) => (
                <th key={c.key} className="num" aria-sort={sort === c.key ? "descending" : undefined}>
                  <Link to={hrefWith("/departments", { ...carried, sort: c.key })} title={t("dept.sortBy")}>{t(c.label)}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.departmentId ?? "none"} className={r.rank === null ? "unranked" : undefined}>
                <td className="rank" title={r.rank === null ? t("dept.unranked") : undefined}>{r.rank ?? "—"}</td>
                <th scope="row">
                  {r.departmentId === null ? t("dept.unrouted") : <Link to={hrefWith(`/departments/${r.departmentId}`, { ...carried, dept: undefined })}>{r.name}</Link>}
                </th>
                {COLUMNS.map((c) => (
                  <td key={c.key} className="num">
                    {c.key === "received" ? <Link to={itemsOf(r)}>{cell(r.received, "count")}</Link>
                      : c.key === "overdue" ? <Link to={hrefWith("/items", { ...carried, dept: r.departmentId ?? undefined, backlog: "overdue", period: undefined })}>{cell(r.overdue, "count")}</Link>
                      : cell(r[c.key] as number | null, c.format)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{tf(lang, "dept.minSample", { n: data.definitions.minimumSample })}</p>
      <ExportLinks path="/departments/export" params={{ ...carried, sort }} hint={t("export.tableHint")} />
      <BarChart
        title={t("dept.chart")}
        description={t("dept.chartDesc")}
        tableLabel={t("overview.showTable")}
        emptyText={t("overview.noData")}
        format="count"
        valueLabel={t("dept.composite")}
        rows={ranked.map((r) => ({ key: String(r.departmentId), label: `${r.rank}. ${r.name}`, value: r.composite === null ? null : Math.round(r.composite * 10) / 10, color: CATEGORICAL_COLORS[0], href: itemsOf(r) }))}
      />
    </>
  );
}

function compare(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a - b;
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
