// The overview's view: KPI cards with 环比 / 同比, the backlog, trends, top topics, answer times and the 口径 notes.
// Shared by 总览 and each department's page (the same view with the department fixed).
import { Link } from "@remix-run/react";
import { BarChart, CHANNEL_COLORS, CATEGORICAL_COLORS, DEADLINE_COLORS, LineChart } from "~/components/charts";
import { FilterBar } from "~/components/FilterBar";
import { KpiCard } from "~/components/KpiCard";
import { CHANNEL_LABEL, formatNumber, formatPercent } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";
import { carriedParams, hrefWith } from "~/lib/dashboard-params";
import { beijingTime, oneDecimal } from "~/lib/format";
import type { OverviewData } from "~/lib/overview.server";

const CHANNEL_KEYS = ["hotline", "mailbox", "weibo"] as const;

export function OverviewView({ data, heading, filterAction }: { data: OverviewData; heading: string; filterAction?: string }) {
  const { lang, t } = useLang();
  const carried = carriedParams(data.params);
  const items = (extra: Record<string, string | number | undefined>) => hrefWith("/items", { ...carried, period: data.periodKey, ...extra });
  const help = data.definitions.help;
  const k = data.kpis;
  const empty = data.counts.received === 0;
  const hasVisits = data.counts.validVisits > 0;

  return (
    <>
      <h1>{heading}</h1>
      <p className="muted page-meta">
        {t("overview.period")}：<strong>{data.periodLabel}</strong> · {t("overview.asOf")}：{beijingTime(data.asOf)} · {data.definitions.version}
      </p>
      <FilterBar params={data.params} options={data.options} periodKey={data.periodKey} action={filterAction} />
      {data.calendarWarning ? <p className="warning" role="status">{data.calendarWarning}</p> : null}

      <h2>{t("kpi.operational")}</h2>
      <dl className="kpis">
        <KpiCard label={t("kpi.volume")} kpi={k.volume} format="count" help={help.volume} href={items({})} />
        <KpiCard label={t("kpi.replyRate")} kpi={k.replyRate} format="percent" help={help.replyRate} />
        <KpiCard label={t("kpi.onTimeRate")} kpi={k.onTimeRate} format="percent" help={help.onTimeRate} />
        <KpiCard label={t("kpi.resolutionRate")} kpi={k.resolutionRate} format="percent" help={help.resolutionRate} />
        <KpiCard label={t("kpi.satisfactionRate")} kpi={k.satisfactionRate} format="percent" help={help.satisfactionRate} />
        <KpiCard label={t("kpi.medianReplyDays")} kpi={k.medianReplyWorkdays} format="days" unit={t("kpi.workdays")} help={help.replyDays} />
        <KpiCard label={t("kpi.negativeShare")} kpi={k.negativeShare} format="percent" help={help.negativeShare} href={items({ sentiment: "negative" })} />
      </dl>
      {hasVisits ? (
        <>
          <h2>{t("kpi.assessment")}</h2>
          <dl className="kpis">
            <KpiCard label={t("kpi.responseRate3")} kpi={k.responseRate3} format="percent" help={help.responseRate3} />
            <KpiCard label={t("kpi.solvedRate3")} kpi={k.solvedRate3} format="percent" help={help.solvedRate3} />
            <KpiCard label={t("kpi.satisfactionRate3")} kpi={k.satisfactionRate3} format="percent" help={help.satisfactionRate3} />
          </dl>
        </>
      ) : null}

      <h2>{t("overview.backlog")}</h2>
      <dl className="kpis backlog">
        <div className="kpi">
          <dt><abbr title={help.overdue}>{t("overview.open")}</abbr></dt>
          <dd className="kpi-value"><Link to={items({ backlog: "open", period: undefined })}>{formatNumber(lang, data.backlog.open)}</Link></dd>
        </div>
        <div className="kpi kpi-dueSoon" style={{ borderColor: DEADLINE_COLORS.dueSoon }}>
          <dt><abbr title={help.dueSoon}>{t("overview.dueSoon")}</abbr></dt>
          <dd className="kpi-value"><Link to={items({ backlog: "dueSoon", period: undefined })}>{formatNumber(lang, data.backlog.dueSoon)}</Link></dd>
        </div>
        <div className="kpi kpi-overdue" style={{ borderColor: DEADLINE_COLORS.overdue }}>
          <dt><abbr title={help.overdue}>{t("overview.overdue")}</abbr></dt>
          <dd className="kpi-value"><Link to={items({ backlog: "overdue", period: undefined })}>{formatNumber(lang, data.backlog.overdue)}</Link></dd>
        </div>
      </dl>

      {empty ? <p className="empty">{t("overview.empty")}</p> : null}
      <div className="chart-grid">
        <LineChart
          title={t("overview.volumeTrend")}
          description={t("overview.volumeTrendDesc")}
          tableLabel={t("overview.showTable")}
          emptyText={t("overview.noData")}
          xLabel={t("overview.date")}
          format="count"
          series={CHANNEL_KEYS.map((c) => ({
            key: c,
            label: t(CHANNEL_LABEL[c]),
            color: CHANNEL_COLORS[c],
            points: data.trend.map((b) => ({ x: b.label, y: b.byChannel[c] ?? 0, href: items({ channel: c, period: bucketPeriod(b.key) }) })),
          }))}
        />
        <LineChart
          title={t("overview.rateTrend")}
          description={t("overview.rateTrendDesc")}
          tableLabel={t("overview.showTable")}
          emptyText={t("overview.noData")}
          xLabel={t("overview.date")}
          format="percent"
          series={[
            { key: "reply", label: t("kpi.replyRate"), color: CATEGORICAL_COLORS[0], points: data.trend.map((b) => ({ x: b.label, y: b.replyRate })) },
            { key: "satisfaction", label: t("kpi.satisfactionRate"), color: CATEGORICAL_COLORS[2], points: data.trend.map((b) => ({ x: b.label, y: b.satisfactionRate })) },
          ]}
        />
        <BarChart
          title={t("overview.topTopics")}
          description={t("overview.topTopicsDesc")}
          tableLabel={t("overview.showTable")}
          emptyText={t("overview.noData")}
          format="count"
          valueLabel={t("overview.count")}
          noteLabel={t("overview.change")}
          rows={data.topTopics.map((x) => ({
            key: String(x.topicId),
            label: x.name,
            value: x.count,
            href: items({ topic: x.topicId }),
            note: x.change === null ? undefined : `${t("kpi.vsPrevious")} ${x.change > 0 ? "+" : ""}${formatPercent(lang, x.change)}`,
          }))}
        />
        <BarChart
          title={t("overview.channels")}
          description={t("overview.volumeTrendDesc")}
          tableLabel={t("overview.showTable")}
          emptyText={t("overview.noData")}
          format="count"
          valueLabel={t("overview.count")}
          rows={CHANNEL_KEYS.map((c) => ({ key: c, label: t(CHANNEL_LABEL[c]), value: data.byChannel[c], color: CHANNEL_COLORS[c], href: items({ channel: c }) }))}
        />
      </div>

      <h2>{t("overview.timing")}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th /><th className="num">{t("overview.median")}</th><th className="num">{t("overview.p90")}</th><th className="num">{t("overview.count")}</th></tr>
          </thead>
          <tbody>
            <tr><th scope="row"><abbr title={help.replyDays}>{t("overview.replyDays")}</abbr></th><td className="num">{oneDecimal(lang, data.timing.replyWorkdays.median)}</td><td className="num">{oneDecimal(lang, data.timing.replyWorkdays.p90)}</td><td className="num">{formatNumber(lang, data.timing.replyWorkdays.count)}</td></tr>
            <tr><th scope="row"><abbr title={help.closeDays}>{t("overview.closeDays")}</abbr></th><td className="num">{oneDecimal(lang, data.timing.closeWorkdays.median)}</td><td className="num">{oneDecimal(lang, data.timing.closeWorkdays.p90)}</td><td className="num">{formatNumber(lang, data.timing.closeWorkdays.count)}</td></tr>
            <tr><th scope="row"><abbr title={help.replyHours}>{t("overview.replyHours")}</abbr></th><td className="num">{oneDecimal(lang, data.timing.replyHours.median)}</td><td className="num">{oneDecimal(lang, data.timing.replyHours.p90)}</td><td className="num">{formatNumber(lang, data.timing.replyHours.count)}</td></tr>
          </tbody>
        </table>
      </div>

      <details className="definitions">
        <summary>{t("overview.definitions")}（{data.definitions.version}）</summary>
        <dl>
          {Object.entries(help).map(([key, text]) => (
            <div key={key}><dd>{text}</dd></div>
          ))}
        </dl>
        <p className="muted">{t("overview.calendar")}{data.definitions.calendar.first}–{data.definitions.calendar.last}）</p>
      </details>
    </>
  );
}

/** A trend bucket's key as a period: days "2026-10-08" → a one-day custom range; months stay months. */
function bucketPeriod(key: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(key) ? `${key}~${key}` : key;
}

