// Time to reply and to close: median and 90th percentile in working days (and elapsed hours for the hotline),
// over the items received in the period that have been answered / closed.
import { and, isNotNull } from "drizzle-orm";
import type { Db } from "../client";
import { items } from "../schema";
import { receivedIn, type MetricFilters, type TimeRange } from "./scope";
import { workdaysBetween } from "./workdays";

export interface Distribution {
  count: number;
  median: number | null;
  p90: number | null;
}

export interface Timing {
  replyWorkdays: Distribution;
  closeWorkdays: Distribution;
  /** Hotline only: elapsed hours from receipt to reply. */
  replyHours: Distribution;
}

/** Nearest-rank percentile of sorted values (the p-th value, no interpolation: it is a real item's time). */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export function distribution(values: number[]): Distribution {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return { count: list.length, median: percentile(list, 50), p90: percentile(list, 90) };
}

interface TimingRow {
  channel: string;
  receivedAt: number;
  answeredAt: number | null;
  closedAt: number | null;
}

export function timingRows(db: Db, range: TimeRange, f: MetricFilters): TimingRow[] {
  return db
    .select({ channel: items.channel, receivedAt: items.receivedAt, answeredAt: items.answeredAt, closedAt: items.closedAt })
    .from(items)
    .where(and(receivedIn(db, range, f), isNotNull(items.answeredAt)))
    .all();
}

export function timingOf(rows: TimingRow[]): Timing {
  const reply: number[] = [];
  const close: number[] = [];
  const hours: number[] = [];
  for (const r of rows) {
    // A reply stamped before the receipt (a source error, flagged on import) counts as an immediate reply.
    if (r.answeredAt !== null) {
      reply.push(Math.max(0, workdaysBetween(r.receivedAt, r.answeredAt).days));
      if (r.channel === "hotline") hours.push(Math.max(0, (r.answeredAt - r.receivedAt) / 3_600_000));
    }
    if (r.closedAt !== null) close.push(Math.max(0, workdaysBetween(r.receivedAt, r.closedAt).days));
  }
  return { replyWorkdays: distribution(reply), closeWorkdays: distribution(close), replyHours: distribution(hours) };
}

export function timing(db: Db, range: TimeRange, f: MetricFilters): Timing {
  return timingOf(timingRows(db, range, f));
}
