// Accounts: hashed passwords, sessions, the login rate limit and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failedLoginsSince, listAudit } from "../../db/auth/audit";
import { hashPassword, passwordProblem, verifyPassword } from "../../db/auth/passwords";
import { AccountError, createUser, LOGIN_LIMIT, login, logout, sessionUser } from "../../db/auth/users";
import type { Db } from "../../db/client";
import { tempDb } from "../helpers/temp";

let db: Db;
beforeAll(() => {
  db = tempDb().db;
});
afterAll(() => db.$client.close());

describe("passwords", () => {
  it("hash with scrypt and a salt, and verify only the right password", async () => {
    const a = await hashPassword("correct horse 1");
    const b = await hashPassword("correct horse 1");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse 1", a)).toBe(true);
    expect(await verifyPassword("correct horse 2", a)).toBe(false);
  });
  it("refuse short or one-kind passwords", () => {
    expect(passwordProblem("abc1")).toMatch(/8/);
    expect(passwordProblem("12345678")).not.toBeNull();
    expect(passwordProblem("abcdefgh")).not.toBeNull();
    expect(passwordProblem("abcd1234")).toBeNull();
  });
});

describe("accounts and sessions", () => {
  it("create department staff only with a known department", async () => {
    await expect(createUser(db, { name: "x", password: "abcd1234", role: "department" })).rejects.toBeInstanceOf(AccountError);
    await expect(createUser(db, { name: "x", password: "abcd1234", role: "department", department: "不存在的局" })).rejects.toThrow(/不存在的局/);
    await expect(createUser(db, { name: "x", password: "abcd1234", role: "boss" })).rejects.toThrow(/role/);
    const u = await createUser(db, { name: "王五", password: "abcd1234", role: "department", department: "市住房和城乡建设局" });
    expect(u).toMatchObject({ name: "王五", role: "department", departmentName: "市住房和城乡建设局" });
    await expect(createUser(db, { name: "王五", password: "abcd1234", role: "analyst" })).rejects.toThrow(/exists/);
  });

  it("log in with the right password, find the session by its token, and log out", async () => {
    await createUser(db, { name: "analyst1", password: "abcd1234", role: "analyst" });
    expect(await login(db, "analyst1", "wrong-pass1", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    const ok = await login(db, "analyst1", "abcd1234", "10.0.0.1");
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(sessionUser(db, ok.token)?.user.name).toBe("analyst1");
    // The database keeps a hash of the token, not the token.
    expect(db.$client.prepare("SELECT count(*) FROM sessions WHERE id = ?").pluck().get(ok.token)).toBe(0);
    expect(sessionUser(db, ok.token, Date.now() + 13 * 3600_000)).toBeNull();
    logout(db, ok.token, "10.0.0.1");
    expect(sessionUser(db, ok.token)).toBeNull();
    expect(listAudit(db).rows.map((r) => r.action).slice(0, 3)).toEqual(["logout", "login", "login_failed"]);
  });

  it("refuse logins after too many failures, even with the right password", async () => {
    await createUser(db, { name: "leader1", password: "abcd1234", role: "leader" });
    for (let i = 0; i < LOGIN_LIMIT.attempts; i++) expect((await login(db, "leader1", `nope${i}xxxx`, "10.0.0.2")).ok).toBe(false);
    expect(await login(db, "leader1", "abcd1234", "10.0.0.2")).toEqual({ ok: false, reason: "rate_limited" });
    // After the window the account works again.
    const later = Date.now() + LOGIN_LIMIT.windowMs + 1000;
    expect((await login(db, "leader1", "abcd1234", "10.0.0.2", later)).ok).toBe(true);
    expect(failedLoginsSince(db, 0, { userName: "leader1" })).toBe(LOGIN_LIMIT.attempts + 1);
  });
});
