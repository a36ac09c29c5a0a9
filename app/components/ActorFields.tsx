// Who is acting (recorded with a correction, an exclusion or a settings change) and an optional note: the same
// fields as the item page's forms ("by", "note").
import { useLang } from "~/i18n/use-lang";

export function ActorFields({ note = true, errors = {}, values = {} }: { note?: boolean; errors?: Record<string, string>; values?: Record<string, string> }) {
  const { t } = useLang();
  return (
    <>
      <label>
        <span>{t("item.yourName")}</span>
        <input name="by" required maxLength={40} defaultValue={values.by} aria-invalid={errors.by ? true : undefined} aria-describedby={errors.by ? "by-error" : undefined} />
        {errors.by ? <span className="field-error" id="by-error">{errors.by}</span> : null}
      </label>
      {note ? (
        <label>
          <span>{t("item.note")}</span>
          <input name="note" maxLength={200} defaultValue={values.note} />
        </label>
      ) : null}
    </>
  );
}
