// The operational rates (答复率, 按时答复率, 办结率, 满意率) and the assessment-style 三率, for a period and filters.
// Definitions: db/metrics/definitions.ts (METRIC_HELP), which the dashboard and the bulletin print.
import { and, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { items } from "../schema";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { countWhere, filterConditions, ratio, receivedIn, within, type MetricFilters, type TimeRange } from "./scope";

/** Counts over the items received in the period: the numerators and denominators behind every rate. */
export interface RateCounts {
  received: number;
  answered: number;
  /** Closed, or for hotline work orders with a return visit, solved (fully or partly). */
  resolved: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** 有效回访: hotline return visits with a rating (满意 / 基本满意 / 不满意). */
  validVisits: number;
  visitsContacted: number;
  visitsSolved: number;
  visitsSatisfied: number;
  visitsBasicallySatisfied: number;
  excluded: number;
}

/** On-time reply: items whose deadline fell in the period, or that were answered in it. */
export interface OnTimeCounts {
  due: number;
  onTime: number;
}

export interface Rates {
  replyRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  /** Assessment-style 三率 over valid return visits (hotline); null without return visits. */
  responseRate3: number | null;
  solvedRate3: number | null;
  satisfactionRate3: number | null;
}


/** The SELECT list of RateCounts, reused by grouped queries (ranking, trends). */
export function rateCountColumns() {
  const validVisit = sql`${items.channel} = 'hotline' AND ${items.returnVisitAt} IS NOT NULL AND ${items.satisfaction} IN ('satisfied', 'basically_satisfied', 'dissatisfied')`;
  return {
    received: sql<number>`count(*)`,
    answered: countWhere(sql`${items.answeredAt} IS NOT NULL`),
    resolved: countWhere(sql`(CASE WHEN ${items.channel} = 'hotline' AND ${items.returnVisitAt} IS NOT NULL AND ${items.solved} IS NOT NULL
      THEN ${items.solved} IN ('yes', 'partly') ELSE ${items.closedAt} IS NOT NULL END)`),
    satisfied: countWhere(sql`${items.satisfaction} = 'satisfied'`),
    basicallySatisfied: countWhere(sql`${items.satisfaction} = 'basically_satisfied'`),
    dissatisfied: countWhere(sql`${items.satisfaction} = 'dissatisfied'`),
    validVisits: countWhere(validVisit),
    visitsContacted: countWhere(sql`${validVisit} AND ${items.firstContactAt} IS NOT NULL`),
    visitsSolved: countWhere(sql`${validVisit} AND ${items.solved} = 'yes'`),
    visitsSatisfied: countWhere(sql`${validVisit} AND ${items.satisfaction} = 'satisfied'`),
    visitsBasicallySatisfied: countWhere(sql`${validVisit} AND ${items.satisfaction} = 'basically_satisfied'`),
    excluded: countWhere(sql`${items.excluded} = 1`),
  };
}

export function rateCounts(db: Db, range: TimeRange, f: MetricFilters): RateCounts {
  return db.select(rateCountColumns()).from(items).where(receivedIn(db, range, f)).get()!;
}

/**
 * Deadlines in the period or answers in it. An item not yet answered whose deadline is still ahead of `asOf`
 * is not late yet, so it is left out until it is answered or its deadline passes.
 */
export function onTimeCounts(db: Db, range: TimeRange, f: MetricFilters, asOf: number): OnTimeCounts {
  return db.select(onTimeColumns()).from(items).where(onTimeWhere(db, range, f, asOf)).get()!;
}

/** The same counts per routed department, in one pass (the ranking needs every unit's). */
export function onTimeCountsByDepartment(db: Db, range: TimeRange, f: MetricFilters, asOf: number): Map<number | null, OnTimeCounts> {
  const rows = db
    .select({ departmentId: items.routedDepartmentId, ...onTimeColumns() })
    .from(items)
    .where(onTimeWhere(db, range, f, asOf))
    .groupBy(items.routedDepartmentId)
    .all();
  return new Map(rows.map(({ departmentId, ...c }) => [departmentId, c]));
}

function onTimeColumns() {
  return { due: sql<number>`count(*)`, onTime: countWhere(sql`${items.answeredAt} <= ${items.deadlineAt}`) };
}

function onTimeWhere(db: Db, range: TimeRange, f: MetricFilters, asOf: number): SQL {
  return and(
    or(within(sql`${items.deadlineAt}`, range), within(sql`${items.answeredAt}`, range)),
    sql`${items.deadlineAt} IS NOT NULL`,
    or(sql`${items.answeredAt} IS NOT NULL`, lte(items.deadlineAt, asOf)),
    ...filterConditions(db, f),
  )!;
}

export function ratesFrom(c: RateCounts, onTime: OnTimeCounts | null, d: MetricDefinitions = METRIC_DEFINITIONS): Rates {
  const w = d.basicallySatisfiedWeight;
  return {
    replyRate: ratio(c.answered, c.received),
    onTimeRate: onTime ? ratio(onTime.onTime, onTime.due) : null,
    resolutionRate: ratio(c.resolved, c.received),
    satisfactionRate: ratio(c.satisfied + w * c.basicallySatisfied, c.satisfied + c.basicallySatisfied + c.dissatisfied),
    responseRate3: ratio(c.visitsContacted, c.validVisits),
    solvedRate3: ratio(c.visitsSolved, c.validVisits),
    satisfactionRate3: ratio(c.visitsSatisfied + w * c.visitsBasicallySatisfied, c.validVisits),
  };
}

/** Composite score out of 100 over the rates a unit has (weights renormalised over the present ones). */
export function compositeScore(r: Rates, d: MetricDefinitions = METRIC_DEFINITIONS): number | null {
  const parts: [number | null, number][] = [
    [r.replyRate, d.compositeWeights.reply],
    [r.resolutionRate, d.compositeWeights.resolution],
    [r.satisfactionRate, d.compositeWeights.satisfaction],
  ];
  let sum = 0;
  let weight = 0;
  for (const [rate, w] of parts) {
    if (rate === null) continue;
    sum += rate * w;
    weight += w;
  }
  return weight > 0 ? (100 * sum) / weight : null;
}

/** Unanswered items (any receipt time) that pass the filters. */
export function openCondition(): SQL {
  return and(isNull(items.repliedAt), isNull(items.closedAt))!;
}
