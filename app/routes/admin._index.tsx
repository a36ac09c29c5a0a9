// 管理: the admin pages in one list (accounts, catalogue, imports, audit log, and 设置 for the 口径). Admins only.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useRouteError } from "@remix-run/react";
import { ErrorView } from "~/components/ErrorView";
import { langFromSearch, t as translate, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { adminIndex } from "~/lib/admin-users.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "admin.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  return adminIndex(request);
}

const PAGES: { to: string; label: MessageKey; hint: MessageKey }[] = [
  { to: "/admin/users", label: "admin.users.heading", hint: "admin.index.users" },
  { to: "/admin/catalogue", label: "admin.catalogue.heading", hint: "admin.index.catalogue" },
  { to: "/admin/imports", label: "admin.imports.heading", hint: "admin.index.imports" },
  { to: "/admin/audit", label: "admin.audit.heading", hint: "admin.index.audit" },
  { to: "/settings", label: "settings.heading", hint: "admin.index.settings" },
];

export default function AdminIndex() {
  const { lang, t } = useLang();
  return (
    <>
      <h1>{t("admin.heading")}</h1>
      <p className="muted">{t("admin.intro")}</p>
      <ul className="admin-index">
        {PAGES.map((p) => (
          <li key={p.to}>
            <Link to={withLang(p.to, lang)}>{t(p.label)}</Link>
            <span className="muted"> — {t(p.hint)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
