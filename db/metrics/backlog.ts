// Open items by deadline as of the data cut-off: due soon (临期, orange) and overdue (超期, red). "Open" means not
// yet answered, and includes overdue items.
import { and, gte, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { items } from "../schema";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { openCondition } from "./rates";
import { filterConditions, type MetricFilters } from "./scope";
import { addWorkdays } from "./workdays";

export interface Backlog {
  open: number;
  dueSoon: number;
  overdue: number;
  /** The instant the counts are as of, and the end of the due-soon window. */
  asOf: number;
  dueSoonUntil: number;
}

/** The due-soon window: from asOf to the same time `dueSoonWorkdays` working days later. */
export function dueSoonUntil(asOf: number, d: MetricDefinitions = METRIC_DEFINITIONS): number {
  return addWorkdays(asOf, d.dueSoonWorkdays).deadline;
}

export function backlog(db: Db, f: MetricFilters, asOf: number, d: MetricDefinitions = METRIC_DEFINITIONS): Backlog {
  const until = dueSoonUntil(asOf, d);
  const row = db
    .select({
      open: sql<number>`count(*)`,
      overdue: sql<number>`coalesce(sum(case when ${items.deadlineAt} < ${asOf} then 1 else 0 end), 0)`,
      dueSoon: sql<number>`coalesce(sum(case when ${items.deadlineAt} >= ${asOf} and ${items.deadlineAt} <= ${until} then 1 else 0 end), 0)`,
    })
    .from(items)
    // Items received after the cut-off do not exist yet as far as the figures are concerned.
    .where(and(openCondition(), lte(items.receivedAt, asOf), ...filterConditions(db, f)))
    .get()!;
  return { ...row, asOf, dueSoonUntil: until };
}

/** Conditions for the items behind the backlog numbers (for item lists and links). */
export function backlogConditions(kind: "open" | "dueSoon" | "overdue", asOf: number, d: MetricDefinitions = METRIC_DEFINITIONS) {
  const base = [openCondition(), lte(items.receivedAt, asOf)];
  if (kind === "overdue") return and(...base, lt(items.deadlineAt, asOf))!;
  if (kind === "dueSoon") return and(...base, gte(items.deadlineAt, asOf), lte(items.deadlineAt, dueSoonUntil(asOf, d)))!;
  return and(...base)!;
}
