// Chart images for the Word bulletin: the chart component's SVG made standalone, then SVG → PNG with resvg (a
// native binary from npm, no browser). Chinese text needs a CJK font: the system's fonts are loaded
// (fonts-noto-cjk on Linux servers, YaHei / PingFang on desktops).
import { Resvg } from "@resvg/resvg-js";
import { renderToStaticMarkup } from "react-dom/server";
import { CHART_INK } from "../components/charts";
import { FONT_SIZE, textWidth } from "../components/charts/layout";
import { CHART_FONT_FAMILY, type BulletinChart } from "./charts";

/** Pixels per viewBox unit: the 420-unit charts become 1,680 px, about 270 dpi at the 156 mm text width. */
export const RASTER_SCALE = 4;

export function svgToPng(svg: string, width: number): { png: Buffer; width: number; height: number } {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: Math.round(width * RASTER_SCALE) },
    background: "#ffffff",
    font: {
      loadSystemFonts: true,
      // The first family resvg finds of the chart's list is used; this one covers CJK when none is named.
      defaultFontFamily: CHART_FONT_FAMILY.split(",").map((f) => f.trim().replace(/'/g, ""))[2],
      sansSerifFamily: "Noto Sans CJK SC",
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: "off",
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

const LEGEND_ROW = 22;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The chart's SVG as a standalone document for rasterising: the component's own <svg class="chart-svg">
 * nested under a legend row (the page draws the legend in HTML), on white, with the fonts named. Returns null
 * when the chart has nothing to draw (the component then renders no SVG).
 */
export function standaloneSvg(chart: BulletinChart): { svg: string; width: number; height: number } | null {
  const markup = renderToStaticMarkup(chart.element);
  const found = /<svg class="chart-svg"([^>]*)>([\s\S]*?)<\/svg>\s*<details/.exec(markup);
  if (!found) return null;
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(found[1]);
  if (!box) return null;
  const width = Number(box[1]);
  const chartHeight = Number(box[2]);
  // Legend: swatch and label, left to right, wrapping onto further rows.
  const legendParts: string[] = [];
  let x = 0;
  let row = 0;
  for (const item of chart.legend) {
    const w = 16 + 4 + textWidth(item.label, FONT_SIZE) + 16;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const y = row * LEGEND_ROW + LEGEND_ROW / 2;
    legendParts.push(
      `<line x1="${x + 1}" y1="${y}" x2="${x + 15}" y2="${y}" stroke="${item.color}" stroke-width="3" stroke-linecap="round"/>` +
        `<text x="${x + 20}" y="${y}" dy="0.32em" fill="${CHART_INK}">${escapeXml(item.label)}</text>`,
    );
    x += w;
  }
  const legendHeight = chart.legend.length ? (row + 1) * LEGEND_ROW + 4 : 0;
  const height = legendHeight + chartHeight;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${CHART_FONT_FAMILY}" font-size="${FONT_SIZE}">` +
    `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
    `<g class="legend">${legendParts.join("")}</g>` +
    `<svg x="0" y="${legendHeight}" width="${width}" height="${chartHeight}" viewBox="0 0 ${width} ${chartHeight}">${found[2]}</svg>` +
    `</svg>`;
  return { svg, width, height };
}
