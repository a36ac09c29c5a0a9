// Building the daily rollups (schema: rollup_*): per Shanghai receipt day, the counts behind every period figure,
// computed from `items` with the same expressions the metric functions use on items, so both give one answer.
// Triggers mark receipt days dirty on every item write; refreshRollups recomputes just those days (or everything,
// when most days are dirty) in one transaction. Call it after bulk writes; readers never depend on it for
// correctness (db/metrics/rollup-scope.ts falls back to items while any day is dirty).
import type Database from "better-sqlite3";
import { and, getTableColumns, gte, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import {
  items, rollupAnswerTimes, rollupAnswerTimesByDepartment, rollupAnswerTimesByDepartmentMonthly, rollupAnswerTimesMonthly,
  rollupDue, rollupDueMonthly, rollupOpen, rollupReceived, rollupReceivedMonthly,
} from "../schema";
import { monthStartDayNumberOf, monthStartDayNumberSqlText, shanghaiDayNumberSql, shanghaiDayNumberStart } from "../time";
import { openCondition, rateCountColumns } from "./rates";
import { countWhere } from "./scope";
import { itemAnswerTenths } from "./timing";

const day = shanghaiDayNumberSql(items.receivedAt);
const department = sql<number>`coalesce(${items.routedDepartmentId}, 0)`;
const topic = sql<number>`coalesce(${items.routedTopicId}, 0)`;
const excluded = sql<number>`${items.excluded}`;

function receivedSelect(db: Db, where: SQL | undefined) {
  const { excluded: excludedCount, ...counts } = rateCountColumns();
  const fields = {
    day, channel: items.channel, departmentId: department, topicId: topic, excluded, ...counts, excludedCount,
    negative: countWhere(sql`${items.sentiment} = 'negative'`),
    positive: countWhere(sql`${items.sentiment} = 'positive'`),
    sentimentScored: countWhere(sql`${items.sentiment} IS NOT NULL`),
  };
  return [fields, db.select(fields).from(items).where(where).groupBy(day, items.channel, department, topic, excluded)] as const;
}

function dueSelect(db: Db, where: SQL | undefined) {
  const deadlineDay = shanghaiDayNumberSql(items.deadlineAt);
  const answerDay = sql<number>`coalesce(${shanghaiDayNumberSql(items.answeredAt)}, -1)`;
  const fields = {
    day, deadlineDay, answerDay, channel: items.channel, departmentId: department, excluded,
    due: sql<number>`count(*)`, onTime: countWhere(sql`${items.answeredAt} <= ${items.deadlineAt}`),
  };
  return [fields, db.select(fields).from(items).where(and(where, isNotNull(items.deadlineAt)))
    .groupBy(day, deadlineDay, answerDay, items.channel, department, excluded)] as const;
}

function openSelect(db: Db, where: SQL | undefined) {
  const deadlineDay = sql<number>`coalesce(${shanghaiDayNumberSql(items.deadlineAt)}, -1)`;
  const fields = { day, deadlineDay, channel: items.channel, departmentId: department, topicId: topic, excluded, open: sql<number>`count(*)` };
  return [fields, db.select(fields).from(items).where(and(where, openCondition()))
    .groupBy(day, deadlineDay, items.channel, department, topic, excluded)] as const;
}

/** INSERT INTO table (columns of the select's keys, in order) SELECT … */
function insertFrom(sqlite: Database.Database, table: SQLiteTable, [fields, query]: readonly [Record<string, unknown>, { toSQL(): { sql: string; params: unknown[] } }]) {
  const columns = table as unknown as Record<string, SQLiteColumn>;
  const names = Object.keys(fields).map((k) => `"${columns[k].name}"`);
  const { sql: select, params } = query.toSQL();
  sqlite.prepare(`INSERT INTO "${tableName(table)}" (${names.join(", ")}) ${select}`).run(...params);
}

const tableName = (table: SQLiteTable) => (table as unknown as Record<symbol, string>)[Symbol.for("drizzle:Name")];

// Answer times: the per-item rounded time comes from JS (the working-day calendar), once per item and measure,
// into the per-department table; the all-departments table is summed from it.
const ANSWER_TIMES_BY_DEPARTMENT = (where: string) => `
  INSERT INTO rollup_answer_times_by_department (day, measure, department_id, channel, excluded, tenths, n)
  SELECT day, measure, department_id, channel, excluded, tenths, count(*) FROM (
    SELECT (received_at + 28800000) / 86400000 AS day, m.measure AS measure,
      coalesce(routed_department_id, 0) AS department_id, channel, excluded,
      minyi_answer_tenths(m.measure, channel, received_at, answered_at, closed_at) AS tenths
    FROM items, (SELECT 1 AS measure UNION ALL SELECT 2 UNION ALL SELECT 3) AS m
    WHERE answered_at IS NOT NULL ${where}
  ) WHERE tenths IS NOT NULL
  GROUP BY day, measure, department_id, channel, excluded, tenths`;
const ANSWER_TIMES = (where: string) => `
  INSERT INTO rollup_answer_times (day, measure, channel, excluded, tenths, n)
  SELECT day, measure, channel, excluded, tenths, sum(n) FROM rollup_answer_times_by_department
  WHERE 1 ${where} GROUP BY day, measure, channel, excluded, tenths`;

const ROLLUP_TABLES = ["rollup_received", "rollup_due", "rollup_open", "rollup_answer_times", "rollup_answer_times_by_department"];

// Monthly tables: each daily table summed per month (see db/schema.ts). Key columns are mapped, counts summed.
const monthOf = monthStartDayNumberSqlText;
const answered = "answer_day >= 0";
const MONTHLY: { daily: SQLiteTable; monthly: SQLiteTable; keys: Record<string, string> }[] = [
  { daily: rollupReceived, monthly: rollupReceivedMonthly, keys: { day: monthOf("day"), channel: "channel", department_id: "department_id", topic_id: "topic_id", excluded: "excluded" } },
  {
    daily: rollupDue, monthly: rollupDueMonthly,
    keys: {
      day: monthOf("day"), channel: "channel", department_id: "department_id", excluded: "excluded",
      // An unanswered item keeps its exact deadline day: whether it is late yet depends on the cut-off day.
      deadline_day: `CASE WHEN ${answered} THEN ${monthOf("deadline_day")} ELSE deadline_day END`,
      answer_day: `CASE WHEN ${answered} THEN ${monthOf("answer_day")} ELSE -1 END`,
    },
  },
  { daily: rollupAnswerTimes, monthly: rollupAnswerTimesMonthly, keys: { day: monthOf("day"), measure: "measure", channel: "channel", excluded: "excluded", tenths: "tenths" } },
  {
    daily: rollupAnswerTimesByDepartment, monthly: rollupAnswerTimesByDepartmentMonthly,
    keys: { day: monthOf("day"), measure: "measure", department_id: "department_id", channel: "channel", excluded: "excluded", tenths: "tenths" },
  },
];

/** Recomputes the monthly rows of receipt days [from, to) (month starts), or of every month when `from` is null. */
function rebuildMonths(sqlite: Database.Database, from: number | null, to: number | null) {
  const where = from === null ? "" : "WHERE day >= ? AND day < ?";
  const params = from === null ? [] : [from, to];
  for (const { daily, monthly, keys } of MONTHLY) {
    const columns = Object.values(getTableColumns(daily)).map((c) => c.name);
    const sums = columns.filter((c) => !(c in keys));
    const keyNames = Object.keys(keys);
    sqlite.prepare(`DELETE FROM "${tableName(monthly)}" ${where}`).run(...params);
    sqlite
      .prepare(
        `INSERT INTO "${tableName(monthly)}" (${[...keyNames, ...sums].map((c) => `"${c}"`).join(", ")})
         SELECT ${[...keyNames.map((k) => keys[k]), ...sums.map((c) => `sum("${c}")`)].join(", ")}
         FROM "${tableName(daily)}" ${where} GROUP BY ${keyNames.map((_, i) => i + 1).join(", ")}`,
      )
      .run(...params);
  }
}

/** The month-start ranges [from, to) covering the given runs of days, merged. */
function monthRangesOf(runs: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [first, last] of runs) {
    const from = monthStartDayNumberOf(first);
    const to = monthStartDayNumberOf(monthStartDayNumberOf(last) + 31);
    const prev = out[out.length - 1];
    if (prev && from <= prev[1]) prev[1] = Math.max(prev[1], to);
    else out.push([from, to]);
  }
  return out;
}

