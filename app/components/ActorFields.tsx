// Who is acting (recorded with a correction, an exclusion or a settings change): the signed-in account, shown,
// with the session's CSRF token, and an optional note. The server takes the name from the session, not the form.
import { useRouteLoaderData } from "@remix-run/react";
import { useLang } from "~/i18n/use-lang";

interface RootData {
  user: { name: string } | null;
  csrfToken: string | null;
}

/** The session's CSRF token, for every form that changes data. */
export function CsrfField() {
  const root = useRouteLoaderData("root") as RootData | undefined;
  return <input type="hidden" name="_csrf" value={root?.csrfToken ?? ""} />;
}

export function ActorFields({ note = true, values = {} }: { note?: boolean; errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t } = useLang();
  const root = useRouteLoaderData("root") as RootData | undefined;
  return (
    <>
      <CsrfField />
      <span className="actor">
        {t("item.yourName")}：{root?.user?.name ?? "—"}
      </span>
      {note ? (
        <label>
          <span>{t("item.note")}</span>
          <input name="note" maxLength={200} defaultValue={values.note} />
        </label>
      ) : null}
    </>
  );
}
