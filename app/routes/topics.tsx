// 问题分类与热点: topic volumes with 环比, the main topics' trend, rising topics, and hot-issue clusters with
// their items and the raw against merged (并单) counts.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { BarChart, CATEGORICAL_COLORS, LineChart } from "~/components/charts";
import { ErrorView } from "~/components/ErrorView";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { formatNumber, formatPercent, langFromSearch, t as translate } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { carriedParams, hrefWith } from "~/lib/dashboard-params";
import { beijingTime, oneDecimal } from "~/lib/format";
import { topicsData } from "~/lib/insights.server";
import { filterOptions, pageContext } from "~/lib/metrics.server";

export const meta: MetaFunction = ({ location }) => [{ title: `${translate(langFromSearch(location.search), "topics.heading")} · ${translate(langFromSearch(location.search), "app.title")}` }];

export function loader({ request }: LoaderFunctionArgs) {
  const ctx = pageContext(request);
  return { params: ctx.params, periodKey: ctx.period.key, periodLabel: ctx.periodLabel, asOf: ctx.asOf, options: filterOptions(ctx.user), ...topicsData(ctx) };
}

export default function Topics() {
  const d = useLoaderData<typeof loader>();
  const { lang, t } = useLang();
  const carried = carriedParams(d.params);
  const items = (extra: Record<string, string | number | undefined>) => hrefWith("/items", { ...carried, period: d.periodKey, ...extra });
  const change = (c: number | null) => (c === null ? undefined : `${t("kpi.vsPrevious")} ${c > 0 ? "+" : ""}${formatPercent(lang, c)}`);
  return (
    <>
      <h1>{t("topics.heading")}</h1>
      <p className="muted page-meta">{t("overview.period")}：<strong>{d.periodLabel}</strong> · {t("overview.asOf")}：{beijingTime(d.asOf)}</p>
      <FilterBar params={d.params} options={d.options} periodKey={d.periodKey} action="/topics" />
      <ExportLinks path="/topics/export" params={carried} hint={t("export.tableHint")} />
      <div className="chart-grid">
        <BarChart title={t("topics.top1")} description={t("topics.top1Desc")} tableLabel={t("overview.showTable")} emptyText={t("overview.noData")}
          format="count" valueLabel={t("overview.count")} noteLabel={t("overview.change")}
          rows={d.level1.map((x) => ({ key: String(x.topicId), label: x.name, value: x.count, note: change(x.change), href: items({ topic: x.topicId }) }))} />
        <BarChart title={t("topics.top2")} description={t("topics.top2Desc")} tableLabel={t("overview.showTable")} emptyText={t("overview.noData")}
          format="count" valueLabel={t("overview.count")} noteLabel={t("overview.change")}
          rows={d.level2.map((x) => ({ key: String(x.topicId), label: x.parentName ? `${x.parentName}/${x.name}` : x.name, value: x.count, note: change(x.change), color: CATEGORICAL_COLORS[2], href: items({ topic: x.topicId }) }))} />
      </div>
      <LineChart title={t("topics.trend")} description={t("topics.trendDesc")} tableLabel={t("overview.showTable")} emptyText={t("overview.noData")}
        xLabel={t("overview.date")} format="count"
        series={d.series.map((s, i) => ({ key: String(s.topicId), label: s.name, color: CATEGORICAL_COLORS[i % CATEGORICAL_COLORS.length], points: s.counts.map((n, k) => ({ x: d.buckets[k].label, y: n })) }))} />

      <h2>{t("topics.rising")}</h2>
      {d.rising.length === 0 ? <p className="empty">{t("topics.noRising")}</p> : (
        <div className="table-wrap"><table>
          <thead><tr><th>{t("filter.topic")}</th><th className="num">{t("topics.thisWeek")}</th><th className="num">{t("topics.baseline")}</th><th className="num">{t("topics.ratio")}</th></tr></thead>
          <tbody>{d.rising.map((r) => (
            <tr key={r.topicId}><th scope="row"><Link to={hrefWith("/items", { ...carried, topic: r.topicId, period: undefined })}>{r.name ?? r.topicId}</Link></th>
              <td className="num">{formatNumber(lang, r.thisWeek)}</td><td className="num">{oneDecimal(lang, r.baselineMean)}</td><td className="num">{oneDecimal(lang, r.ratio)}×</td></tr>
          ))}</tbody>
        </table></div>
      )}

      <h2>{t("topics.hot")}</h2>
      <p className="muted">{t("topics.hotHint")} {d.merged ? `${t("topics.raw")} ${formatNumber(lang, d.merged.raw)} · ${t("topics.merged")} ${formatNumber(lang, d.merged.merged)}` : ""}</p>
      {d.clusters.length === 0 ? <p className="empty">{t("topics.noHot")}</p> : (
        <ol className="clusters">
          {d.clusters.map((c) => (
            <li key={c.id}>
              <p><strong>{c.label}</strong> · {t("topics.heat")} {oneDecimal(lang, c.heat)} · {t("topics.items")} {formatNumber(lang, c.itemCount)} · {t("topics.writers")} {formatNumber(lang, c.writerCount)} · {t("topics.likes")} {formatNumber(lang, c.likes)}{c.place ? ` · ${t("topics.place")} ${c.place}` : ""}</p>
              <p className="muted">{t("topics.keywords")}：{c.keywords.join("、") || "—"} · {beijingTime(c.firstAt)} – {beijingTime(c.lastAt)}</p>
              <details><summary>{t("topics.members")}</summary>
                <ul>{c.members.map((m) => <li key={m.itemId}><Link to={withLang(`/items/${m.itemId}`, lang)}>{m.title || m.body || m.itemId}</Link> <span className="muted">{beijingTime(m.receivedAt)}</span></li>)}</ul>
              </details>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
