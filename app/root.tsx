import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorView } from "~/components/ErrorView";
import { langFromSearch, t, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { currentSession } from "~/lib/auth.server";
import { getIsDemoData } from "~/lib/settings.server";
import { useNonce } from "~/nonce";
import styles from "~/styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ location }) => [{ title: t(langFromSearch(location.search), "app.title") }];

export function loader({ request }: LoaderFunctionArgs) {
  const session = currentSession(request);
  return {
    demo: getIsDemoData(),
    user: session ? { name: session.user.name, role: session.user.role, department: session.user.departmentName } : null,
    csrfToken: session?.csrfToken ?? null,
  };
}

const NAV: { to: string; label: MessageKey }[] = [
  { to: "/", label: "nav.overview" },
  { to: "/departments", label: "nav.departments" },
  { to: "/topics", label: "nav.topics" },
  { to: "/feedback", label: "nav.feedback" },
  { to: "/weibo", label: "nav.weibo" },
  { to: "/items", label: "nav.items" },
  { to: "/volume", label: "nav.volume" },
  { to: "/bulletin", label: "nav.bulletin" },
  { to: "/settings", label: "nav.settings" },
];

/** Shared document shell for the app and the root error boundary. */
export function Layout({ children }: { children: ReactNode }) {
  const { lang, t } = useLang();
  const { pathname } = useLocation();
  // Undefined when the root loader itself failed; the page then renders without the badge.
  const data = useRouteLoaderData<typeof loader>("root");
  const switchTo = lang === "en" ? pathname : `${pathname}?lang=en`;
  // The CSP nonce of this document (server only), so Remix's inline hydration scripts may run.
  const nonce = useNonce();
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="site-header">
          <Link to={withLang("/", lang)} className="brand">
            {`${t("app.brand")} · `}
            <span className="subtitle">{t("app.subtitle")}</span>
          </Link>
          {data?.demo ? (
            <span className="badge badge-demo" title={t("app.demoBadgeTitle")}>
              {t("app.demoBadge")}
            </span>
          ) : null}
          {data?.user ? (
            <form method="post" action="/logout" className="account">
              <span className="account-name">
                {data.user.name} · {t(`auth.role.${data.user.role}` as MessageKey)}
                {data.user.department ? ` · ${data.user.department}` : ""}
              </span>
              <input type="hidden" name="_csrf" value={data.csrfToken ?? ""} />
              <button type="submit" className="link-button">{t("auth.logout")}</button>
            </form>
          ) : null}
          <Link to={switchTo} className="lang-switch" hrefLang={lang === "en" ? "zh-CN" : "en"}>
            {t("app.switchLang")}
          </Link>
          <nav className="site-nav" aria-label={t("app.brand")}>
            {NAV.map((n) => (
              <NavLink key={n.to} to={withLang(n.to, lang)} end={n.to === "/"}>
                {t(n.label)}
              </NavLink>
            ))}
            {/* The admin pages (accounts, catalogue, imports, audit log), for admins only. */}
            {data?.user?.role === "admin" ? <NavLink to={withLang("/admin", lang)}>{t("nav.admin")}</NavLink> : null}
          </nav>
        </header>
        <main className="site-main">{children}</main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
