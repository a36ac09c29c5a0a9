import { useLocation } from "@remix-run/react";
import { langFromSearch, t, type Lang, type MessageKey } from "./messages";

/** The current page language (from ?lang=) and a bound `t`. Works in error boundaries too. */
export function useLang(): { lang: Lang; t: (key: MessageKey) => string } {
  const { search } = useLocation();
  const lang = langFromSearch(search);
  return { lang, t: (key) => t(lang, key) };
}

/** A path with the current language kept: withLang("/", "en") → "/?lang=en". */
export function withLang(path: string, lang: Lang): string {
  return lang === "en" ? `${path}${path.includes("?") ? "&" : "?"}lang=en` : path;
}
