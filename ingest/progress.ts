// A one-line progress bar (rows, rows/s, ETA) on a terminal; silent when stderr is not a TTY.
import type { IngestProgress } from "./load";

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ((p: IngestProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.bytesRead < p.totalBytes) return;
    last = now;
    const fraction = p.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
    const rate = p.elapsedMs ? (p.rows / p.elapsedMs) * 1000 : 0;
    const etaSeconds = fraction > 0 ? ((p.elapsedMs / fraction) * (1 - fraction)) / 1000 : 0;
    const width = 24;
    const filled = Math.round(fraction * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    stream.write(`\r${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${p.rows.toLocaleString()} rows  ${Math.round(rate).toLocaleString()} rows/s  ETA ${formatSeconds(etaSeconds)}   `);
    if (fraction >= 1) stream.write("\n");
  };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const m = Math.floor(s / 60);
  return m ? `${m}m${Math.round(s % 60)}s` : `${Math.round(s)}s`;
}
