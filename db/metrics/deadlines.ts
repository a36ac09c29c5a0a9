// The reply deadline in effect for an item (items.deadline_at): the source's own deadline (办理时限) when it
// gives one, else the 口径 default for the channel on the official working-day calendar. Imports store it with
// each row; refreshDeadlines recomputes every stored item after the rules change.
import type Database from "better-sqlite3";
import type { Db } from "../client";
import type { Channel } from "../schema";
import { METRIC_DEFINITIONS, type DeadlineRule } from "./definitions";
import { addWorkdays, type CalendarWarning } from "./workdays";

const DAY_MS = 86_400_000;

export type DeadlineRules = Record<Channel, DeadlineRule>;

/** Computes deadlines and remembers the calendar years it had to guess (outside the holiday data). */
export class DeadlineCalculator {
  private readonly warned = new Map<number, CalendarWarning>();

  constructor(private readonly rules: DeadlineRules = METRIC_DEFINITIONS.replyDeadline) {}

  deadline(channel: string, receivedAt: number, dueAt: number | null): number {
    if (dueAt != null) return dueAt;
    const rule = this.rules[channel as Channel] ?? this.rules.hotline;
    if (rule.unit === "days") return receivedAt + rule.amount * DAY_MS;
    const { deadline, warnings } = addWorkdays(receivedAt, rule.amount);
    for (const w of warnings) this.warned.set(w.year, w);
    return deadline;
  }

  /** One warning per year whose holidays the calendar does not know. */
  warnings(): CalendarWarning[] {
    return [...this.warned.values()].sort((a, b) => a.year - b.year);
  }
}

/** Recomputes every item's deadline (e.g. after the deadline rules change), in one transaction. */
export function refreshDeadlines(db: Db, rules?: DeadlineRules): { items: number; warnings: CalendarWarning[] } {
  const sqlite: Database.Database = db.$client;
  const calculator = new DeadlineCalculator(rules);
  sqlite.function("minyi_deadline", { deterministic: true }, (channel: unknown, receivedAt: unknown, dueAt: unknown) =>
    calculator.deadline(String(channel), Number(receivedAt), dueAt == null ? null : Number(dueAt)),
  );
  const result = sqlite.transaction(() =>
    sqlite.prepare("UPDATE items SET deadline_at = minyi_deadline(channel, received_at, due_at)").run(),
  ).immediate();
  return { items: result.changes, warnings: calculator.warnings() };
}