function registerFunctions(sqlite: Database.Database) {
  sqlite.function("minyi_answer_tenths", { deterministic: true }, (measure, channel, receivedAt, answeredAt, closedAt) =>
    itemAnswerTenths(Number(measure), String(channel), Number(receivedAt), answeredAt == null ? null : Number(answeredAt), closedAt == null ? null : Number(closedAt)),
  );
}

/** Recomputes the rollups of receipt days [from, to] (day numbers), or of every day when `from` is null. */
function rebuild(db: Db, from: number | null, to: number | null) {
  const sqlite: Database.Database = db.$client;
  const range = from === null ? undefined : and(gte(items.receivedAt, shanghaiDayNumberStart(from)), lt(items.receivedAt, shanghaiDayNumberStart(to! + 1)));
  const dayWhere = from === null ? "" : "AND day >= ? AND day <= ?";
  const dayParams = from === null ? [] : [from, to];
  for (const table of ROLLUP_TABLES) sqlite.prepare(`DELETE FROM ${table} WHERE 1 ${dayWhere}`).run(...dayParams);
  insertFrom(sqlite, rollupReceived, receivedSelect(db, range));
  insertFrom(sqlite, rollupDue, dueSelect(db, range));
  insertFrom(sqlite, rollupOpen, openSelect(db, range));
  const receivedWhere = from === null ? "" : "AND received_at >= ? AND received_at < ?";
  sqlite.prepare(ANSWER_TIMES_BY_DEPARTMENT(receivedWhere)).run(...(from === null ? [] : [shanghaiDayNumberStart(from), shanghaiDayNumberStart(to! + 1)]));
  sqlite.prepare(ANSWER_TIMES(dayWhere)).run(...dayParams);
}

