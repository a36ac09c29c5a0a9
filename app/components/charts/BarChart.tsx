// Horizontal bars for rankings and top topics, in the order given. Height grows with the number of rows.
import { scaleLinear } from "d3";
import { ChartFrame, MaybeLink, type ChartTexts } from "./ChartFrame";
import { formatValue, isValue, type ValueFormat } from "./format";
import { CHART_INK, CHART_MUTED, categoricalColor } from "./palette";
import { CHART_WIDTH, FONT_SIZE, r2, textWidth, truncate } from "./layout";

export interface BarRow {
  key: string;
  label: string;
  value: number | null;
  href?: string;
  /** Defaults to the first categorical colour. */
  color?: string;
  /** Extra text for the tooltip and the table (e.g. "+35% vs last week"). */
  note?: string;
}

export interface BarChartProps extends ChartTexts {
  format: ValueFormat;
  /** Suffix for format "days", e.g. " 天" or " d". */
  unit?: string;
  /** The table's value column header. */
  valueLabel: string;
  /** The table's label column header (default empty). */
  labelHeading?: string;
  /** The table's note column header, shown when any row has a note (default empty). */
  noteLabel?: string;
  rows: BarRow[];
}

export const BAR_ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
const PAD_Y = 6;
/** Labels longer than this (viewBox units, 10 CJK characters) are cut with "…" in the SVG. */
const MAX_LABEL_WIDTH = 120;
const GAP = 8;

/** The viewBox height for a number of rows. */
export function barChartHeight(rows: number): number {
  return PAD_Y * 2 + rows * BAR_ROW_HEIGHT;
}

export function BarChart(props: BarChartProps) {
  const { rows, format, unit = "", valueLabel } = props;
  const fmt = (v: number | null) => formatValue(v, format, unit);
  const height = barChartHeight(rows.length);
  if (!rows.some((r) => isValue(r.value))) return <ChartFrame {...props} empty width={CHART_WIDTH} height={height} />;

  const labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(...rows.map((r) => textWidth(r.label, FONT_SIZE))));
  const x0 = Math.ceil(labelWidth + GAP);
  const valueWidth = Math.ceil(Math.max(...rows.map((r) => textWidth(fmt(r.value), FONT_SIZE))) + GAP);
  const max = Math.max(0, ...rows.map((r) => (isValue(r.value) ? r.value : 0)));
  // Lengths from zero; negative values draw no bar (their number is still shown).
  const w = scaleLinear()
    .domain([0, max > 0 ? max : 1])
    .range([0, CHART_WIDTH - x0 - valueWidth]);
  const showNotes = rows.some((r) => r.note);

  return (
    <ChartFrame {...props} empty={false} width={CHART_WIDTH} height={height} table={table()}>
      {rows.map((row, i) => {
        const top = PAD_Y + i * BAR_ROW_HEIGHT;
        const mid = r2(top + BAR_ROW_HEIGHT / 2);
        const len = isValue(row.value) ? r2(Math.max(0, w(row.value))) : 0;
        const tip = `${row.label}: ${fmt(row.value)}${row.note ? ` · ${row.note}` : ""}`;
        return (
          <MaybeLink key={row.key} href={row.href}>
            <g className="chart-bar" data-key={row.key}>
              <title>{tip}</title>
              <text x={x0 - GAP} y={mid} dy="0.32em" textAnchor="end" fill={CHART_INK}>
                {truncate(row.label, labelWidth, FONT_SIZE)}
              </text>
              {isValue(row.value) ? (
                <rect x={x0} y={r2(top + (BAR_ROW_HEIGHT - BAR_HEIGHT) / 2)} width={len} height={BAR_HEIGHT} fill={row.color ?? categoricalColor(0)} />
              ) : null}
              <text x={r2(x0 + len + 4)} y={mid} dy="0.32em" fill={CHART_MUTED} className="chart-value">
                {fmt(row.value)}
              </text>
            </g>
          </MaybeLink>
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
            <th scope="col" className="num">
              {valueLabel}
            </th>
            {showNotes ? <th scope="col">{props.noteLabel ?? ""}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">
                <MaybeLink href={row.href}>{fmt(row.value)}</MaybeLink>
              </td>
              {showNotes ? <td>{row.note ?? ""}</td> : null}
            </tr>
          ))}
        </tbody>
      </>
    );
  }
}
