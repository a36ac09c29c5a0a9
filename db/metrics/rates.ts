// The operational rates (答复率, 按时答复率, 办结率, 满意率) and the assessment-style 三率, for a period and filters.
// Definitions: db/metrics/definitions.ts (METRIC_HELP), which the dashboard and the bulletin print.
import { and, gte, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { items, rollupReceived } from "../schema";
import { shanghaiDayNumberOf, shanghaiDayNumberStart } from "../time";
import { METRIC_DEFINITIONS, type MetricDefinitions } from "./definitions";
import { dayRange, dayWithin, departmentOf, rollupFilterConditions, rollupsUsable, rollupTablesFor } from "./rollup-scope";
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

/** The same counts summed from a rollup_received table (it has one column per count). */
export function rollupRateCountColumns(t: typeof rollupReceived) {
  const total = (c: typeof t.received) => sql<number>`coalesce(sum(${c}), 0)`;
  return {
    received: total(t.received), answered: total(t.answered), resolved: total(t.resolved), satisfied: total(t.satisfied),
    basicallySatisfied: total(t.basicallySatisfied), dissatisfied: total(t.dissatisfied), validVisits: total(t.validVisits),
    visitsContacted: total(t.visitsContacted), visitsSolved: total(t.visitsSolved), visitsSatisfied: total(t.visitsSatisfied),
    visitsBasicallySatisfied: total(t.visitsBasicallySatisfied), excluded: total(t.excludedCount),
  };
}

/** Rows of a rollup_received table (daily or monthly) in the period's receipt days that pass the filters. */
export function rollupReceivedIn(db: Db, t: typeof rollupReceived, range: TimeRange, f: MetricFilters): SQL {
  const { from, to } = dayRange(range);
  return and(dayWithin(t.day, from, to), ...rollupFilterConditions(db, t, f))!;
}

export function rateCounts(db: Db, range: TimeRange, f: MetricFilters): RateCounts {
  if (rollupsUsable(db, range)) {
    const t = rollupTablesFor(range).received;
    return db.select(rollupRateCountColumns(t)).from(t).where(rollupReceivedIn(db, t, range, f)).get()!;
  }
  return db.select(rateCountColumns()).from(items).where(receivedIn(db, range, f)).get()!;
}

/**
 * Deadlines in the period or answers in it. An item not yet answered whose deadline is still ahead of `asOf`
 * is not late yet, so it is left out until it is answered or its deadline passes.
 */
export function onTimeCounts(db: Db, range: TimeRange, f: MetricFilters, asOf: number): OnTimeCounts {
  return onTimeCountsByDepartment(db, range, f, asOf, false).get(undefined) ?? { due: 0, onTime: 0 };
}

/** The same counts per routed department (null = not assigned), in one pass: the ranking needs every unit's. */
export function onTimeCountsByDepartment(db: Db, range: TimeRange, f: MetricFilters, asOf: number, grouped = true): Map<number | null | undefined, OnTimeCounts> {
  const out = new Map<number | null | undefined, OnTimeCounts>();
  const addTo = (key: number | null | undefined, c: OnTimeCounts) => {
    const sum = out.get(key) ?? { due: 0, onTime: 0 };
    out.set(key, { due: sum.due + c.due, onTime: sum.onTime + c.onTime });
  };
  // rollup_due has no topic: a topic filter counts from items.
  if (f.topicId !== undefined || !rollupsUsable(db, range)) {
    const key = grouped ? items.routedDepartmentId : sql<null>`'all'`;
    for (const { departmentId, ...c } of db.select({ departmentId: key, ...onTimeColumns() }).from(items).where(onTimeWhere(db, range, f, asOf)).groupBy(key).all()) {
      addTo(grouped ? departmentId : undefined, c);
    }
    return out;
  }
  // Whole days before the cut-off's day come from the rollup; unanswered items due on that day itself are only
  // late once their deadline has passed, so that one day's open items are read from the index on deadlines.
  // (The monthly table keeps unanswered items' exact deadline day for this.)
  const t = rollupTablesFor(range).due;
  const { from, to } = dayRange(range);
  const asOfDay = shanghaiDayNumberOf(asOf);
  const key = grouped ? t.departmentId : sql<number>`'all'`;
  // Two disjoint parts, each read from its own covering index: due in the period, and answered in it but due
  // outside it (an OR would look every row up in the table).
  const part = (inPeriod: SQL) =>
    db
      .select({ departmentId: key, due: sql<number>`coalesce(sum(${t.due}), 0)`, onTime: sql<number>`coalesce(sum(${t.onTime}), 0)` })
      .from(t)
      .where(and(inPeriod, or(sql`${t.answerDay} >= 0`, sql`${t.deadlineDay} < ${asOfDay}`), ...rollupFilterConditions(db, t, f)))
      .groupBy(key)
      .all();
  const rows = [
    ...part(dayWithin(t.deadlineDay, from, to)),
    ...part(and(dayWithin(t.answerDay, from, to), sql`NOT (${t.deadlineDay} >= ${from} AND ${t.deadlineDay} < ${to})`)!),
  ];
  for (const { departmentId, ...c } of rows) addTo(grouped ? departmentOf(departmentId) : undefined, c);
  const dueToday = db
    .select({ departmentId: grouped ? items.routedDepartmentId : sql<null>`NULL`, n: sql<number>`count(*)` })
    .from(items)
    .where(and(
      openCondition(), gte(items.deadlineAt, shanghaiDayNumberStart(asOfDay)), lte(items.deadlineAt, asOf),
      within(sql`${items.deadlineAt}`, range), ...filterConditions(db, f, { viaOtherIndex: true }),
    ))
    .groupBy(grouped ? items.routedDepartmentId : sql`'all'`)
    .all();
  for (const { departmentId, n } of dueToday) addTo(grouped ? departmentId : undefined, { due: n, onTime: 0 });
  return out;
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
