// 管理 › 审计日志: who did what and when (logins, imports, corrections, exclusions, exports, settings and account
// changes), newest first, with filters in the URL (a GET form) and pages of 50. Admins only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { FieldError, invalidProps } from "~/components/AdminForm";
import { ErrorView } from "~/components/ErrorView";
import { formatNumber, langFromSearch, t as translate, tf, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { auditPage } from "~/lib/admin-audit.server";
import { beijingTime } from "~/lib/format";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "admin.audit.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  return auditPage(request);
}

export default function AdminAudit() {
  const d = useLoaderData<typeof loader>();
  const { lang, t } = useLang();
  const actionLabel = (a: string) => t(`admin.audit.action.${a}` as MessageKey) ?? a;
  const pageHref = (page: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(d.filters)) if (v) p.set(k, v);
    if (page > 1) p.set("page", String(page));
    if (lang === "en") p.set("lang", "en");
    const q = p.toString();
    return `/admin/audit${q ? `?${q}` : ""}`;
  };
  return (
    <>
      <p className="muted"><Link to={withLang("/admin", lang)}>{t("admin.heading")}</Link></p>
      <h1>{t("admin.audit.heading")}</h1>
      <p className="muted">{t("admin.audit.intro")}</p>
      <Form method="get" action="/admin/audit" className="filter-bar">
        {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
        <label>
          <span>{t("admin.audit.action")}</span>
          <select name="action" defaultValue={d.filters.action} {...invalidProps(d.errors, "action")}>
            <option value="">{t("filter.all")}</option>
            {d.actions.map((a) => <option key={a} value={a}>{actionLabel(a)}</option>)}
          </select>
          <FieldError errors={d.errors} name="action" />
        </label>
        <label>
          <span>{t("admin.audit.user")}</span>
          <input name="user" list="audit-users" defaultValue={d.filters.user} maxLength={60} />
          <datalist id="audit-users">{d.userNames.map((n) => <option key={n} value={n} />)}</datalist>
        </label>
        <label>
          <span>{t("admin.audit.from")}</span>
          <input type="date" name="from" defaultValue={d.filters.from} {...invalidProps(d.errors, "from")} />
          <FieldError errors={d.errors} name="from" />
        </label>
        <label>
          <span>{t("admin.audit.to")}</span>
          <input type="date" name="to" defaultValue={d.filters.to} {...invalidProps(d.errors, "to")} />
          <FieldError errors={d.errors} name="to" />
        </label>
        <button type="submit">{t("filter.apply")}</button>
        <Link to={withLang("/admin/audit", lang)}>{t("filter.reset")}</Link>
        <p className="filter-hint muted">{t("admin.audit.daysHint")}</p>
      </Form>

      <p data-testid="audit-total">{tf(lang, "admin.audit.total", { n: formatNumber(lang, d.total) })}</p>
      {d.rows.length === 0 ? (
        <p className="empty">{t("admin.audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="admin-table audit-table">
            <thead>
              <tr>
                <th scope="col">{t("admin.audit.at")}</th>
                <th scope="col">{t("admin.audit.action")}</th>
                <th scope="col">{t("admin.audit.user")}</th>
                <th scope="col">{t("admin.audit.target")}</th>
                <th scope="col">{t("admin.audit.detail")}</th>
                <th scope="col">{t("admin.audit.ip")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} data-action={r.action}>
                  <td>{beijingTime(r.at)}</td>
                  <td>{actionLabel(r.action)}</td>
                  <td>{r.userName ?? "—"}</td>
                  <td className="text-cell">{r.target ?? ""}</td>
                  <td className="text-cell"><code className="audit-detail" title={r.fullDetail ?? undefined}>{r.detail}</code></td>
                  <td>{r.ip ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={tf(lang, "items.page", { p: d.page, n: d.pages })}>
        {d.page > 1 ? <Link to={pageHref(d.page - 1)} rel="prev">{t("items.prev")}</Link> : <span />}
        <span>{tf(lang, "items.page", { p: d.page, n: d.pages })}</span>
        {d.page < d.pages ? <Link to={pageHref(d.page + 1)} rel="next">{t("items.next")}</Link> : <span />}
      </nav>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
