// The SQL of the catalogue admin page (管理 › 部门与分类): departments and topics as an admin edits them, and the
// unit names imports could not match (items.department_raw without a department), for adding aliases.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { departments, topics } from "../schema";

export interface DepartmentAdminRow {
  id: number;
  name: string;
  shortName: string | null;
  aliases: string[];
  kind: string;
  sortOrder: number;
  active: boolean;
  /** Department staff accounts attached to it. */
  accounts: number;
}

export interface DepartmentInput {
  name: string;
  shortName: string | null;
  aliases: string[];
  sortOrder: number;
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function listDepartmentsForAdmin(db: Db): DepartmentAdminRow[] {
  return db
    .select({
      id: departments.id, name: departments.name, shortName: departments.shortName, aliases: departments.aliases, kind: departments.kind,
      sortOrder: departments.sortOrder, active: departments.active,
      accounts: sql<number>`(SELECT count(*) FROM users u WHERE u.department_id = ${departments.id})`,
    })
    .from(departments)
    .orderBy(asc(departments.sortOrder), asc(departments.id))
    .all()
    .map((r) => ({ ...r, aliases: parseList(r.aliases) }));
}

export function departmentForAdmin(db: Db, id: number): DepartmentAdminRow | null {
  return listDepartmentsForAdmin(db).find((d) => d.id === id) ?? null;
}

/** The department with this exact name, other than `exceptId`. */
export function departmentNamed(db: Db, name: string, exceptId?: number): { id: number } | null {
  const row = db.select({ id: departments.id }).from(departments).where(eq(departments.name, name)).get();
  return row && row.id !== exceptId ? row : null;
}

export function nextDepartmentSortOrder(db: Db): number {
  return (db.select({ n: sql<number | null>`max(${departments.sortOrder})` }).from(departments).get()?.n ?? -1) + 1;
}

export function createDepartment(db: Db, d: DepartmentInput): number {
  return db.insert(departments).values({ name: d.name, shortName: d.shortName, aliases: JSON.stringify(d.aliases), sortOrder: d.sortOrder }).returning({ id: departments.id }).get().id;
}

export function updateDepartment(db: Db, id: number, d: DepartmentInput): void {
  db.update(departments).set({ name: d.name, shortName: d.shortName, aliases: JSON.stringify(d.aliases), sortOrder: d.sortOrder }).where(eq(departments.id, id)).run();
}

export function setDepartmentActive(db: Db, id: number, active: boolean): boolean {
  return db.update(departments).set({ active }).where(and(eq(departments.id, id), eq(departments.active, !active))).run().changes > 0;
}

export interface TopicAdminRow {
  id: number;
  name: string;
  parentId: number | null;
  level: number;
  keywords: string[];
  sortOrder: number;
}

/** First-level topics in catalogue order, each followed by its second-level topics. */
export function listTopicsForAdmin(db: Db): TopicAdminRow[] {
  const rows = db.select().from(topics).orderBy(asc(topics.sortOrder), asc(topics.id)).all()
    .map((r) => ({ id: r.id, name: r.name, parentId: r.parentId, level: r.level, keywords: parseList(r.keywords), sortOrder: r.sortOrder }));
  const out: TopicAdminRow[] = [];
  for (const top of rows.filter((r) => r.parentId === null)) out.push(top, ...rows.filter((r) => r.parentId === top.id));
  return out;
}

/** The topic named `name` under `parentId` (null: first level), other than `exceptId`. (SQLite's unique index lets NULL parents repeat.) */
export function topicNamed(db: Db, name: string, parentId: number | null, exceptId?: number): { id: number } | null {
  const row = db.select({ id: topics.id }).from(topics).where(and(eq(topics.name, name), parentId === null ? isNull(topics.parentId) : eq(topics.parentId, parentId))).get();
  return row && row.id !== exceptId ? row : null;
}

export function createTopic(db: Db, t: { name: string; parentId: number | null; keywords: string[] }): number {
  const level = t.parentId === null ? 1 : 2;
  const sortOrder = (db.select({ n: sql<number | null>`max(${topics.sortOrder})` }).from(topics)
    .where(t.parentId === null ? isNull(topics.parentId) : eq(topics.parentId, t.parentId)).get()?.n ?? -1) + 1;
  return db.insert(topics).values({ name: t.name, parentId: t.parentId, level, keywords: JSON.stringify(t.keywords), sortOrder }).returning({ id: topics.id }).get().id;
}

export function updateTopic(db: Db, id: number, t: { name: string; keywords: string[] }): void {
  db.update(topics).set({ name: t.name, keywords: JSON.stringify(t.keywords) }).where(eq(topics.id, id)).run();
}

/** Unit names as sources wrote them that matched no department, with their item counts (the partial index items_unmatched_dept_idx). */
export function unmatchedUnitNames(db: Db, limit = 1000): { name: string; items: number }[] {
  return db.$client
    .prepare(
      `SELECT department_raw AS name, count(*) AS items FROM items
       WHERE department_id IS NULL AND department_raw IS NOT NULL GROUP BY department_raw ORDER BY items DESC, department_raw LIMIT ?`,
    )
    .all(limit) as { name: string; items: number }[];
}

/**
 * Gives the items stored with an unmatched unit name (and no department) the department it now matches, as an
 * import would have. Their review flag is recomputed as the NLP pass would for an item whose source gives the
 * department: it stays only for an uncertain topic prediction. Returns the number of items changed.
 */
export function assignUnmatchedUnit(db: Db, unitName: string, departmentId: number, reviewThreshold: number): number {
  const sqlite = db.$client;
  return sqlite.transaction(() => {
    const ids = sqlite
      .prepare("SELECT id FROM items WHERE department_id IS NULL AND department_raw = ?")
      .pluck()
      .all(unitName) as number[];
    if (!ids.length) return 0;
    const set = sqlite.prepare("UPDATE items SET department_id = ? WHERE id = ?");
    const review = sqlite.prepare(
      `UPDATE items SET needs_review = (coalesce(human_topic_id, topic_id) IS NULL
         AND coalesce((SELECT topic_confidence FROM item_nlp n WHERE n.item_id = items.id), 0) < ?)
       WHERE id = ? AND needs_review = 1 AND human_department_id IS NULL`,
    );
    for (const id of ids) {
      set.run(departmentId, id);
      review.run(reviewThreshold, id);
    }
    return ids.length;
  }).immediate();
}
