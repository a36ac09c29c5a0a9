// The settings page over HTTP, as a browser without JavaScript uses it: plain form posts to the production build.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshDeadlines } from "../../db/metrics/deadlines";
import { addItems } from "../metrics/fixture";
import { ensureTestUser, signedInFetch } from "../helpers/auth";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";

// Pages need a signed-in account: requests carry the session cookie of one signed in before the tests.
let fetch: typeof globalThis.fetch = globalThis.fetch;
import { createTempDb, type TempDb } from "./fixtures";

describe("settings page (remix-serve over the production build)", () => {
  let tmp: TempDb;
  let server: RunningServer | undefined;
  let base = "";

  beforeAll(async () => {
    await ensureBuild();
    tmp = createTempDb("minyi-settings-page-");
    const [letter] = addItems(tmp.db, [
      { channel: "mailbox", received: "2026-11-02 09:00" },
      { channel: "hotline", received: "2026-10-20 09:00" },
    ]);
    tmp.db.$client.prepare("UPDATE items SET type = '投诉' WHERE id = ?").run(letter);
    refreshDeadlines(tmp.db);
    const name = await ensureTestUser(tmp.db);
    tmp.db.$client.close();
    server = await startServer(tmp.file);
    base = server.base;
    fetch = await signedInFetch(base, name);
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  /** The page's HTML without React's text separators (<!-- -->). */
  const text = async (res: Response | Promise<Response>) => (await (await res).text()).replaceAll("<!-- -->", "");
  // A form post carries the session's CSRF token, read from the page like a browser would.
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec(await (await fetch(`${base}/settings`)).text())![1];
  const post = async (fields: Record<string, string>, path = "/settings") =>
    fetch(`${base}${path}`, { method: "POST", body: new URLSearchParams({ _csrf: await csrf(), ...fields }), headers: { "Content-Type": "application/x-www-form-urlencoded" } });

  it("shows the values in effect with the defaults, and is linked from the navigation", async () => {
    const res = await fetch(`${base}/settings`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>设置</h1>");
    expect(html).toContain('href="/settings"');
    expect(html).toContain("口径 v1");
    expect(html).toContain('name="deadline.mailbox.amount"');
    expect(html).toContain("恢复默认");
    expect(html).toMatch(/投诉<input type="hidden" name="type\.mailbox\.\d+\.name" value="投诉"/);
    const en = await (await fetch(`${base}/settings?lang=en`)).text();
    expect(en).toContain("<h1>Settings</h1>");
    expect(en).toContain("Restore defaults");
  });

  it("shows each validation error beside its field and saves nothing", async () => {
    const res = await post({ "deadline.mailbox.amount": "0", assessmentStartDay: "40", by: "", intent: "save" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<input[^>]*name="assessmentStartDay"[^>]*aria-invalid="true"[^>]*value="40"/);
    expect(html).toContain('id="assessmentStartDay-error"');
    expect(html).toContain("须为 1–28 的整数");
    expect(html).toContain('id="deadline.mailbox.amount-error"');
    expect(html).toContain("信箱 / mailbox 时限 / deadline amount：须为 1–365 的整数");
    expect(await (await fetch(`${base}/settings`)).text()).toContain("尚无变更记录");
  });

  it("refuses a post without the session's CSRF token", async () => {
    const res = await fetch(`${base}/settings`, { method: "POST", body: new URLSearchParams({ intent: "reset" }), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(403);
  });

  it("saves, recomputes deadlines, logs who changed what, and the assessment month follows", async () => {
    const res = await post({ "deadline.mailbox.amount": "12", "deadline.mailbox.unit": "workdays", assessmentStartDay: "19", by: "张三", note: "试行", intent: "save" });
    const html = await text(res);
    expect(html).toContain("已保存：2 项变更。");
    expect(html).toContain("1 件诉求的时限有变化");
    expect(html).toMatch(/口径 v1（本地修订 r1，\d{4}-\d{2}-\d{2}）/);
    expect(html).toContain("test-admin"); // the signed-in account, not a typed name
    expect(html).toContain("信箱答复时限：10 个工作日 → 12 个工作日");
    const overview = await text(fetch(`${base}/?period=A2026-10`));
    expect(overview).toContain("2026年10月考核月（09-19 至 10-18）");
    expect(overview).toMatch(/口径 v1（本地修订 r1/);

    const reset = await text(post({ by: "李四", intent: "reset" }));
    expect(reset).toContain("已恢复默认口径");
    expect(reset).toContain("未作本地修订");
    const after = await text(fetch(`${base}/?period=A2026-10`));
    expect(after).toContain("2026年10月考核月（10-01 至 10-31）");
  });
});
