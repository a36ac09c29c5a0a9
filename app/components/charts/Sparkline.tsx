// A tiny inline trend for KPI cards. Scaled min–max (the shape of the trend, not its magnitude); null = gap.
import { line, scaleLinear } from "d3";
import { isValue } from "./format";
import { CATEGORICAL_COLORS } from "./palette";
import { r2 } from "./layout";

export interface SparklineProps {
  points: (number | null)[];
  /** The accessible name and hover text, e.g. "近 30 天热线量：由 120 升至 168". */
  label: string;
  color?: string;
}

export const SPARKLINE_VIEWBOX = "0 0 100 24";
const PAD = 2.5;

export function Sparkline({ points, label, color = CATEGORICAL_COLORS[0] }: SparklineProps) {
  const values = points.filter(isValue);
  const n = points.length;
  const x = (i: number) => r2(n <= 1 ? 50 : PAD + (i * (100 - 2 * PAD)) / (n - 1));
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 0;
  const y = scaleLinear()
    .domain([lo, hi])
    .range(lo === hi ? [12, 12] : [24 - PAD, PAD]);
  const d = line<number | null>()
    .defined(isValue)
    .x((_, i) => x(i))
    .y((v) => r2(y(v as number)))
    .digits(2)(points);
  let last = -1;
  for (let i = n - 1; i >= 0 && last < 0; i--) if (isValue(points[i])) last = i;
  // Points with no neighbour on either side would be invisible as a line; draw them as dots.
  const lone = points.flatMap((v, i) => (isValue(v) && i !== last && !isValue(points[i - 1]) && !isValue(points[i + 1]) ? [i] : []));
  return (
    <svg className="sparkline" viewBox={SPARKLINE_VIEWBOX} width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-label={label}>
      <title>{label}</title>
      {d && values.length > 1 ? <path d={d} fill="none" stroke={color} strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" /> : null}
      {lone.map((i) => (
        <circle key={i} cx={x(i)} cy={r2(y(points[i] as number))} r={1.2} fill={color} />
      ))}
      {last >= 0 ? <circle cx={x(last)} cy={r2(y(points[last] as number))} r={2} fill={color} /> : null}
    </svg>
  );
}
