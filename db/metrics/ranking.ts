// The department league table (部门排名): per routed department, volume and every rate, median time to reply,
// overdue now, and the composite score. Units under the minimum sample are listed but not ranked.
import { inArray } from "drizzle-orm";
import type { Db } from "../client";
import { departments, items } from "../schema";
import { overdueByDepartment } from "./backlog";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { compositeScore, onTimeCountsByDepartment, rateCountColumns, ratesFrom, rollupRateCountColumns, rollupReceivedIn, type RateCounts, type Rates } from "./rates";
import { departmentOf, rollupsUsable, rollupTablesFor } from "./rollup-scope";
import { receivedIn, type MetricFilters, type TimeRange } from "./scope";
import { replyWorkdaysByDepartment, type Distribution } from "./timing";

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
  const t = rollupTablesFor(range).received;
  const grouped = rollupsUsable(db, range)
    ? db
        .select({ departmentId: t.departmentId, ...rollupRateCountColumns(t) })
        .from(t)
        .where(rollupReceivedIn(db, t, range, f))
        .groupBy(t.departmentId)
        .all()
        .map((g) => ({ ...g, departmentId: departmentOf(g.departmentId) }))
    : db
        .select({ departmentId: items.routedDepartmentId, ...rateCountColumns() })
        .from(items)
        .where(receivedIn(db, range, f))
        .groupBy(items.routedDepartmentId)
        .all();
  const ids = grouped.map((g) => g.departmentId).filter((id): id is number => id !== null);
  const names = new Map(
    (ids.length ? db.select({ id: departments.id, name: departments.name }).from(departments).where(inArray(departments.id, ids)).all() : []).map((r) => [r.id, r.name]),
  );
  const overdueByDept = overdueByDepartment(db, f, asOf);
  const replyTimes = replyWorkdaysByDepartment(db, range, f);
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
      replyWorkdays: replyTimes.get(departmentId) ?? { count: 0, median: null, p90: null },
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
