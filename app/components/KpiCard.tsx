// One key figure with its 环比 / 同比 change and its definition as help; the number links to the items behind it.
import { Link } from "@remix-run/react";
import { formatNumber, formatPercent, type Lang } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";

export interface KpiValue {
  value: number | null;
  vsPrevious: number | null;
  vsYearAgo: number | null;
  kind: "count" | "rate";
}

function formatValue(lang: Lang, v: number | null, format: "count" | "percent" | "days", unit: string): string {
  if (v === null) return "—";
  if (format === "percent") return formatPercent(lang, v);
  if (format === "days") return `${new Intl.NumberFormat(lang === "en" ? "en-US" : "zh-CN", { maximumFractionDigits: 1 }).format(v)} ${unit}`;
  return formatNumber(lang, v);
}

function Change({ label, change, kind }: { label: string; change: number | null; kind: "count" | "rate" }) {
  const { lang, t } = useLang();
  if (change === null) return <span className="kpi-change muted">{label} {t("kpi.noComparison")}</span>;
  const arrow = change > 0 ? "▲" : change < 0 ? "▼" : "■";
  const text = kind === "rate"
    ? `${change > 0 ? "+" : ""}${new Intl.NumberFormat(lang === "en" ? "en-US" : "zh-CN", { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(change * 100)} ${t("kpi.points")}`
    : `${change > 0 ? "+" : ""}${formatPercent(lang, change)}`;
  return (
    <span className={`kpi-change ${change > 0 ? "up" : change < 0 ? "down" : ""}`}>
      {label} <span aria-hidden="true">{arrow}</span> {text}
    </span>
  );
}

export function KpiCard({ label, kpi, format, unit = "", help, href, tone }: {
  label: string;
  kpi: KpiValue;
  format: "count" | "percent" | "days";
  unit?: string;
  help: string;
  href?: string;
  tone?: "dueSoon" | "overdue";
}) {
  const { lang, t } = useLang();
  const value = formatValue(lang, kpi.value, format, unit);
  return (
    <div className={`kpi${tone ? ` kpi-${tone}` : ""}`}>
      <dt>
        <abbr title={help}>{label}</abbr>
      </dt>
      <dd className="kpi-value">{href && kpi.value !== null ? <Link to={href}>{value}</Link> : value}</dd>
      <dd className="kpi-changes">
        <Change label={t("kpi.vsPrevious")} change={kpi.vsPrevious} kind={kpi.kind} />
        <Change label={t("kpi.vsYearAgo")} change={kpi.vsYearAgo} kind={kpi.kind} />
      </dd>
    </div>
  );
}
