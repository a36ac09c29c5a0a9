// Deterministic text measuring for SVG layout on the server: no DOM, so widths are estimated per character.

/** Full-width characters (CJK ideographs, kana, hangul, full-width forms) take about 1 em, others about 0.6 em. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : ch === " " ? 0.3 : 0.6;
  return em * fontSize;
}

/** The text cut to fit `maxWidth`, with "…" when it had to be cut. Counts code points, so no surrogate is split. */
export function truncate(text: string, maxWidth: number, fontSize: number): string {
  if (textWidth(text, fontSize) <= maxWidth) return text;
  const room = maxWidth - textWidth("…", fontSize);
  let out = "";
  let w = 0;
  for (const ch of text) {
    const cw = textWidth(ch, fontSize);
    if (w + cw > room) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/** Coordinates rounded to 0.01 so the markup stays short and stable. */
export function r2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Shared sizes, in viewBox units. 420 wide: on a 390 px phone (~340 px for the chart) it is drawn at ~0.8×, so
 * 12-unit text stays ~10 px; the stylesheet caps the drawing at 40rem so text never grows past ~18 px.
 */
export const CHART_WIDTH = 420;
export const FONT_SIZE = 12;
