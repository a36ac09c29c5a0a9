// 舆情: sentiment share by channel, the negative share over time with spikes flagged, frequent words in negative
// feedback and typical examples (personal data masked).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { BarChart, LineChart, SENTIMENT_COLORS, StackedBarChart } from "~/components/charts";
import { ErrorView } from "~/components/ErrorView";
import { FilterBar } from "~/components/FilterBar";
import { formatPercent, langFromSearch, t as translate, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { carriedParams, hrefWith } from "~/lib/dashboard-params";
import { beijingTime } from "~/lib/format";
import { feedbackData } from "~/lib/insights.server";
import { definitionsFor, filterOptions, pageContext } from "~/lib/metrics.server";

export const meta: MetaFunction = ({ location }) => [{ title: `${translate(langFromSearch(location.search), "feedback.heading")} · ${translate(langFromSearch(location.search), "app.title")}` }];

export function loader({ request }: LoaderFunctionArgs) {
  const ctx = pageContext(request);
  return { params: ctx.params, periodKey: ctx.period.key, periodLabel: ctx.periodLabel, asOf: ctx.asOf, options: filterOptions(ctx.user), definitions: definitionsFor(ctx.lang, ["negativeShare"]), ...feedbackData(ctx) };
}

const CHANNELS = ["hotline", "mailbox", "weibo"] as const;
const SENTIMENTS = ["negative", "neutral", "positive"] as const;

export default function Feedback() {
  const d = useLoaderData<typeof loader>();
  const { lang, t } = useLang();
  const carried = carriedParams(d.params);
  const spikes = d.spikes.filter((s) => s.spike);
  return (
    <>
      <h1>{t("feedback.heading")}</h1>
      <p className="muted page-meta">{t("overview.period")}：<strong>{d.periodLabel}</strong> · {t("overview.asOf")}：{beijingTime(d.asOf)} · {t("feedback.method")}</p>
      <FilterBar params={d.params} options={d.options} periodKey={d.periodKey} action="/feedback" />
      <div className="chart-grid">
        <StackedBarChart title={t("feedback.byChannel")} description={t("feedback.byChannelDesc")} tableLabel={t("overview.showTable")} emptyText={t("overview.noData")}
          mode="share" labelHeading={t("filter.channel")} totalLabel={t("volume.total")}
          categories={SENTIMENTS.map((s) => ({ key: s, label: t(`sentiment.${s}` as MessageKey), color: SENTIMENT_COLORS[s] }))}
          rows={CHANNELS.filter((c) => d.byChannel[c].negative + d.byChannel[c].neutral + d.byChannel[c].positive > 0).map((c) => ({
            key: c, label: t(`channel.${c}` as MessageKey), values: d.byChannel[c],
            hrefs: Object.fromEntries(SENTIMENTS.map((s) => [s, hrefWith("/items", { ...carried, period: d.periodKey, channel: c, sentiment: s })])),
          }))} />
        <LineChart title={t("feedback.trend")} description={`${t("feedback.trendDesc")} ${d.definitions.help.negativeShare}`} tableLabel={t("overview.showTable")} emptyText={t("overview.noData")}
          xLabel={t("overview.date")} format="percent"
          series={[{ key: "negative", label: t("kpi.negativeShare"), color: SENTIMENT_COLORS.negative, points: d.spikes.map((s) => ({ x: s.label, y: s.negativeShare })) }]} />
      </div>
      <h2>{t("feedback.spikes")}</h2>
      {spikes.length === 0 ? <p className="muted">{t("feedback.noSpikes")}</p> : (
        <ul>{spikes.map((s) => <li key={s.key}><strong>{s.label}</strong>：{formatPercent(lang, s.negativeShare)}（{formatPercent(lang, s.baselineMean)} ± {formatPercent(lang, s.baselineSd)}）</li>)}</ul>
      )}
      <BarChart title={t("feedback.keywords")} description={t("feedback.keywordsDesc")} tableLabel={t("overview.showTable")} emptyText={t("overview.noData")}
        format="count" valueLabel={t("overview.count")}
        rows={d.keywords.map(([w, n]) => ({ key: w, label: w, value: n, color: SENTIMENT_COLORS.negative, href: hrefWith("/items", { ...carried, period: d.periodKey, sentiment: "negative", q: w }) }))} />
      <h2>{t("feedback.examples")}</h2>
      {d.examples.length === 0 ? <p className="empty">{t("overview.noData")}</p> : (
        <ul className="examples">{d.examples.map((e) => (
          <li key={e.id}><Link to={withLang(`/items/${e.id}`, lang)}>{e.title || e.body}</Link> <span className="muted">· {t(`channel.${e.channel}` as MessageKey)} · {beijingTime(e.receivedAt)}</span>{e.title && e.body ? <p className="muted">{e.body}</p> : null}</li>
        ))}</ul>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
