// The audit log (审计日志): logins, imports, corrections, exclusions, exports, settings and account changes.
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, type AuditAction } from "../schema";

export interface AuditEntry {
  action: AuditAction;
  userId?: number | null;
  userName?: string | null;
  target?: string | null;
  detail?: unknown;
  ip?: string | null;
}

export function recordAudit(db: Db, e: AuditEntry, at = Date.now()): void {
  db.insert(auditLog)
    .values({ at, action: e.action, userId: e.userId ?? null, userName: e.userName ?? null, target: e.target ?? null, detail: e.detail === undefined ? null : JSON.stringify(e.detail), ip: e.ip ?? null })
    .run();
}

export interface AuditQuery {
  action?: AuditAction;
  userName?: string;
  since?: number;
  until?: number;
  page?: number;
  pageSize?: number;
}

export function listAudit(db: Db, q: AuditQuery = {}) {
  const where: SQL[] = [];
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.userName) where.push(eq(auditLog.userName, q.userName));
  if (q.since !== undefined) where.push(gte(auditLog.at, q.since));
  if (q.until !== undefined) where.push(lt(auditLog.at, q.until));
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 200);
  const page = Math.max(q.page ?? 1, 1);
  const total = db.select({ n: sql<number>`count(*)` }).from(auditLog).where(and(...where)).get()!.n;
  const rows = db.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(pageSize).offset((page - 1) * pageSize).all();
  return { rows, total, page, pageSize };
}

/** Failed logins for a name, or from an address, since `since` (the rate limit reads the audit log). */
export function failedLoginsSince(db: Db, since: number, who: { userName?: string; ip?: string }): number {
  const conds: SQL[] = [eq(auditLog.action, "login_failed"), gte(auditLog.at, since)];
  if (who.userName !== undefined) conds.push(eq(auditLog.userName, who.userName));
  if (who.ip !== undefined) conds.push(eq(auditLog.ip, who.ip));
  return db.select({ n: sql<number>`count(*)` }).from(auditLog).where(and(...conds)).get()!.n;
}
