// Browser test: the overview page in headless Chromium, on a desktop and a phone viewport,
// served by remix-serve from the production build over a temp database.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, insertItems, insertWeiboPosts, setSetting, type TempDb } from "../app/fixtures";
import { ensureTestUser, signInOverHttp } from "../helpers/auth";
import { documentWidths, hasChromium, launchBrowser, openPage, screenshot, useSession } from "../helpers/browser";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
] as const;

const ZH_HEADING = "总览";
const EN_HEADING = "Overview";

describe.skipIf(!hasChromium)("overview in a browser (Chromium, remix-serve)", () => {
  let tmp: TempDb | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let base = "";

  beforeAll(async () => {
    await ensureBuild();
    tmp = createTempDb("minyi-e2e-");
    insertItems(tmp.db, "hotline", [
      ...Array.from({ length: 1234 }, (_, i) => Date.parse("2026-03-01T00:00:00Z") + i * 60_000),
      "2026-01-31T17:00:00Z",
    ]);
    insertItems(tmp.db, "mailbox", ["2026-02-03T04:00:00Z", "2026-03-04T04:00:00Z", "2026-03-05T04:00:00Z"]);
    insertItems(tmp.db, "weibo", ["2026-03-06T04:00:00Z", "2026-03-07T04:00:00Z"]);
    insertWeiboPosts(tmp.db, ["2026-02-06T04:00:00Z"]);
    setSetting(tmp.db, "demo_data", "true"); // the demo badge makes the header as wide as it gets
    const name = await ensureTestUser(tmp.db);
    tmp.db.$client.close();
    server = await startServer(tmp.file);
    base = server.base;
    useSession((await signInOverHttp(base, name)).cookie);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    tmp?.cleanup();
  });

  describe.each(VIEWPORTS)("$name ($width×$height)", (viewport) => {
    it("loads / with status 200, no console or page errors, and a visible <h1>", async () => {
      const p = await openPage(browser!, `${base}/`, viewport);
      try {
        expect(p.response?.status()).toBe(200);
        expect(p.consoleErrors).toEqual([]);
        expect(p.pageErrors).toEqual([]);
        expect(p.failedRequests).toEqual([]);
        expect(p.httpErrors).toEqual([]);
        expect(await p.page.getAttribute("html", "lang")).toBe("zh-CN");
        const h1 = p.page.locator("h1");
        expect(await h1.count()).toBe(1);
        expect(await h1.isVisible()).toBe(true);
        expect((await h1.textContent())?.trim()).toBe(ZH_HEADING);
        await screenshot(p.page, `overview-${viewport.name}.png`);
        // No horizontal scroll: the document is no wider than the viewport.
        expect((await documentWidths(p.page)).scrollWidth).toBeLessThanOrEqual(viewport.width);
      } finally {
        await p.close();
      }
    });

    it("switches to English with the language link", async () => {
      const p = await openPage(browser!, `${base}/`, viewport);
      try {
        const link = p.page.locator("a.lang-switch");
        expect((await link.textContent())?.trim()).toBe("English");
        // A marker on window survives only a client-side (hydrated Remix) navigation, not a full page load.
        await p.page.evaluate(() => ((window as unknown as { __e2eMarker: number }).__e2eMarker = 1));
        await link.click();
        await p.page.waitForURL((url) => url.searchParams.get("lang") === "en");
        await p.page.locator("h1", { hasText: EN_HEADING }).waitFor({ state: "visible" });
        expect(new URL(p.page.url()).searchParams.get("lang")).toBe("en");
        expect((await p.page.locator("h1").textContent())?.trim()).toBe(EN_HEADING);
        expect(await p.page.getAttribute("html", "lang")).toBe("en");
        expect(await p.page.evaluate(() => (window as unknown as { __e2eMarker?: number }).__e2eMarker)).toBe(1);
        expect((await p.page.locator("a.lang-switch").textContent())?.trim()).toBe("中文");
        await p.page.waitForLoadState("networkidle");
        expect(p.consoleErrors).toEqual([]);
        expect(p.pageErrors).toEqual([]);
        expect(p.failedRequests).toEqual([]);
        expect(p.httpErrors).toEqual([]);
        // The English labels are longer; still no horizontal scroll.
        expect((await documentWidths(p.page)).scrollWidth).toBeLessThanOrEqual(viewport.width);
      } finally {
        await p.close();
      }
    });

    it("shows the 404 page, with status 404, for a URL that does not exist", async () => {
      const url = `${base}/no-such-page`;
      const p = await openPage(browser!, url, viewport);
      try {
        expect(p.response?.status()).toBe(404);
        const h1 = p.page.locator("h1");
        expect(await h1.isVisible()).toBe(true);
        expect((await h1.textContent())?.trim()).toBe("页面不存在 (404)");
        expect(await p.page.locator('[role="alert"]').isVisible()).toBe(true);
        expect(p.pageErrors).toEqual([]);
        expect(p.failedRequests).toEqual([]);
        // The document's own 404 is expected (Chromium also logs it as a "Failed to load resource" console
        // error); nothing else may fail.
        expect(p.httpErrors).toEqual([`404 ${url}`]);
        expect(p.consoleErrors.filter((e) => !(e.includes("status of 404") && e.includes(url)))).toEqual([]);
        expect((await documentWidths(p.page)).scrollWidth).toBeLessThanOrEqual(viewport.width);
      } finally {
        await p.close();
      }
    });
  });
});
