// The department league table (部门排名): per routed department, volume and every rate, median time to reply,
// overdue now, and the composite score. Units under the minimum sample are listed but not ranked.
import { and, asc, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { departments, items } from "../schema";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { compositeScore, onTimeCountsByDepartment, openCondition, rateCountColumns, ratesFrom, type RateCounts, type Rates } from "./rates";
import { filterConditions, receivedIn, type MetricFilters, type TimeRange } from "./scope";
import { timingOf, type Distribution } from "./timing";

export interface DepartmentRow extends Rates {
  departmentId: number | null;
  name: string;
  counts: RateCounts;
  onTimeDue: number;
  replyWorkdays: Distribution;
  overdue: number;
  composite: number | null;
  /** 1-based rank by composite score; null when under the minimum sample (or no score). */
  rank: number | null;
  belowMinimumSample: boolean;
}

export function departmentRanking(db: Db, range: TimeRange, f: MetricFilters, asOf: number, d: MetricDefinitions = METRIC_DEFINITIONS): DepartmentRow[] {
  const grouped = db
    .select({ departmentId: items.routedDepartmentId, ...rateCountColumns() })
    .from(items)
    .where(receivedIn(db, range, f))
    .groupBy(items.routedDepartmentId)
    .all();
  const ids = grouped.map((g) => g.departmentId).filter((id): id is number => id !== null);
  const names = new Map(
    (ids.length ? db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, ids)).all() : []).map((r) => [r.id, r.name]),
  );
  const overdueByDept = new Map(
    db
      .select({ departmentId: items.routedDepartmentId, n: sql<number>`count(*)` })
      .from(items)
      .where(and(openCondition(), lte(items.receivedAt, asOf), sql`${items.deadlineAt} < ${asOf}`, ...filterConditions(db, f)))
      .groupBy(items.routedDepartmentId)
      .all()
      .map((r) => [r.departmentId, r.n]),
  );
  // Answer times per department, in one pass over the period's answered items.
  const answered = new Map<number | null, ReturnType<typeof timingRowsWithDepartment>>();
  for (const r of timingRowsWithDepartment(db, range, f)) {
    const list = answered.get(r.departmentId) ?? [];
    list.push(r);
    answered.set(r.departmentId, list);
  }
  const onTimeByDept = onTimeCountsByDepartment(db, range, f, asOf);
  const rows: DepartmentRow[] = grouped.map((g) => {
    const { departmentId, ...counts } = g;
    const onTime = onTimeByDept.get(departmentId) ?? { due: 0, onTime: 0 };
    const rates = ratesFrom(counts, departmentId === null ? null : onTime, d);
    const composite = compositeScore(rates, d);
    return {
      departmentId,
      name: departmentId === null ? "" : names.get(departmentId) ?? String(departmentId),
      counts,
      ...rates,
      onTimeDue: onTime.due,
      replyWorkdays: timingOf(answered.get(departmentId) ?? []).replyWorkdays,
      overdue: overdueByDept.get(departmentId) ?? 0,
      composite,
      rank: null,
      belowMinimumSample: counts.received < d.minimumSample,
    };
  });
  const ranked = rows.filter((r) => r.departmentId !== null && !r.belowMinimumSample && r.composite !== null);
  ranked.sort((a, b) => b.composite! - a.composite! || b.counts.received - a.counts.received || a.name.localeCompare(b.name, "zh-CN"));
  ranked.forEach((r, i) => (r.rank = i > 0 && r.composite === ranked[i - 1].composite ? ranked[i - 1].rank : i + 1));
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.counts.received - a.counts.received);
}

function timingRowsWithDepartment(db: Db, range: TimeRange, f: MetricFilters) {
  return db
    .select({ departmentId: items.routedDepartmentId, channel: items.channel, receivedAt: items.receivedAt, answeredAt: items.answeredAt, closedAt: items.closedAt })
    .from(items)
    .where(and(receivedIn(db, range, f), isNotNull(items.answeredAt)))
    .orderBy(asc(items.id))
    .all();
}

