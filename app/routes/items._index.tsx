// 诉求列表: the items behind every number, with the dashboard's filters plus search, item filters, sort and paging.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorView } from "~/components/ErrorView";
import { ExportLinks } from "~/components/ExportLinks";
import { FilterBar } from "~/components/FilterBar";
import { CHANNEL_LABEL, formatNumber, langFromSearch, t as translate, tf, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { BACKLOG_VALUES, carriedParams, hrefWith, SENTIMENT_VALUES, SORT_VALUES, STATUS_VALUES } from "~/lib/dashboard-params";
import { beijingTime } from "~/lib/format";
import { itemsPage } from "~/lib/items.server";
import { filterOptions } from "~/lib/metrics.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "items.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  const page = itemsPage(request);
  return {
    params: page.params, periodKey: page.ctx.period.key, periodLabel: page.ctx.periodLabel, range: page.range,
    rows: page.rows, total: page.total, page: page.page, pageSize: page.pageSize, options: filterOptions(page.ctx.user), asOf: page.ctx.asOf,
  };
}


export default function Items() {
  const data = useLoaderData<typeof loader>();
  const { lang, t } = useLang();
  const p = data.params;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const keep = { ...carriedParams(p), q: p.q, backlog: p.backlog, sentiment: p.sentiment, status: p.status, review: p.review, sort: p.sort };
  const pageHref = (n: number) => hrefWith("/items", { ...keep, page: n > 1 ? n : undefined });
  return (
    <>
      <h1>{t("items.heading")}</h1>
      <p className="muted page-meta">
        {data.range ? <>{t("overview.period")}：<strong>{data.periodLabel}</strong></> : t("items.anyTime")} · {tf(lang, "items.total", { n: formatNumber(lang, data.total) })}
      </p>
      <FilterBar
        params={p}
        options={data.options}
        periodKey={data.range ? data.periodKey : ""}
        action="/items"
        extra={{ q: p.q, backlog: p.backlog, sentiment: p.sentiment, status: p.status, review: p.review, sort: p.sort }}
      />
      <Form method="get" action="/items" className="filter-bar item-filters">
        {Object.entries(carriedParams(p)).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={String(v)} /> : null))}
        <label>
          <span>{t("items.search")}</span>
          <input type="search" name="q" defaultValue={p.q ?? ""} placeholder={t("items.searchHint")} />
        </label>
        <label>
          <span>{t("items.backlog")}</span>
          <select name="backlog" defaultValue={p.backlog ?? ""}>
            <option value="">{t("filter.all")}</option>
            {BACKLOG_VALUES.map((v) => <option key={v} value={v}>{t(`backlog.${v}` as MessageKey)}</option>)}
          </select>
        </label>
        <label>
          <span>{t("items.sentiment")}</span>
          <select name="sentiment" defaultValue={p.sentiment ?? ""}>
            <option value="">{t("filter.all")}</option>
            {SENTIMENT_VALUES.map((v) => <option key={v} value={v}>{t(`sentiment.${v}` as MessageKey)}</option>)}
          </select>
        </label>
        <label>
          <span>{t("items.status")}</span>
          <select name="status" defaultValue={p.status ?? ""}>
            <option value="">{t("filter.all")}</option>
            {STATUS_VALUES.map((v) => <option key={v} value={v}>{t(`status.${v}` as MessageKey)}</option>)}
          </select>
        </label>
        <label>
          <span>{t("items.sort")}</span>
          <select name="sort" defaultValue={p.sort ?? ""}>
            {SORT_VALUES.map((v) => <option key={v} value={v === "received_desc" ? "" : v}>{t(`items.sort.${v}` as MessageKey)}</option>)}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="review" value="1" defaultChecked={p.review === "1"} /> <span>{t("items.review")}</span>
        </label>
        <button type="submit">{t("filter.apply")}</button>
      </Form>
      <ExportLinks path="/items/export" params={keep} hint={t("export.hint")} />

      {data.rows.length === 0 ? (
        <p className="empty">{t("items.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="items-table">
            <thead>
              <tr>
                <th>{t("items.id")}</th>
                <th>{t("items.title")}</th>
                <th>{t("filter.channel")}</th>
                <th>{t("filter.department")}</th>
                <th>{t("filter.topic")}</th>
                <th>{t("items.received")}</th>
                <th>{t("items.deadline")}</th>
                <th>{t("items.answered")}</th>
                <th>{t("items.status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => {
                const overdue = r.answeredAt === null && r.deadlineAt !== null && r.deadlineAt < data.asOf;
                return (
                  <tr key={r.id}>
                    <td><Link to={withLang(`/items/${r.id}`, lang)}>{r.externalId}</Link></td>
                    <td className="text-cell">
                      <Link to={withLang(`/items/${r.id}`, lang)}>{r.title || r.excerpt || "—"}</Link>
                      {r.needsReview ? <span className="badge badge-review">{t("flag.review")}</span> : null}
                      {r.excluded ? <span className="badge badge-excluded">{t("flag.excluded")}</span> : null}
                    </td>
                    <td>{t(CHANNEL_LABEL[r.channel as keyof typeof CHANNEL_LABEL] ?? "channel.hotline")}</td>
                    <td>{r.department ?? "—"}</td>
                    <td>{r.topic ?? "—"}</td>
                    <td>{beijingTime(r.receivedAt)}</td>
                    <td className={overdue ? "overdue" : undefined}>{beijingTime(r.deadlineAt)}</td>
                    <td>{beijingTime(r.answeredAt)}</td>
                    <td>{t(`status.${r.status}` as MessageKey)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={tf(lang, "items.page", { p: data.page, n: pages })}>
        {data.page > 1 ? <Link to={pageHref(data.page - 1)} rel="prev">{t("items.prev")}</Link> : <span />}
        <span>{tf(lang, "items.page", { p: data.page, n: pages })}</span>
        {data.page < pages ? <Link to={pageHref(data.page + 1)} rel="next">{t("items.next")}</Link> : <span />}
      </nav>
      <p className="muted">{t("items.masked")}</p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
