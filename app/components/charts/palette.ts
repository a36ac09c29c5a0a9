// Chart colours. One fixed colour per channel, sentiment and deadline state, plus an 8-colour categorical palette.
// Built on the Okabe–Ito palette: its light members (orange, sky blue, yellow) fall below 3:1 against white, so they
// are replaced by darker hues (Tol's indigo and wine, a brown, a mid grey). Every colour here has at least 3:1
// contrast on white (WCAG 1.4.11) and the categorical set stays apart under simulated protan/deutan/tritan vision
// (Machado 2009): its closest pair differs by ΔE_OK ≥ 0.072, about the same margin as Okabe–Ito itself.

export const CHANNELS = ["hotline", "mailbox", "weibo"] as const;
export type Channel = (typeof CHANNELS)[number];

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export type DeadlineState = "dueSoon" | "overdue";

/** Okabe–Ito blue, bluish green and reddish purple. */
export const CHANNEL_COLORS: Readonly<Record<Channel, string>> = {
  hotline: "#0072B2",
  mailbox: "#009E73",
  weibo: "#CC79A7",
};

/** A diverging vermillion / grey / blue triple (no red–green pair). */
export const SENTIMENT_COLORS: Readonly<Record<Sentiment, string>> = {
  negative: "#D55E00",
  neutral: "#8C8C8C",
  positive: "#0072B2",
};

/** Due soon: a dark amber orange (3.3:1 on white); overdue: a deep red, far darker, so the pair also differs in lightness. */
export const DEADLINE_COLORS: Readonly<Record<DeadlineState, string>> = {
  dueSoon: "#C47F00",
  overdue: "#B2182B",
};

/** For any other series, in this order. */
export const CATEGORICAL_COLORS = [
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#332288", // indigo
  "#8C510A", // brown
  "#882255", // wine
  "#666666", // grey
] as const;

/** The i-th categorical colour, cycling after eight. */
export function categoricalColor(i: number): string {
  const n = CATEGORICAL_COLORS.length;
  return CATEGORICAL_COLORS[((i % n) + n) % n];
}

/** Text, secondary text and grid lines inside charts (the page's --fg, --muted and --line). */
export const CHART_INK = "#1f2328";
export const CHART_MUTED = "#59636e";
export const CHART_GRID = "#d8dee4";

function luminance(hex: string): number {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return 0;
  const v = parseInt(m[1], 16);
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(((v >> 16) & 255) / 255) + 0.7152 * lin(((v >> 8) & 255) / 255) + 0.0722 * lin((v & 255) / 255);
}

/** White or ink, whichever contrasts more with a #rrggbb fill (for labels drawn on a mark). */
export function textColorOn(fill: string): string {
  const l = luminance(fill);
  return (1.05 / (l + 0.05) >= (l + 0.05) / (luminance(CHART_INK) + 0.05) ? "#ffffff" : CHART_INK);
}
