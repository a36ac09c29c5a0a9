// Display formats shared by server and client renders (the same text both ways, so hydration agrees).

/** An instant as Beijing wall-clock time, "YYYY-MM-DD HH:mm" (Asia/Shanghai is a fixed UTC+8). */
export function beijingTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** A working-day or hour figure with one decimal. */
export function oneDecimal(lang: "zh-CN" | "en", v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return new Intl.NumberFormat(lang === "en" ? "en-US" : "zh-CN", { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(v);
}

/** A difference of two rates (0–1) in percentage points, one decimal, unsigned: 0.013 → "1.3" (unit by the caller). */
export function formatPoints(lang: "zh-CN" | "en", diff: number | null | undefined): string {
  if (diff === null || diff === undefined || !Number.isFinite(diff)) return "—";
  return oneDecimal(lang, Math.abs(diff) * 100);
}
