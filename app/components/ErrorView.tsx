// The one way pages show an error: status, a friendly message, and a way back. Used by error boundaries.
import { Link, isRouteErrorResponse } from "@remix-run/react";
import { useLang, withLang } from "~/i18n/use-lang";

export function ErrorView({ error }: { error: unknown }) {
  const { lang, t } = useLang();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const notFound = status === 404;
  // Details of unexpected errors stay in the server log; only the dev build shows them on the page.
  const detail = !isRouteErrorResponse(error) && import.meta.env.DEV && error instanceof Error ? error.message : null;
  return (
    <section className="error" role="alert">
      <h1>{notFound ? t("error.notFound") : `${t("error.title")} (${status})`}</h1>
      <p>{notFound ? t("error.notFoundHint") : t("error.generic")}</p>
      <p className="muted">
        {t("error.status")}: {status}
      </p>
      {detail ? <pre className="error-detail">{detail}</pre> : null}
      <p>
        <Link to={withLang("/", lang)}>{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
