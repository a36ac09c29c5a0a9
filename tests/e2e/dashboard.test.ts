// Browser tests of the dashboard over a small demo city: every page loads cleanly on a desktop and a phone,
// a filter changes the URL and the numbers, a correction is saved and shown, and a chart's table matches its marks.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../ingest/demo/load-demo";
import { ensureTestUser, signInOverHttp } from "../helpers/auth";
import { hasChromium, launchBrowser, openPage, screenshot, useSession } from "../helpers/browser";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";
import { tempDb } from "../helpers/temp";

describe.skipIf(!hasChromium)("dashboard in a browser (small demo city)", () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let base = "";
  let itemPath = "";
  let departmentPath = "";
  let otherItemPath = "";
  let ownItemPath = "";

  beforeAll(async () => {
    await ensureBuild();
    const { db, dir, file } = tempDb();
    await loadDemoData(db, dir, () => {}, { scale: 0.05 });
    const sqlite = db.$client;
    const item = sqlite.prepare("SELECT id FROM items WHERE channel = 'hotline' AND replied_at IS NOT NULL ORDER BY id LIMIT 1").pluck().get() as number;
    const dept = sqlite.prepare("SELECT department_id FROM items WHERE department_id IS NOT NULL GROUP BY department_id ORDER BY count(*) DESC LIMIT 1").pluck().get() as number;
    itemPath = `/items/${item}`;
    departmentPath = `/departments/${dept}`;
    // The corrections below are made by this signed-in admin (settings are admin-only), so the history names them.
    const name = await ensureTestUser(db, "admin", { name: "测试员王五" });
    otherItemPath = `/items/${sqlite.prepare("SELECT id FROM items WHERE routed_department_id != (SELECT id FROM departments WHERE name = '市住房和城乡建设局') ORDER BY id LIMIT 1").pluck().get()}`;
    ownItemPath = `/items/${sqlite.prepare("SELECT id FROM items WHERE routed_department_id = (SELECT id FROM departments WHERE name = '市住房和城乡建设局') ORDER BY id LIMIT 1").pluck().get()}`;
    sqlite.close();
    server = await startServer(file);
    base = server.base;
    useSession((await signInOverHttp(base, name)).cookie);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const pages = () => ["/", "/departments", departmentPath, "/topics", "/feedback", "/weibo", "/items", "/items?backlog=overdue", itemPath, "/volume", "/?lang=en", "/departments?lang=en", "/feedback?lang=en", "/settings", "/settings?lang=en"];

  for (const viewport of [{ name: "desktop", width: 1280, height: 900 }, { name: "phone", width: 390, height: 844, isMobile: true }] as const) {
    it(`loads every page without errors (${viewport.name})`, async () => {
      for (const path of pages()) {
        const p = await openPage(browser!, `${base}${path}`, viewport);
        try {
          expect(p.response?.status(), path).toBe(200);
          expect(p.consoleErrors, path).toEqual([]);
          expect(p.pageErrors, path).toEqual([]);
          expect(p.failedRequests, path).toEqual([]);
          expect(await p.page.locator("h1").count(), path).toBe(1);
          if (viewport.name === "phone" && ["/", "/departments"].includes(path)) {
            // Leaders read the overview and the ranking on a phone: no sideways scrolling of the page itself.
            const width = await p.page.evaluate(() => document.documentElement.scrollWidth);
            expect(width, path).toBeLessThanOrEqual(viewport.width);
          }
          const name = path === "/" ? "overview" : path.replace(/^\//, "").replace(/[/?=&]/g, "-");
          await screenshot(p.page, `dashboard-${name}-${viewport.name}.png`);
        } finally {
          await p.close();
        }
      }
    }, 180_000);
  }

  it("a filter changes the URL and the numbers", async () => {
    const p = await openPage(browser!, `${base}/`, { width: 1280, height: 900 });
    try {
      const volume = p.page.locator(".kpi").first().locator(".kpi-value");
      const before = (await volume.textContent())?.trim();
      await p.page.selectOption('select[name="channel"]', "mailbox");
      await Promise.all([p.page.waitForURL(/channel=mailbox/), p.page.click('.filter-bar button[type="submit"]')]);
      // The URL changes as the navigation starts; the new numbers arrive with the loader data.
      await p.page.waitForFunction((old) => document.querySelector(".kpi .kpi-value")?.textContent?.trim() !== old, before, { timeout: 10_000 });
      const after = (await volume.textContent())?.trim();
      expect(p.page.url()).toContain("channel=mailbox");
      expect(after).not.toBe(before);
      expect(Number(after!.replace(/,/g, ""))).toBeLessThan(Number(before!.replace(/,/g, "")));
      expect(p.pageErrors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it("a chart's table shows the same numbers as its marks", async () => {
    const p = await openPage(browser!, `${base}/`, { width: 1280, height: 900 });
    try {
      const chart = p.page.locator("figure.chart").filter({ hasText: "各渠道受理量" });
      const marks = await chart.locator("svg rect title, svg a title").allTextContents();
      await chart.locator("details summary").click();
      const cells = await chart.locator("details tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent?.trim() ?? "")));
      expect(cells.length).toBe(3);
      for (const [label, value] of cells) expect(marks.some((m) => m.includes(label) && m.includes(value))).toBe(true);
    } finally {
      await p.close();
    }
  });

  it("a correction is saved and shown with who made it", async () => {
    const p = await openPage(browser!, `${base}${itemPath}`, { width: 1280, height: 900 });
    try {
      const form = p.page.locator("form").filter({ has: p.page.locator('input[name="field"][value="department"]') });
      const options = await form.locator('select[name="value"] option:not([disabled])').allTextContents();
      const current = await form.locator('select[name="value"] option:checked').textContent();
      const target = options.find((o) => o !== current)!;
      await form.locator('select[name="value"]').selectOption({ label: target });
      await form.locator('input[name="note"]').fill("浏览器测试");
      await form.locator('button[type="submit"]').click();
      await p.page.locator(".notice").waitFor();
      const history = await p.page.locator(".history").textContent();
      expect(history).toContain("测试员王五");
      expect(history).toContain(target);
      expect(await p.page.locator(".facts dd").first().textContent()).toContain(target);
      expect(await p.page.locator(".facts dd").first().textContent()).toContain("人工更正");
      await screenshot(p.page, "dashboard-item-corrected.png");
      expect(p.pageErrors).toEqual([]);
    } finally {
      await p.close();
    }
  });

  it("signs in with the form, keeps a department account to its department, and signs out", async () => {
    const p = await openPage(browser!, `${base}/items`, { width: 1280, height: 900, cookie: null });
    try {
      // Signed out: the list sends the visitor to the login page, which brings them back after signing in.
      expect(new URL(p.page.url()).pathname).toBe("/login");
      await p.page.locator('input[name="name"]').fill("zhujian");
      await p.page.locator('input[name="password"]').fill("minyi-dept-1");
      await Promise.all([p.page.waitForURL(`${base}/items`), p.page.locator('form.login-form button[type="submit"]').click()]);
      expect(await p.page.locator(".account-name").textContent()).toContain("市住房和城乡建设局");
      // Another department's item is "not found" for this account; its own department's item opens.
      const other = await p.page.goto(`${base}${otherItemPath}`);
      expect(other?.status()).toBe(404);
      const own = await p.page.goto(`${base}${ownItemPath}`);
      expect(own?.status()).toBe(200);
      // The ranking holds only the account's own department, whatever the URL asks for.
      await p.page.goto(`${base}/departments?dept=1`);
      const table = await p.page.locator("table").first().textContent();
      expect(table).toContain("市住房和城乡建设局");
      expect(table).not.toContain("市生态环境局");
      await Promise.all([p.page.waitForURL(`${base}/login`), p.page.locator("form.account button").click()]);
      const after = await p.page.goto(`${base}/`);
      expect(new URL(p.page.url()).pathname).toBe("/login");
      expect(after?.status()).toBe(200);
      await screenshot(p.page, "dashboard-login.png");
    } finally {
      await p.close();
    }
  });
});
