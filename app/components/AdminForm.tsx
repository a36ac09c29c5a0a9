// Small pieces the admin pages share: a server message (a message key with values, or a text of its own) and a
// field's error shown beside it, linked to the field for screen readers.
import { tf, type MessageKey } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";

/** A message key from the server, filled with `values`; a text that is not a key (a bilingual rule message) as it is. */
export function useServerMessage(): (message: string, values?: Record<string, string | number>) => string {
  const { lang, t } = useLang();
  return (message, values = {}) => (t(message as MessageKey) === undefined ? message : tf(lang, message as MessageKey, values));
}

/** Props for an input with an error: aria-invalid and aria-describedby pointing at the FieldError's id. */
export function invalidProps(errors: Record<string, string>, name: string) {
  return errors[name] ? { "aria-invalid": true as const, "aria-describedby": `${name}-error` } : {};
}

export function FieldError({ errors, name, values }: { errors: Record<string, string>; name: string; values?: Record<string, string | number> }) {
  const message = useServerMessage();
  return errors[name] ? (
    <span className="field-error" id={`${name}-error`}>
      {message(errors[name], values)}
    </span>
  ) : null;
}
