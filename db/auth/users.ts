// Local accounts and their sessions. Sessions are random 32-byte tokens; the database keeps only their SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../client";
import { departments, ROLES, sessions, users, type Role } from "../schema";
import { failedLoginsSince, recordAudit } from "./audit";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords";

export const SESSION_MS = 12 * 60 * 60 * 1000;
/** Failed logins allowed per account name (and per address) in the window before logins are refused. */
export const LOGIN_LIMIT = { attempts: 5, windowMs: 15 * 60 * 1000 } as const;

export interface User {
  id: number;
  name: string;
  role: Role;
  departmentId: number | null;
  departmentName: string | null;
}

export class AccountError extends Error {}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

function toUser(row: { id: number; name: string; role: string; departmentId: number | null; departmentName: string | null }): User {
  return { ...row, role: row.role as Role };
}

export async function createUser(db: Db, input: { name: string; password: string; role: string; department?: string | number | null }, actor?: { id?: number; name: string; ip?: string | null }): Promise<User> {
  const name = input.name.trim();
  if (!name) throw new AccountError("用户名不能为空 / name is required");
  if (!(ROLES as readonly string[]).includes(input.role)) throw new AccountError(`角色无效 / role must be one of ${ROLES.join(", ")}`);
  const problem = passwordProblem(input.password);
  if (problem) throw new AccountError(problem);
  let departmentId: number | null = null;
  if (input.role === "department") {
    if (input.department == null || input.department === "") throw new AccountError("部门人员须指定部门 / department staff need --department");
    const d = typeof input.department === "number"
      ? db.select({ id: departments.id }).from(departments).where(eq(departments.id, input.department)).get()
      : db.select({ id: departments.id }).from(departments).where(eq(departments.name, input.department.trim())).get();
    if (!d) throw new AccountError(`未找到部门 / no department named ${input.department}`);
    departmentId = d.id;
  }
  if (db.select({ id: users.id }).from(users).where(eq(users.name, name)).get()) throw new AccountError(`用户名已存在 / ${name} already exists`);
  const passwordHash = await hashPassword(input.password);
  const id = Number(db.insert(users).values({ name, passwordHash, role: input.role, departmentId }).run().lastInsertRowid);
  recordAudit(db, { action: "user", userId: actor?.id ?? null, userName: actor?.name ?? "cli", target: name, detail: { created: { role: input.role, departmentId } }, ip: actor?.ip ?? null });
  return userById(db, id)!;
}

export function userById(db: Db, id: number): User | null {
  const row = db
    .select({ id: users.id, name: users.name, role: users.role, departmentId: users.departmentId, departmentName: departments.name })
    .from(users).leftJoin(departments, eq(departments.id, users.departmentId))
    .where(and(eq(users.id, id), eq(users.active, true))).get();
  return row ? toUser(row) : null;
}

export function listUsers(db: Db) {
  return db
    .select({ id: users.id, name: users.name, role: users.role, departmentId: users.departmentId, departmentName: departments.name, active: users.active, lastLoginAt: users.lastLoginAt })
    .from(users).leftJoin(departments, eq(departments.id, users.departmentId)).orderBy(asc(users.name)).all();
}

export function countUsers(db: Db): number {
  return db.select({ id: users.id }).from(users).all().length;
}

export type LoginResult = { ok: true; user: User; token: string; csrfToken: string } | { ok: false; reason: "invalid" | "rate_limited" };

/** Checks the password (refusing after too many recent failures) and opens a session. */
export async function login(db: Db, name: string, password: string, ip: string | null, now = Date.now()): Promise<LoginResult> {
  const since = now - LOGIN_LIMIT.windowMs;
  const trimmed = name.trim();
  if (failedLoginsSince(db, since, { userName: trimmed }) >= LOGIN_LIMIT.attempts || (ip && failedLoginsSince(db, since, { ip }) >= LOGIN_LIMIT.attempts * 4)) {
    recordAudit(db, { action: "login_failed", userName: trimmed, ip, detail: { reason: "rate_limited" } }, now);
    return { ok: false, reason: "rate_limited" };
  }
  const row = db.select().from(users).where(and(eq(users.name, trimmed), eq(users.active, true))).get();
  // Hash even for an unknown name, so the response time does not tell which names exist.
  const valid = row ? await verifyPassword(password, row.passwordHash) : (await hashPassword(password), false);
  if (!row || !valid) {
    recordAudit(db, { action: "login_failed", userName: trimmed, ip, detail: { reason: "invalid" } }, now);
    return { ok: false, reason: "invalid" };
  }
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  db.delete(sessions).where(lt(sessions.expiresAt, now)).run();
  db.insert(sessions).values({ id: sha256(token), userId: row.id, csrfToken, createdAt: now, expiresAt: now + SESSION_MS }).run();
  db.update(users).set({ lastLoginAt: now }).where(eq(users.id, row.id)).run();
  recordAudit(db, { action: "login", userId: row.id, userName: row.name, ip }, now);
  return { ok: true, user: userById(db, row.id)!, token, csrfToken };
}

export function sessionUser(db: Db, token: string, now = Date.now()): { user: User; csrfToken: string } | null {
  const s = db.select().from(sessions).where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, now))).get();
  if (!s) return null;
  const user = userById(db, s.userId);
  return user ? { user, csrfToken: s.csrfToken } : null;
}

export function logout(db: Db, token: string, ip: string | null): void {
  const s = db.select().from(sessions).where(eq(sessions.id, sha256(token))).get();
  db.delete(sessions).where(eq(sessions.id, sha256(token))).run();
  if (s) {
    const user = userById(db, s.userId);
    recordAudit(db, { action: "logout", userId: s.userId, userName: user?.name ?? null, ip });
  }
}

/** The demo city's accounts, one per role, created when demo data are loaded (their passwords are printed at start). */
export const DEMO_ACCOUNTS = [
  { name: "admin", password: "minyi-admin-1", role: "admin", label: "管理员 admin" },
  { name: "leader", password: "minyi-leader-1", role: "leader", label: "领导 leader" },
  { name: "analyst", password: "minyi-analyst-1", role: "analyst", label: "分析员 analyst" },
  { name: "zhujian", password: "minyi-dept-1", role: "department", department: "市住房和城乡建设局", label: "部门人员 department staff（市住房和城乡建设局）" },
] as const;

export async function ensureDemoAccounts(db: Db): Promise<typeof DEMO_ACCOUNTS> {
  for (const a of DEMO_ACCOUNTS) {
    if (db.select({ id: users.id }).from(users).where(eq(users.name, a.name)).get()) continue;
    await createUser(db, { name: a.name, password: a.password, role: a.role, department: "department" in a ? a.department : null }, { name: "demo" });
  }
  return DEMO_ACCOUNTS;
}
