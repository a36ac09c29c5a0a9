// Time series as lines over ordered category labels (days "10-01", months "2026-10"). A null y leaves a gap.
import { line, scaleLinear, scalePoint } from "d3";
import { ChartFrame, MaybeLink, type ChartTexts } from "./ChartFrame";
import { axisTicks, formatValue, isValue, type ValueFormat } from "./format";
import { CHART_GRID, CHART_INK, CHART_MUTED } from "./palette";
import { CHART_WIDTH, FONT_SIZE, r2, textWidth } from "./layout";

export interface LinePoint {
  x: string;
  y: number | null;
  href?: string;
}

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  points: LinePoint[];
}

export interface LineChartProps extends ChartTexts {
  /** The x axis title and the table's first column header. */
  xLabel: string;
  format: ValueFormat;
  /** Suffix for format "days", e.g. " 天" or " d". */
  unit?: string;
  series: LineSeries[];
}

/** Up to this many x values every point gets a dot (and a tooltip); beyond it only linked or isolated points do. */
export const MAX_DOTS = 40;

const HEIGHT = 240;
const TICKS = 5;

export function LineChart(props: LineChartProps) {
  const { series, format, unit = "", xLabel } = props;
  const fmt = (v: number | null) => formatValue(v, format, unit);

  // The x categories in order of first appearance (normally all series share the same list).
  const xs: string[] = [];
  const seen = new Set<string>();
  for (const s of series)
    for (const p of s.points)
      if (!seen.has(p.x)) {
        seen.add(p.x);
        xs.push(p.x);
      }
  const byX = series.map((s) => new Map(s.points.map((p) => [p.x, p])));
  const values = series.flatMap((s) => s.points.flatMap((p) => (isValue(p.y) ? [p.y] : [])));

  const legend = series.map((s) => ({ key: s.key, label: s.label, color: s.color }));
  if (values.length === 0) return <ChartFrame {...props} empty width={CHART_WIDTH} height={HEIGHT} />;

  // Zero baseline for every format: counts and durations are magnitudes, and a rate's natural frame is 0–100%;
  // a zoomed axis would turn a 2-point wobble into a cliff (exact values are in the tooltips and the table).
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const y = scaleLinear()
    .domain(lo === hi ? [0, 1] : [lo, hi])
    .nice(TICKS);
  const ticks = axisTicks(y, TICKS, format, unit);

  const top = 12;
  const bottom = xLabel ? 42 : 26;
  const left = Math.ceil(Math.max(24, ...ticks.map((t) => textWidth(t.label, FONT_SIZE))) + 10);
  const xLabelWidth = Math.max(...xs.map((x) => textWidth(x, FONT_SIZE))) + 10;
  const right = Math.ceil(Math.max(12, xLabelWidth / 2));
  y.range([HEIGHT - bottom, top]);
  const x = scalePoint<string>().domain(xs).range([left, CHART_WIDTH - right]).padding(0.3);
  const px = (v: string) => r2(x(v) ?? 0);
  const py = (v: number) => r2(y(v));
  // Label every step-th x so labels never overlap.
  const step = Math.max(1, Math.ceil(xLabelWidth / Math.max(1, x.step())));

  return (
    <ChartFrame {...props} empty={false} width={CHART_WIDTH} height={HEIGHT} legend={legend} legendShape="line" table={table()}>
      <g className="chart-y-axis" fill={CHART_MUTED}>
        {ticks.map((t) => (
          <g key={t.value}>
            <line x1={left} x2={CHART_WIDTH - right} y1={py(t.value)} y2={py(t.value)} stroke={t.value === 0 ? CHART_MUTED : CHART_GRID} />
            <text x={left - 6} y={py(t.value)} dy="0.32em" textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
      </g>
      <g className="chart-x-axis" fill={CHART_MUTED} textAnchor="middle">
        {xs.map((xv, i) =>
          i % step === 0 ? (
            <text key={xv} x={px(xv)} y={HEIGHT - bottom + 16}>
              {xv}
            </text>
          ) : null,
        )}
        {xLabel ? (
          <text x={r2((left + CHART_WIDTH - right) / 2)} y={HEIGHT - 6} fill={CHART_INK}>
            {xLabel}
          </text>
        ) : null}
      </g>
      {series.map((s, si) => {
        const pts = xs.map((xv) => byX[si].get(xv) ?? { x: xv, y: null });
        const d = line<LinePoint>()
          .defined((p) => isValue(p.y))
          .x((p) => px(p.x))
          .y((p) => py(p.y as number))
          .digits(2)(pts);
        const dots = pts.filter(
          (p, i) => isValue(p.y) && (xs.length <= MAX_DOTS || p.href || (!isValue(pts[i - 1]?.y) && !isValue(pts[i + 1]?.y))),
        );
        return (
          <g key={s.key} className="chart-series" data-series={s.key}>
            {d ? (
              <path d={d} fill="none" stroke={s.color} strokeWidth={2} strokeLinejoin="round" strokeLinecap="round">
                <title>{s.label}</title>
              </path>
            ) : null}
            {dots.map((p) => (
              <MaybeLink key={p.x} href={p.href}>
                <circle cx={px(p.x)} cy={py(p.y as number)} r={3.5} fill={s.color} stroke="#ffffff" strokeWidth={1}>
                  <title>{`${s.label} · ${p.x}: ${fmt(p.y)}`}</title>
                </circle>
              </MaybeLink>
            ))}
          </g>
        );
      })}
    </ChartFrame>
  );

  function table() {
    return (
      <>
        <thead>
          <tr>
            <th scope="col">{xLabel}</th>
            {series.map((s) => (
              <th key={s.key} scope="col" className="num">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xs.map((xv) => (
            <tr key={xv}>
              <th scope="row">{xv}</th>
              {series.map((s, si) => {
                const p = byX[si].get(xv);
                return (
                  <td key={s.key} className="num">
                    <MaybeLink href={p && isValue(p.y) ? p.href : undefined}>{fmt(p?.y ?? null)}</MaybeLink>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </>
    );
  }
}
