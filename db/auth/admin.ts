// Account administration (管理 › 账号): deactivate / reactivate an account and reset its password. Creating one is
// createUser in users.ts. Every change is written to the audit log (action "user"); a password never is.
import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, users } from "../schema";
import { recordAudit } from "./audit";
import { hashPassword, passwordProblem } from "./passwords";
import { AccountError } from "./users";

/** Who is acting, for the audit log. */
export interface Actor {
  id: number;
  name: string;
  ip?: string | null;
}

export interface AccountRow {
  id: number;
  name: string;
  role: string;
  active: boolean;
}

/** An account whether active or not (userById answers only active ones). */
export function accountById(db: Db, id: number): AccountRow | null {
  return db.select({ id: users.id, name: users.name, role: users.role, active: users.active }).from(users).where(eq(users.id, id)).get() ?? null;
}

/** Ends every session of the account, except the one whose CSRF token is `except` (the acting admin's own). */
export function endSessions(db: Db, userId: number, except?: string): number {
  const where = except ? and(eq(sessions.userId, userId), ne(sessions.csrfToken, except)) : eq(sessions.userId, userId);
  return db.delete(sessions).where(where).run().changes;
}

/**
 * Deactivates (signing the account out everywhere: its sessions are deleted) or reactivates an account.
 * An admin cannot deactivate their own account, so there is always an admin left who can undo it.
 */
export function setUserActive(db: Db, id: number, active: boolean, actor: Actor): { name: string; changed: boolean; sessionsEnded: number } {
  const account = accountById(db, id);
  if (!account) throw new AccountError("账号不存在 / no such account");
  if (!active && id === actor.id) throw new AccountError("不能停用自己的账号 / you cannot deactivate your own account");
  return db.transaction(() => {
    const changed = account.active !== active;
    if (changed) db.update(users).set({ active }).where(eq(users.id, id)).run();
    const sessionsEnded = active ? 0 : endSessions(db, id);
    if (changed || sessionsEnded) {
      recordAudit(db, { action: "user", userId: actor.id, userName: actor.name, target: account.name, detail: active ? { reactivated: true } : { deactivated: true, sessionsEnded }, ip: actor.ip });
    }
    return { name: account.name, changed, sessionsEnded };
  });
}

/**
 * Sets a new password (same rules as at creation) and ends the account's other sessions, so whoever knew the
 * old password is signed out; the acting admin's own session (`keepSession`, its CSRF token) stays.
 */
export async function resetPassword(db: Db, id: number, password: string, actor: Actor, keepSession?: string): Promise<{ name: string; sessionsEnded: number }> {
  const account = accountById(db, id);
  if (!account) throw new AccountError("账号不存在 / no such account");
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(problem);
  const passwordHash = await hashPassword(password);
  return db.transaction(() => {
    db.update(users).set({ passwordHash }).where(eq(users.id, id)).run();
    const sessionsEnded = endSessions(db, id, id === actor.id ? keepSession : undefined);
    recordAudit(db, { action: "user", userId: actor.id, userName: actor.name, target: account.name, detail: { passwordReset: true, sessionsEnded }, ip: actor.ip });
    return { name: account.name, sessionsEnded };
  });
}
