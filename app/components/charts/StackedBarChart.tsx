// Horizontal stacked bars: each row split into categories, by count or as 100% shares.
import { scaleLinear, stack, stackOffsetExpand, stackOffsetNone } from "d3";
import { ChartFrame, MaybeLink, type ChartTexts } from "./ChartFrame";
import { formatValue } from "./format";
import { CHART_INK, CHART_MUTED, textColorOn } from "./palette";
import { CHART_WIDTH, FONT_SIZE, r2, textWidth, truncate } from "./layout";

export interface StackCategory<K extends string = string> {
  key: K;
  label: string;
  color: string;
}

export interface StackRow<K extends string = string> {
  key: string;
  label: string;
  /** Counts per category; a missing key counts as 0. */
  values: Partial<Record<K, number>>;
  /** Links per category: the segment and its table cell. */
  hrefs?: Partial<Record<K, string>>;
}

export interface StackedBarChartProps<K extends string = string> extends ChartTexts {
  categories: StackCategory<K>[];
  rows: StackRow<K>[];
  /** "count": bar length is the row total; "share": every bar is 100% and the table shows share and count. */
  mode: "count" | "share";
  /** The table's row label column header (default empty). */
  labelHeading?: string;
  /** When given, the row totals are shown at the bar ends (count mode) and as the table's last column. */
  totalLabel?: string;
}

export const STACK_ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const PAD_Y = 6;
const MAX_LABEL_WIDTH = 120;
const GAP = 8;

export function stackedBarChartHeight(rows: number): number {
  return PAD_Y * 2 + rows * STACK_ROW_HEIGHT;
}

/** "1,234" in count mode; "45.0% (1,234)" in share mode. Segments' tooltips and table cells both use it. */
export function stackCellText(count: number, total: number, mode: "count" | "share"): string {
  if (mode === "count") return formatValue(count, "count");
  return `${formatValue(total > 0 ? count / total : null, "percent")} (${formatValue(count, "count")})`;
}

export function StackedBarChart<K extends string>(props: StackedBarChartProps<K>) {
  const { categories, rows, mode, totalLabel } = props;
  const height = stackedBarChartHeight(rows.length);
  const count = (row: StackRow<K>, k: K) => {
    const v = row.values[k];
    return v != null && Number.isFinite(v) && v > 0 ? v : 0;
  };
  const totals = rows.map((row) => categories.reduce((sum, c) => sum + count(row, c.key), 0));
  if (categories.length === 0 || !totals.some((t) => t > 0)) return <ChartFrame {...props} empty width={CHART_WIDTH} height={height} />;

  const showTotals = totalLabel != null && mode === "count";
  const labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(...rows.map((r) => textWidth(r.label, FONT_SIZE))));
  const x0 = Math.ceil(labelWidth + GAP);
  const totalWidth = showTotals ? Math.ceil(Math.max(...totals.map((t) => textWidth(formatValue(t, "count"), FONT_SIZE))) + GAP) : GAP;
  const maxTotal = Math.max(...totals);
  const x = scaleLinear()
    .domain([0, mode === "share" ? 1 : maxTotal])
    .range([x0, CHART_WIDTH - totalWidth]);

  const layers = stack<StackRow<K>, K>()
    .keys(categories.map((c) => c.key))
    .value((row, k) => count(row, k))
    .offset(mode === "share" ? stackOffsetExpand : stackOffsetNone)(rows);

  return (
    <ChartFrame
      {...props}
      empty={false}
      width={CHART_WIDTH}
      height={height}
      legend={categories.map((c) => ({ key: c.key, label: c.label, color: c.color }))}
      table={table()}
    >
      {rows.map((row, i) => {
        const top = PAD_Y + i * STACK_ROW_HEIGHT;
        const mid = r2(top + STACK_ROW_HEIGHT / 2);
        const barTop = r2(top + (STACK_ROW_HEIGHT - BAR_HEIGHT) / 2);
        return (
          <g key={row.key} className="chart-stack" data-key={row.key}>
            <text x={x0 - GAP} y={mid} dy="0.32em" textAnchor="end" fill={CHART_INK}>
              <title>{row.label}</title>
              {truncate(row.label, labelWidth, FONT_SIZE)}
            </text>
            {categories.map((c, ci) => {
              const n = count(row, c.key);
              if (n === 0) return null;
              const [a, b] = layers[ci][i];
              const sx = r2(x(a));
              const sw = r2(x(b) - x(a));
              const inner = mode === "share" ? formatValue(n / totals[i], "percent") : formatValue(n, "count");
              const fits = textWidth(inner, FONT_SIZE - 1) + 6 <= sw;
              return (
                <MaybeLink key={c.key} href={row.hrefs?.[c.key]}>
                  <g className="chart-segment" data-category={c.key}>
                    <title>{`${row.label} · ${c.label}: ${stackCellText(n, totals[i], mode)}`}</title>
                    <rect x={sx} y={barTop} width={sw} height={BAR_HEIGHT} fill={c.color} stroke="#ffffff" strokeWidth={0.5} />
                    {fits ? (
                      <text x={r2(sx + sw / 2)} y={mid} dy="0.32em" textAnchor="middle" fontSize={FONT_SIZE - 1} fill={textColorOn(c.color)}>
                        {inner}
                      </text>
                    ) : null}
                  </g>
                </MaybeLink>
              );
            })}
            {showTotals ? (
              <text x={r2(x(totals[i]) + 4)} y={mid} dy="0.32em" fill={CHART_MUTED} className="chart-value">
                {formatValue(totals[i], "count")}
              </text>
            ) : null}
          </g>
        );
      })}
      <line x1={x0} x2={x0} y1={PAD_Y} y2={height - PAD_Y} stroke={CHART_MUTED} />
    </ChartFrame>
  );

  function table() {
    return (
      <>
        <thead>
          <tr>
            <th scope="col">{props.labelHeading ?? ""}</th>
            {categories.map((c) => (
              <th key={c.key} scope="col" className="num">
                {c.label}
              </th>
            ))}
            {totalLabel != null ? (
              <th scope="col" className="num">
                {totalLabel}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {categories.map((c) => (
                <td key={c.key} className="num">
                  <MaybeLink href={row.hrefs?.[c.key]}>{stackCellText(count(row, c.key), totals[i], mode)}</MaybeLink>
                </td>
              ))}
              {totalLabel != null ? <td className="num">{formatValue(totals[i], "count")}</td> : null}
            </tr>
          ))}
        </tbody>
      </>
    );
  }
}
