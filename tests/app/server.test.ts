// HTTP integration: the production build served by remix-serve over a temp database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTestUser, signedInFetch } from "../helpers/auth";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";

// Every page needs a signed-in account: each suite signs in once and its requests carry the cookie.
// eslint-disable-next-line no-global-assign
let fetch: typeof globalThis.fetch = globalThis.fetch;
import { createTempDb, insertItems, insertWeiboPosts, setSetting, type TempDb } from "./fixtures";

beforeAll(() => ensureBuild(), 300_000);

describe("access", () => {
  let tmp: TempDb;
  let server: RunningServer | undefined;
  let base = "";
  beforeAll(async () => {
    tmp = createTempDb("minyi-server-access-");
    tmp.db.$client.close();
    server = await startServer(tmp.file);
    base = server.base;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  it("sends a visitor without a session to the login page, and keeps where they were going", async () => {
    const res = await globalThis.fetch(`${base}/departments?period=2026-10`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?next=%2Fdepartments%3Fperiod%3D2026-10");
    const login = await globalThis.fetch(`${base}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("登录");
  });

  it("refuses a sign-in posted from another site", async () => {
    const res = await globalThis.fetch(`${base}/login`, {
      method: "POST", redirect: "manual", body: new URLSearchParams({ name: "x", password: "y" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://evil.example" },
    });
    // Remix itself aborts an action whose Origin is another host (a 500) before the app's own check (a 403).
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("server (remix-serve over the production build)", () => {
  let tmp: TempDb;
  let server: RunningServer | undefined;
  let base = "";

  beforeAll(async () => {
    tmp = createTempDb("minyi-server-");
    insertItems(tmp.db, "hotline", [
      ...Array.from({ length: 1234 }, (_, i) => Date.parse("2026-03-01T00:00:00Z") + i * 60_000),
      "2026-01-31T17:00:00Z", // Shanghai 2026-02-01
    ]);
    insertItems(tmp.db, "mailbox", ["2026-02-03T04:00:00Z", "2026-03-04T04:00:00Z", "2026-03-05T04:00:00Z"]);
    insertItems(tmp.db, "weibo", ["2026-03-06T04:00:00Z", "2026-03-07T04:00:00Z"]);
    insertWeiboPosts(tmp.db, ["2026-02-06T04:00:00Z"]);
    setSetting(tmp.db, "demo_data", "true");
    const name = await ensureTestUser(tmp.db);
    tmp.db.$client.close();
    server = await startServer(tmp.file);
    base = server.base;
    fetch = await signedInFetch(base, name);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  it("serves the overview of the newest month, with its KPIs and links to the items", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>总览</h1>");
    expect(html).toContain("2026年3月"); // the newest item is from March 2026
    // March: 1,234 hotline + 2 mailbox + 2 Weibo comments.
    expect(html).toContain("1,238");
    expect(html).toContain('href="/items?period=2026-03"');
    expect(html).toContain("口径 v1");
  });

  it("answers a bad period with 400 and says what is wrong", async () => {
    const res = await fetch(`${base}/?period=2026-13`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("2026-13");
  });

  it("serves the volume page with counts and channel names", async () => {
    const res = await fetch(`${base}/volume`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain("民意 Minyi · ");
    expect(html).toContain("政务互动分析");
    for (const name of ["热线", "信箱", "微博评论", "微博帖子"]) expect(html).toContain(name);
    expect(html).toContain("演示数据 Demo data");
    // Totals (thousands separator) and the month rows, Shanghai-bucketed.
    expect(html).toContain("1,235");
    expect(html).toContain("1,234");
    expect(html).toMatch(/<th scope="row">2026-02<\/th><td class="num">1<\/td><td class="num">1<\/td><td class="num">0<\/td><td class="num">1<\/td>/);
    expect(html).not.toContain("2026-01</th>");
    expect(html).not.toContain("数据库为空");
  });

  it("switches to English with ?lang=en", async () => {
    const res = await fetch(`${base}/volume?lang=en`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en"');
    expect(html).toContain("Hotline");
    expect(html).toContain("Weibo posts");
  });

  it("answers unknown pages with a 404 page", async () => {
    const res = await fetch(`${base}/no-such-page`);
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("页面不存在 (404)");
    expect(html).toContain("民意 Minyi");
  });

  it("serves static files from public/", async () => {
    const res = await fetch(`${base}/favicon.svg`);
    expect(res.status).toBe(200);
  });
});

describe("server on an empty database", () => {
  let tmp: TempDb;
  let server: RunningServer | undefined;
  let base = "";

  beforeAll(async () => {
    tmp = createTempDb("minyi-server-empty-");
    const name = await ensureTestUser(tmp.db);
    tmp.db.$client.close();
    server = await startServer(tmp.file);
    base = server.base;
    fetch = await signedInFetch(base, name);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  it("shows the empty state and no demo badge", async () => {
    const res = await fetch(`${base}/volume`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("数据库为空");
    expect(html).not.toContain("演示数据 Demo data");
    const overview = await fetch(`${base}/`);
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain("所选统计期与筛选条件下没有诉求");
  });
});
