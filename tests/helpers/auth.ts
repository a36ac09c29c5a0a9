// Signing in for tests: an account per role in the test database, and a session cookie for requests.
import { createUser, login } from "../../db/auth/users";
import type { Db } from "../../db/client";
import type { Role } from "../../db/schema";

export const TEST_PASSWORD = "test-pass-1";

/** The account `name` (created on first use) with `role`; department staff need a department name. */
export async function ensureTestUser(db: Db, role: Role = "admin", options: { name?: string; department?: string } = {}): Promise<string> {
  const name = options.name ?? `test-${role}`;
  const exists = db.$client.prepare("SELECT 1 FROM users WHERE name = ?").get(name);
  if (!exists) await createUser(db, { name, password: TEST_PASSWORD, role, department: options.department ?? null });
  return name;
}

/** A Cookie header value for a fresh session of the account. */
export async function sessionCookie(db: Db, name: string): Promise<{ cookie: string; csrfToken: string }> {
  const r = await login(db, name, TEST_PASSWORD, null);
  if (!r.ok) throw new Error(`test login failed for ${name}: ${r.reason}`);
  return { cookie: `minyi_session=${encodeURIComponent(r.token)}`, csrfToken: r.csrfToken };
}

/** A GET request for `url` carrying the session of a `role` account. */
export async function signedInRequest(db: Db, url: string, role: Role = "admin", options: { name?: string; department?: string } = {}): Promise<Request> {
  const { cookie } = await sessionCookie(db, await ensureTestUser(db, role, options));
  return new Request(url, { headers: { Cookie: cookie } });
}

/** Signs in over HTTP (the real login form) and returns the Cookie header and the CSRF token for forms. */
export async function signInOverHttp(base: string, name: string, password = TEST_PASSWORD): Promise<{ cookie: string }> {
  const res = await fetch(`${base}/login`, {
    method: "POST", redirect: "manual",
    body: new URLSearchParams({ name, password, next: "/" }),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const set = res.headers.get("set-cookie") ?? "";
  const m = /minyi_session=([^;]+)/.exec(set);
  if (res.status !== 302 || !m) throw new Error(`sign-in as ${name} failed: HTTP ${res.status}`);
  return { cookie: `minyi_session=${m[1]}` };
}

/** fetch with the session cookie of a signed-in account. */
export function withCookie(cookie: string): typeof fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Cookie", cookie);
    return fetch(input, { ...init, headers });
  };
}

/** After the server started, a fetch signed in through the login form as an account made with ensureTestUser. */
export async function signedInFetch(base: string, name: string): Promise<typeof fetch> {
  return withCookie((await signInOverHttp(base, name)).cookie);
}
