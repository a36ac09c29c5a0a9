// Who is asking: the session cookie → the account, the login and logout actions, CSRF checks, and the one place
// where a department account's view is narrowed to its department (scopeFor). Every loader and action calls
// requireUser (through pageContext for the dashboard pages), so no page can forget it.
import { redirect } from "@remix-run/node";
import { timingSafeEqual } from "node:crypto";
import { login, logout, sessionUser, SESSION_MS, type User } from "../../db/auth/users";
import type { Role } from "../../db/schema";
import type { MetricFilters } from "../../db/metrics/scope";
import { forbidden } from "./http-errors.server";
import { getDb } from "./db.server";

const COOKIE = "minyi_session";

export interface Session {
  user: User;
  csrfToken: string;
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}

/** HTTPS directly or behind a proxy that says so: then the cookie is Secure. */
function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("X-Forwarded-Proto") === "https";
}

function cookieHeader(request: Request, value: string, maxAgeSeconds: number): string {
  return [`${COOKIE}=${encodeURIComponent(value)}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`, ...(isHttps(request) ? ["Secure"] : [])].join("; ");
}

export function clientAddress(request: Request): string | null {
  return request.headers.get("X-Forwarded-For")?.split(",")[0].trim() || request.headers.get("X-Real-IP") || null;
}

export function currentSession(request: Request): Session | null {
  const token = readCookie(request, COOKIE);
  return token ? sessionUser(getDb(), token) : null;
}

/** The signed-in account, or a redirect to the login page that comes back here afterwards. */
export function requireUser(request: Request): Session {
  const session = currentSession(request);
  if (session) return session;
  const url = new URL(request.url);
  throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}

export function requireRole(request: Request, roles: Role[]): Session {
  const session = requireUser(request);
  if (!roles.includes(session.user.role)) throw forbidden();
  return session;
}

/**
 * Forms that change data carry the session's CSRF token, and the browser's Origin (when it sends one) must be
 * this site; SameSite=Lax already keeps the cookie off cross-site POSTs, this is the second lock.
 */
/** The browser's Origin, when it sends one, is this site (a cross-site form post is refused). */
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("Origin");
  const host = request.headers.get("X-Forwarded-Host") ?? request.headers.get("Host");
  if (!origin || origin === "null") return !origin;
  return host !== null && new URL(origin).host === host;
}

export function requireCsrf(request: Request, form: FormData, session: Session): void {
  const sent = Buffer.from(String(form.get("_csrf") ?? ""));
  const expected = Buffer.from(session.csrfToken);
  if (!sameOrigin(request) || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    throw forbidden("表单已过期，请刷新后重试 / the form expired, reload and try again");
  }
}

/** The filters a user may see: department staff always get their own department, whatever the URL says. */
export function scopeFor(user: User, filters: MetricFilters): MetricFilters {
  return user.role === "department" ? { ...filters, departmentId: user.departmentId ?? -1 } : filters;
}

/** A path inside this site to go back to after login (never another host). */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export async function loginAction(request: Request, form: FormData) {
  // No session yet, so no token: a login posted from another site (login CSRF) is refused by its Origin.
  if (!sameOrigin(request)) throw forbidden("跨站登录请求已拒绝 / cross-site sign-in refused");
  const name = String(form.get("name") ?? "");
  const password = String(form.get("password") ?? "");
  const result = await login(getDb(), name, password, clientAddress(request));
  if (!result.ok) return { error: result.reason, name };
  throw redirect(safeNext(String(form.get("next") ?? "")), { headers: { "Set-Cookie": cookieHeader(request, result.token, SESSION_MS / 1000) } });
}

export function logoutAction(request: Request, form: FormData) {
  const session = requireUser(request);
  requireCsrf(request, form, session);
  const token = readCookie(request, COOKIE);
  if (token) logout(getDb(), token, clientAddress(request));
  throw redirect("/login", { headers: { "Set-Cookie": cookieHeader(request, "", 0) } });
}
