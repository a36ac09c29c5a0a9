// Number formats shared by marks, tooltips, axis labels and data tables.
import { format as d3format, type ScaleLinear } from "d3";

/** "count": 12,345 · "percent": a rate 0–1 shown as 85.3% · "days": 3.5 plus the `unit` suffix (e.g. " 天", " d"). */
export type ValueFormat = "count" | "percent" | "days";

/** Shown for a missing (null) value in tables and tooltips. */
export const MISSING = "—";

const COUNT = d3format(",.0f");
const PERCENT = d3format(".1%");
const DAYS = d3format(",.1f");

/** The one formatter for a value: marks, tooltips and table cells all go through it. */
export function formatValue(value: number | null | undefined, format: ValueFormat, unit = ""): string {
  if (value == null || !Number.isFinite(value)) return MISSING;
  if (format === "percent") return PERCENT(value);
  if (format === "days") return `${DAYS(value)}${unit}`;
  return COUNT(value);
}

/** Axis ticks: as few decimals as the tick step needs (20%, 2.5 天, 1,000); count axes keep whole numbers only. */
export function axisTicks(
  scale: ScaleLinear<number, number>,
  count: number,
  format: ValueFormat,
  unit = "",
): { value: number; label: string }[] {
  let ticks = scale.ticks(count);
  if (format === "count") ticks = ticks.filter((t) => Number.isInteger(t));
  const f = scale.tickFormat(count, format === "percent" ? "%" : format === "days" ? ",f" : ",d");
  return ticks.map((value) => ({ value, label: format === "days" ? `${f(value)}${unit}` : f(value) }));
}

/** A drawable value: not null, not NaN or infinite. */
export function isValue(v: number | null | undefined): v is number {
  return v != null && Number.isFinite(v);
}