/** Consecutive day numbers as [first, last] runs. */
function runsOf(days: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  return runs;
}

export interface RollupRefresh {
  /** Receipt days recomputed (0 when nothing was dirty, null when the database was busy and nothing was done). */
  days: number | null;
  full: boolean;
  ms: number;
}

/**
 * Recomputes the dirty receipt days. With `wait: false` (for page requests) it gives up at once if another
 * connection is writing (a long import), and the pages keep reading items until the next refresh.
 */
export function refreshRollups(db: Db, options: { wait?: boolean } = {}): RollupRefresh {
  const started = performance.now();
  const sqlite: Database.Database = db.$client;
  const dirty = () => sqlite.prepare("SELECT day FROM rollup_dirty_days ORDER BY day").pluck().all() as number[];
  if (dirty().length === 0) return { days: 0, full: false, ms: performance.now() - started };
  registerFunctions(sqlite);
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  if (options.wait === false) sqlite.pragma("busy_timeout = 0");
  try {
    return sqlite.transaction(() => {
      const days = dirty();
      const known = sqlite.prepare("SELECT count(DISTINCT day) FROM rollup_received").pluck().get() as number;
      // Most days dirty (a first build, a re-classification of everything): one pass over the table beats a
      // range scan per run of days.
      const full = days.length * 2 >= known;
      const runs = runsOf(days);
      if (full) {
        rebuild(db, null, null);
        rebuildMonths(sqlite, null, null);
      } else {
        for (const [from, to] of runs) rebuild(db, from, to);
        for (const [from, to] of monthRangesOf(runs)) rebuildMonths(sqlite, from, to);
      }
      sqlite.prepare("DELETE FROM rollup_dirty_days").run();
      return { days: days.length, full, ms: performance.now() - started };
    }).immediate();
  } catch (e) {
    if (options.wait === false && (e as { code?: string }).code?.startsWith("SQLITE_BUSY")) return { days: null, full: false, ms: performance.now() - started };
    throw e;
  } finally {
    if (options.wait === false) sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}
