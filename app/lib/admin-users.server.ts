// 管理 › 账号: the accounts list, and the form actions to create an account, deactivate / reactivate one and reset
// a password (db/auth has the SQL and the audit entries). Admins only; every form carries the CSRF token.
import { accountById, resetPassword, setUserActive, type Actor } from "../../db/auth/admin";
import { passwordProblem } from "../../db/auth/passwords";
import { AccountError, createUser, listUsers } from "../../db/auth/users";
import { listDepartmentsForAdmin } from "../../db/catalog/admin";
import { ROLES, type Role } from "../../db/schema";
import { clientAddress, requireCsrf, requireRole, type Session } from "./auth.server";
import { getDb } from "./db.server";

export const NAME_MAX = 40;

export function actorOf(request: Request, session: Session): Actor {
  return { id: session.user.id, name: session.user.name, ip: clientAddress(request) };
}

export function usersPage(request: Request) {
  const session = requireRole(request, ["admin"]);
  const db = getDb();
  return {
    me: session.user.id,
    roles: ROLES,
    users: listUsers(db).map((u) => ({ ...u, active: Boolean(u.active) })),
    departments: listDepartmentsForAdmin(db).filter((d) => d.active).map((d) => ({ id: d.id, name: d.name })),
  };
}

export type UsersIntent = "create" | "deactivate" | "reactivate" | "reset";

/** Errors are message keys (admin.*) or, for password rules, passwordProblem's own bilingual text. */
export type UsersActionResult =
  | { ok: true; intent: UsersIntent; name: string; sessionsEnded: number }
  | { ok: false; intent: UsersIntent; userId: number | null; errors: Record<string, string>; values: Record<string, string> };

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

export async function usersAction(request: Request, form: FormData): Promise<UsersActionResult> {
  const session = requireRole(request, ["admin"]);
  requireCsrf(request, form, session);
  const db = getDb();
  const actor = actorOf(request, session);
  const raw = text(form, "intent");
  const intent: UsersIntent = raw === "deactivate" || raw === "reactivate" || raw === "reset" ? raw : "create";

  if (intent === "create") {
    const values = { name: text(form, "name"), role: text(form, "role"), department: text(form, "department") };
    const password = String(form.get("password") ?? "");
    const errors: Record<string, string> = {};
    if (!values.name) errors.name = "admin.users.nameRequired";
    else if (values.name.length > NAME_MAX || /[\s\u0000-\u001f]/.test(values.name)) errors.name = "admin.users.nameInvalid";
    else if (listUsers(db).some((u) => u.name === values.name)) errors.name = "admin.users.nameTaken";
    if (!(ROLES as readonly string[]).includes(values.role)) errors.role = "admin.users.roleRequired";
    const departmentId = /^\d{1,9}$/.test(values.department) ? Number(values.department) : null;
    if (values.role === "department") {
      const known = listDepartmentsForAdmin(db).some((d) => d.active && d.id === departmentId);
      if (!known) errors.department = "admin.users.departmentRequired";
    }
    const problem = passwordProblem(password);
    if (problem) errors.password = problem;
    if (Object.keys(errors).length) return { ok: false, intent, userId: null, errors, values };
    try {
      const user = await createUser(db, { name: values.name, password, role: values.role as Role, department: values.role === "department" ? departmentId : null }, actor);
      return { ok: true, intent, name: user.name, sessionsEnded: 0 };
    } catch (e) {
      if (!(e instanceof AccountError)) throw e;
      return { ok: false, intent, userId: null, errors: { name: e.message }, values };
    }
  }

  const id = /^\d{1,9}$/.test(text(form, "id")) ? Number(text(form, "id")) : NaN;
  const account = Number.isFinite(id) ? accountById(db, id) : null;
  if (!account) throw new Response("账号不存在 / no such account", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (intent === "deactivate" && account.id === session.user.id) {
    return { ok: false, intent, userId: account.id, errors: { [`user-${account.id}`]: "admin.users.notSelf" }, values: {} };
  }
  try {
    if (intent === "reset") {
      const password = String(form.get("password") ?? "");
      const problem = passwordProblem(password);
      if (problem) return { ok: false, intent, userId: account.id, errors: { [`password-${account.id}`]: problem }, values: {} };
      const r = await resetPassword(db, account.id, password, actor, session.csrfToken);
      return { ok: true, intent, name: r.name, sessionsEnded: r.sessionsEnded };
    }
    const r = setUserActive(db, account.id, intent === "reactivate", actor);
    return { ok: true, intent, name: r.name, sessionsEnded: r.sessionsEnded };
  } catch (e) {
    if (!(e instanceof AccountError)) throw e;
    return { ok: false, intent, userId: account.id, errors: { [`user-${account.id}`]: e.message }, values: {} };
  }
}

/** The admin index page: nothing to load, only the role to check. */
export function adminIndex(request: Request) {
  requireRole(request, ["admin"]);
  return { ok: true };
}
