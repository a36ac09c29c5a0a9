// 政务微博: each government account's posting, engagement and answering of citizen comments, with the warning for
// accounts silent 14 days or more; the most engaging posts; posts and engagement over time.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { CATEGORICAL_COLORS, LineChart } from "~/components/charts";
import { ErrorView } from "~/components/ErrorView";
import { ExportLinks } from "~/components/ExportLinks";
import { formatNumber, formatPercent, langFromSearch, t as translate, tf } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";
import { beijingTime, oneDecimal } from "~/lib/format";
import { weiboData } from "~/lib/insights.server";
import { definitionsFor, pageContext } from "~/lib/metrics.server";

export const meta: MetaFunction = ({ location }) => [{ title: `${translate(langFromSearch(location.search), "weibo.heading")} · ${translate(langFromSearch(location.search), "app.title")}` }];

export function loader({ request }: LoaderFunctionArgs) {
  const ctx = pageContext(request);
  const defs = definitionsFor(ctx.lang, ["postsPerAccount", "commentReplyRate", "silentDays"]);
  return { params: ctx.params, periodKey: ctx.period.key, periodLabel: ctx.periodLabel, asOf: ctx.asOf, definitions: defs, ...weiboData(ctx) };
}

export default function Weibo() {
  const d = useLoaderData<typeof loader>();
  const { lang, t } = useLang();
  const silentDays = d.definitions.silentAccountDays;
  return (
    <>
      <h1>{t("weibo.heading")}</h1>
      <p className="muted page-meta">{t("overview.period")}：<strong>{d.periodLabel}</strong> · {t("overview.asOf")}：{beijingTime(d.asOf)}</p>
      <form method="get" className="filter-bar" action="/weibo">
        <label><span>{t("filter.period")}</span><input name="period" defaultValue={d.params.period ?? d.periodKey} size={12} title={t("filter.periodHint")} /></label>
        {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
        <button type="submit">{t("filter.apply")}</button>
      </form>
      <h2>{t("weibo.accounts")}</h2>
      {d.accounts.length === 0 ? <p className="empty">{t("weibo.none")}</p> : (
        <div className="table-wrap"><table>
          <thead><tr>
            <th>{t("weibo.account")}</th><th className="num"><abbr title={d.definitions.help.postsPerAccount}>{t("weibo.posts")}</abbr></th><th className="num">{t("weibo.original")}</th>
            <th className="num">{t("weibo.reposts")}</th><th className="num">{t("weibo.comments")}</th><th className="num">{t("weibo.likes")}</th>
            <th className="num">{t("weibo.citizenComments")}</th><th className="num"><abbr title={d.definitions.help.commentReplyRate}>{t("weibo.replyRate")}</abbr></th>
            <th className="num">{t("weibo.replyHours")}</th><th>{t("weibo.lastPost")}</th><th className="num"><abbr title={d.definitions.help.silentDays}>{t("weibo.silentDays")}</abbr></th>
          </tr></thead>
          <tbody>{d.accounts.map((a) => (
            <tr key={a.accountId} className={a.silentWarning ? "silent" : undefined}>
              <th scope="row">{a.name}{a.silentWarning ? <span className="badge badge-review">{tf(lang, "weibo.silentWarning", { n: silentDays })}</span> : null}</th>
              <td className="num">{formatNumber(lang, a.posts)}</td><td className="num">{formatPercent(lang, a.originalShare)}</td>
              <td className="num">{oneDecimal(lang, a.repostsPerPost)}</td><td className="num">{oneDecimal(lang, a.commentsPerPost)}</td><td className="num">{oneDecimal(lang, a.likesPerPost)}</td>
              <td className="num">{formatNumber(lang, a.citizenComments)}</td><td className="num">{formatPercent(lang, a.commentReplyRate)}</td>
              <td className="num">{oneDecimal(lang, a.replyHours.median)}</td><td>{beijingTime(a.lastPostAt)}</td>
              <td className="num">{a.daysSinceLastPost === null ? "—" : formatNumber(lang, a.daysSinceLastPost)}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
      {d.accounts.length === 0 ? null : <ExportLinks path="/weibo/export" params={{ period: d.params.period, lang: lang === "en" ? "en" : undefined }} hint={t("export.tableHint")} />}
      <LineChart title={t("weibo.engagement")} description={t("weibo.engagementDesc")} tableLabel={t("overview.showTable")} emptyText={t("weibo.none")}
        xLabel={t("overview.date")} format="count"
        series={[
          { key: "posts", label: t("weibo.postsSeries"), color: CATEGORICAL_COLORS[0], points: d.engagement.map((b) => ({ x: b.label, y: b.posts })) },
        ]} />
      <LineChart title={`${t("weibo.engagement")} · ${t("weibo.engagementSeries")}`} description={t("weibo.engagementDesc")} tableLabel={t("overview.showTable")} emptyText={t("weibo.none")}
        xLabel={t("overview.date")} format="count"
        series={[{ key: "engagement", label: t("weibo.engagementSeries"), color: CATEGORICAL_COLORS[3], points: d.engagement.map((b) => ({ x: b.label, y: b.engagement })) }]} />
      <h2>{t("weibo.topPosts")}</h2>
      {d.topPosts.length === 0 ? <p className="empty">{t("weibo.none")}</p> : (
        <div className="table-wrap"><table>
          <thead><tr><th>{t("weibo.account")}</th><th>{t("items.title")}</th><th>{t("weibo.lastPost")}</th><th className="num">{t("weibo.reposts")}</th><th className="num">{t("weibo.comments")}</th><th className="num">{t("weibo.likes")}</th></tr></thead>
          <tbody>{d.topPosts.map((p) => (
            <tr key={p.id}><td>{p.account}</td><td className="text-cell">{p.text}</td><td>{beijingTime(p.postedAt)}</td>
              <td className="num">{formatNumber(lang, p.reposts)}</td><td className="num">{formatNumber(lang, p.comments)}</td><td className="num">{formatNumber(lang, p.likes)}</td></tr>
          ))}</tbody>
        </table></div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
