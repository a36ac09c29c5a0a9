// How the bulletin writes numbers, rates, changes and dates: the dashboard's own formatters (messages.ts and
// lib/format.ts) fixed to Chinese, so a figure reads the same in the bulletin as on the page.
import { formatNumber, formatPercent } from "../i18n/messages";
import { beijingTime, formatPoints, oneDecimal } from "../lib/format";
import type { Compared } from "../../db/metrics/comparison";

const LANG = "zh-CN" as const;

/** 1,234 */
export const count = (n: number | null | undefined): string => (n === null || n === undefined || !Number.isFinite(n) ? "—" : formatNumber(LANG, n));
/** 95.2% */
export const percent = (rate: number | null | undefined): string => formatPercent(LANG, rate);
/** 2.5 (working days, scores) */
export const decimal = (v: number | null | undefined): string => oneDecimal(LANG, v);
/** 2026-10-31 18:40 (Beijing time) */
export const dateTime = (ms: number | null | undefined): string => beijingTime(ms);
/** 2026-10-31 */
export const date = (ms: number | null | undefined): string => beijingTime(ms).slice(0, 10);

/** "2026-10-01" → "2026年10月1日"; with `sameYear` the year is left out ("10月1日"). */
export function dayCn(day: string, sameYear = false): string {
  const [y, m, d] = day.split("-").map(Number);
  return sameYear ? `${m}月${d}日` : `${y}年${m}月${d}日`;
}

/** "2026-10-31 18:40" → "2026年10月31日18时40分" (the cut-off as formal text). */
export function dateTimeCn(ms: number): string {
  const text = beijingTime(ms);
  const [day, time] = text.split(" ");
  const [h, min] = time.split(":").map(Number);
  return `${dayCn(day)}${h}时${String(min).padStart(2, "0")}分`;
}

/** The value of a figure in its format: "1,234", "95.2%", "2.5". */
export function figureValue(v: number | null, format: "count" | "percent" | "days"): string {
  return format === "percent" ? percent(v) : format === "days" ? decimal(v) : count(v);
}

/**
 * A change as the table prints it, signed: counts relative ("+12.3%"), rates in points ("+1.3个百分点");
 * "—" without comparison data. Zero after rounding is "持平", the same rule the sentences use.
 */
export function changeCell(c: Compared, which: "previous" | "yearAgo"): string {
  const change = which === "previous" ? c.vsPrevious : c.vsYearAgo;
  if (change === null) return "—";
  const magnitude = c.kind === "rate" ? formatPoints(LANG, change) : percent(Math.abs(change));
  if (isFlat(c.kind, change)) return "持平";
  return `${change > 0 ? "+" : "-"}${magnitude}${c.kind === "rate" ? "个百分点" : ""}`;
}

/** True when a change rounds to zero at the one decimal the bulletin prints. */
export function isFlat(kind: "count" | "rate", change: number): boolean {
  return kind === "rate" ? formatPoints(LANG, change) === formatPoints(LANG, 0) : percent(Math.abs(change)) === percent(0);
}

/** The unsigned size of a change as the sentences print it: "12.3%" or "1.3个百分点". */
export function changeMagnitude(kind: "count" | "rate", change: number): string {
  return kind === "rate" ? `${formatPoints(LANG, change)}个百分点` : percent(Math.abs(change));
}
