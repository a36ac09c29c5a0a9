// The shell every chart shares: a figure with a visible title and description, the SVG (named by its own
// <title>/<desc>), an optional legend, and the same numbers as a table in <details>. Server-rendered, no effects.
import { useId, type ReactNode } from "react";
import { FONT_SIZE } from "./layout";

export interface LegendItem {
  key: string;
  label: string;
  color: string;
}

/** The texts every chart takes from the page (Chinese or English; charts never import the catalogue). */
export interface ChartTexts {
  /** Visible heading and the SVG's <title>. */
  title: string;
  /** One sentence under the heading and the SVG's <desc>. */
  description: string;
  /** The <summary> of the collapsed data table. */
  tableLabel: string;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyText: string;
  /** The heading element for the title; pick it to fit the page outline. Default 3 (<h3>). */
  headingLevel?: 2 | 3 | 4;
}

export interface ChartFrameProps extends ChartTexts {
  /** True: only the title, description and emptyText are shown (no SVG, legend or table). */
  empty: boolean;
  width: number;
  height: number;
  legend?: LegendItem[];
  /** How legend swatches are drawn: a short line (line charts) or a square (bars). */
  legendShape?: "line" | "square";
  /** The SVG's content (marks, axes). */
  children?: ReactNode;
  /** The table's content: <thead> with a header row and <tbody>. */
  table?: ReactNode;
}

export function ChartFrame(props: ChartFrameProps) {
  const { title, description, tableLabel, emptyText, empty, width, height, legend, legendShape = "square" } = props;
  const id = useId();
  const titleId = `${id}title`;
  const descId = `${id}desc`;
  const Heading = `h${props.headingLevel ?? 3}` as "h2" | "h3" | "h4";
  return (
    <figure className="chart">
      <figcaption>
        <Heading className="chart-title">{title}</Heading>
        <p className="chart-description">{description}</p>
      </figcaption>
      {empty ? (
        <p className="empty chart-empty">{emptyText}</p>
      ) : (
        <>
          {legend && legend.length > 0 ? (
            <ul className="chart-legend">
              {legend.map((item) => (
                <li key={item.key}>
                  <svg width="16" height="10" viewBox="0 0 16 10" aria-hidden="true" focusable="false">
                    {legendShape === "line" ? (
                      <line x1="1" y1="5" x2="15" y2="5" stroke={item.color} strokeWidth="3" strokeLinecap="round" />
                    ) : (
                      <rect x="3" y="0" width="10" height="10" fill={item.color} />
                    )}
                  </svg>
                  {item.label}
                </li>
              ))}
            </ul>
          ) : null}
          <svg
            className="chart-svg"
            viewBox={`0 0 ${width} ${height}`}
            width="100%"
            preserveAspectRatio="xMidYMid meet"
            role="img"
            aria-labelledby={`${titleId} ${descId}`}
            fontSize={FONT_SIZE}
          >
            <title id={titleId}>{title}</title>
            <desc id={descId}>{description}</desc>
            {props.children}
          </svg>
          <details className="chart-data">
            <summary>{tableLabel}</summary>
            <div className="table-wrap">
              <table>{props.table}</table>
            </div>
          </details>
        </>
      )}
    </figure>
  );
}

/** A table cell's or mark's content, linked when the datum has an href. */
export function MaybeLink({ href, children }: { href?: string; children: ReactNode }) {
  return href ? <a href={href}>{children}</a> : <>{children}</>;
}
