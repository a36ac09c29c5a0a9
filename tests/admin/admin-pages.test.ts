// The admin pages over HTTP (production build, plain form posts as a browser without JavaScript sends them):
// only admins get in; accounts (create, sign in, deactivate ends the sessions, reset); audit filters; catalogue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertItems, createTempDb, type TempDb } from "../app/fixtures";
import { ensureTestUser, signedInFetch, signInOverHttp, withCookie } from "../helpers/auth";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";

describe("admin pages (remix-serve over the production build)", () => {
  let tmp: TempDb;
  let server: RunningServer | undefined;
  let base = "";
  let admin: typeof fetch = fetch;
  let analyst: typeof fetch = fetch;

  beforeAll(async () => {
    await ensureBuild();
    tmp = createTempDb("minyi-admin-pages-");
    // One stored item whose unit name matched no department, for 重新匹配.
    insertItems(tmp.db, "hotline", ["2026-10-20T09:00:00+08:00"]);
    tmp.db.$client.prepare("UPDATE items SET department_raw = '江城市测试事务办'").run();
    await ensureTestUser(tmp.db, "admin");
    await ensureTestUser(tmp.db, "analyst");
    tmp.db.$client.close();
    server = await startServer(tmp.file);
    base = server.base;
    admin = await signedInFetch(base, "test-admin");
    analyst = await signedInFetch(base, "test-analyst");
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  /** The page's HTML without React's text separators (<!-- -->). */
  const html = async (res: Response | Promise<Response>) => (await (await res).text()).replaceAll("<!-- -->", "");
  const csrfOf = async (f: typeof fetch, path: string) => /name="_csrf" value="([^"]+)"/.exec(await (await f(`${base}${path}`)).text())![1];
  const post = async (path: string, fields: Record<string, string>, f: typeof fetch = admin) =>
    f(`${base}${path}`, { method: "POST", body: new URLSearchParams({ _csrf: await csrfOf(f, path), ...fields }), headers: { "Content-Type": "application/x-www-form-urlencoded" } });

  it("answers 403 to other roles on every admin page and action, and shows the nav entry to admins only", async () => {
    for (const path of ["/admin", "/admin/users", "/admin/audit", "/admin/imports", "/admin/catalogue", "/admin/imports/1/rejects"]) {
      expect((await analyst(`${base}${path}`)).status, path).toBe(403);
    }
    const token = await csrfOf(analyst, "/items");
    for (const path of ["/admin/users", "/admin/catalogue"]) {
      const res = await analyst(`${base}${path}`, { method: "POST", body: new URLSearchParams({ _csrf: token, intent: "create", name: "x" }), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
      expect(res.status, path).toBe(403);
    }
    expect(await html(analyst(`${base}/items`))).not.toContain('href="/admin"');
    const index = await html(admin(`${base}/admin`));
    expect(index).toContain('href="/admin"');
    for (const href of ["/admin/users", "/admin/catalogue", "/admin/imports", "/admin/audit", "/settings"]) expect(index).toContain(`href="${href}"`);
    expect(await html(admin(`${base}/admin?lang=en`))).toContain("<h1>Admin</h1>");
    // Signed out: to the login page.
    expect((await fetch(`${base}/admin/users`, { redirect: "manual" })).status).toBe(302);
  });

  it("creates an account that can sign in; deactivating it ends its session; a reset password works", async () => {
    const page = await html(admin(`${base}/admin/users`));
    const deptId = /<option value="(\d+)">市住房和城乡建设局<\/option>/.exec(page)![1];

    const weak = await html(post("/admin/users", { intent: "create", name: "王五", role: "department", department: deptId, password: "12345678" }));
    expect(weak).toContain("密码不能全为数字或全为字母");
    expect(weak).toMatch(/<input[^>]*name="name"[^>]*value="王五"/);
    const noDept = await html(post("/admin/users", { intent: "create", name: "王五", role: "department", department: "", password: "abc12345" }));
    expect(noDept).toContain("部门人员须选择所属部门");

    const created = await html(post("/admin/users", { intent: "create", name: "王五", role: "department", department: deptId, password: "abc12345" }));
    expect(created).toContain("已创建账号 王五");
    expect(created).toMatch(/王五<\/th><td>部门人员<\/td><td>市住房和城乡建设局<\/td><td>启用<\/td>/);
    expect(await html(post("/admin/users", { intent: "create", name: "王五", role: "analyst", password: "abc12345" }))).toContain("该用户名已存在");

    const { cookie } = await signInOverHttp(base, "王五", "abc12345");
    const wang = withCookie(cookie);
    expect((await wang(`${base}/items`, { redirect: "manual" })).status).toBe(200);

    const id = /王五<\/th>[\s\S]*?name="id" value="(\d+)"/.exec(await html(admin(`${base}/admin/users`)))![1];
    const deactivated = await html(post("/admin/users", { intent: "deactivate", id }));
    expect(deactivated).toContain("已停用账号 王五，结束了 1 个登录会话");
    expect(deactivated).toMatch(/王五<\/th><td>部门人员<\/td><td>市住房和城乡建设局<\/td><td>已停用<\/td>/);
    const after = await wang(`${base}/items`, { redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
    await expect(signInOverHttp(base, "王五", "abc12345")).rejects.toThrow(/HTTP 200/);

    // Not oneself, whatever the form says.
    const myId = /test-admin<span class="muted">（本人）<\/span><\/th>[\s\S]*?name="id" value="(\d+)"/.exec(deactivated)![1];
    expect(await html(post("/admin/users", { intent: "deactivate", id: myId }))).toContain("不能停用自己的账号");

    expect(await html(post("/admin/users", { intent: "reset", id, password: "short1" }))).toContain("密码至少 8 位");
    expect(await html(post("/admin/users", { intent: "reset", id, password: "new-pass-2" }))).toContain("已重置 王五 的密码");
    expect(await html(post("/admin/users", { intent: "reactivate", id }))).toContain("已启用账号 王五");
    await expect(signInOverHttp(base, "王五", "abc12345")).rejects.toThrow();
    expect((await signInOverHttp(base, "王五", "new-pass-2")).cookie).toMatch(/^minyi_session=/);

    // Without the session's CSRF token nothing happens.
    const forged = await admin(`${base}/admin/users`, { method: "POST", body: new URLSearchParams({ intent: "deactivate", id }), headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(forged.status).toBe(403);
  });

  it("lists the audit log newest first with filters by action, user and Shanghai days", async () => {
    const all = await html(admin(`${base}/admin/audit`));
    expect(all).toContain("<h1>审计日志</h1>");
    const rows = [...all.matchAll(/<tr data-action="([a-z_]+)"><td>([\d-]+ [\d:]+)<\/td>/g)];
    expect(rows.length).toBeGreaterThan(5);
    const times = rows.map((r) => r[2]);
    expect([...times].sort().reverse()).toEqual(times);

    const users = await html(admin(`${base}/admin/audit?action=user`));
    const actions = [...users.matchAll(/<tr data-action="([a-z_]+)"/g)].map((m) => m[1]);
    expect(actions.length).toBeGreaterThanOrEqual(5); // created, deactivated, reset, reactivated (+ the test accounts)
    expect(new Set(actions)).toEqual(new Set(["user"]));
    expect(users).toContain("{&quot;deactivated&quot;:true,&quot;sessionsEnded&quot;:1}");
    expect(users).not.toContain("new-pass-2");

    const failed = await html(admin(`${base}/admin/audit?action=login_failed&user=${encodeURIComponent("王五")}`));
    expect([...failed.matchAll(/<tr data-action="login_failed"><td>[^<]*<\/td><td>登录失败<\/td><td>王五<\/td>/g)].length).toBe(2);

    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const todays = await html(admin(`${base}/admin/audit?action=login&user=test-admin&from=${today}&to=${today}`));
    expect(todays).toMatch(/<p data-testid="audit-total">共 [1-9]\d* 条记录<\/p>/);
    const past = await html(admin(`${base}/admin/audit?from=2000-01-01&to=2000-01-31`));
    expect(past).toContain("共 0 条记录");
    expect(past).toContain("没有符合条件的记录");
    const bad = await html(admin(`${base}/admin/audit?from=2026-02-30&to=2026-01-01`));
    expect(bad).toContain('id="from-error"');
    expect(bad).toContain("日期格式应为 YYYY-MM-DD");
    expect(await html(admin(`${base}/admin/audit?from=2026-02-01&to=2026-01-01`))).toContain("截止日期早于起始日期");
    expect(await html(admin(`${base}/admin/audit?lang=en&action=user`))).toContain("<h1>Audit log</h1>");
  });

  it("adds, edits and deactivates a department, adds and renames a topic, and re-matches unmatched unit names", async () => {
    const page = await html(admin(`${base}/admin/catalogue`));
    expect(page).toContain("江城市测试事务办（1）");
    expect(page).toContain("只影响今后的导入");

    const dup = await html(post("/admin/catalogue", { intent: "dept-create", name: "市住房和城乡建设局", aliases: "" }));
    expect(dup).toContain("已有同名单位");
    const taken = await html(post("/admin/catalogue", { intent: "dept-create", name: "市测试事务办", aliases: "住建局" }));
    expect(taken).toContain("“住建局”已是 市住房和城乡建设局 的名称或别名");
    expect(await html(post("/admin/catalogue", { intent: "dept-create", name: "市测试事务办", shortName: "测试办", aliases: "测试事务办、市测试办" }))).toContain("已新增单位 市测试事务办");
    const listed = await html(admin(`${base}/admin/catalogue`));
    expect(listed).toMatch(/<th scope="row">市测试事务办<\/th><td>测试办<\/td><td class="text-cell">测试事务办、市测试办<\/td><td>启用<\/td>/);
    const id = /市测试事务办<\/th>[\s\S]*?\?dept=(\d+)#department-form/.exec(listed)![1];

    const edit = await html(admin(`${base}/admin/catalogue?dept=${id}`));
    expect(edit).toContain("编辑：市测试事务办");
    const saved = await html(post(`/admin/catalogue?dept=${id}`, { intent: "dept-update", id, name: "市测试事务服务中心", shortName: "测试办", aliases: "测试事务办\n市测试办", sortOrder: "99" }));
    expect(saved).toContain("已保存 市测试事务服务中心。名称和别名的修改只影响今后的导入");
    // The old name stays as an alias.
    expect(saved).toMatch(/<th scope="row">市测试事务服务中心<\/th><td>测试办<\/td><td class="text-cell">测试事务办、市测试办、市测试事务办<\/td>/);

    // 江城市测试事务办 normalises to 测试事务办, an alias now: re-matching gives the stored item its department.
    const rematched = await html(post("/admin/catalogue", { intent: "rematch" }));
    expect(rematched).toContain("重新匹配完成：1 个单位名称的 1 件诉求匹配到了部门");
    expect(rematched).toContain("所有已导入诉求的单位名称都已匹配到部门目录");

    const off = await html(post("/admin/catalogue", { intent: "dept-active", id, active: "0" }));
    expect(off).toContain("已停用 市测试事务服务中心");
    expect(off).toMatch(/<th scope="row">市测试事务服务中心<\/th>(<td[^>]*>[^<]*<\/td>){2}<td>已停用<\/td>/);

    const parent = /<option value="(\d+)">城乡建设<\/option>/.exec(page)![1];
    expect(await html(post("/admin/catalogue", { intent: "topic-create", name: "物业管理", parent, keywords: "" }))).toContain("同一上级下已有同名分类");
    expect(await html(post("/admin/catalogue", { intent: "topic-create", name: "电梯安全", parent, keywords: "电梯，困人、维保" }))).toContain("已新增分类 电梯安全");
    const topics = await html(admin(`${base}/admin/catalogue`));
    expect(topics).toMatch(/<span class="indent">电梯安全<\/span><\/th><td>二级<\/td><td class="text-cell">电梯、困人、维保<\/td>/);
    const topicId = /<span class="indent">电梯安全<\/span>[\s\S]*?topic=(\d+)/.exec(topics)![1];
    const renamed = await html(post(`/admin/catalogue?topic=${topicId}`, { intent: "topic-update", id: topicId, name: "电梯运行安全", keywords: "电梯\n困人" }));
    expect(renamed).toContain("已保存分类 电梯运行安全");
    expect(renamed).toMatch(/<span class="indent">电梯运行安全<\/span><\/th><td>二级<\/td><td class="text-cell">电梯、困人<\/td>/);

    const audit = await html(admin(`${base}/admin/audit?action=settings`));
    expect(audit).toContain("department:");
    expect(audit).toContain("topic:");
    expect(audit).toContain("catalogue:rematch");
  });
});
