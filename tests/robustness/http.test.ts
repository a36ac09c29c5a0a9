// Over HTTP against the production build: citizens' text that looks like HTML, script or SQL is shown as text on
// /items and /items/:id (escaped in the HTML, no script element made from it, nothing dropped), and every kind of
// response carries the security headers. In Chromium the pages hydrate with no CSP violation.
import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../ingest/load";
import { sessionCookie, ensureTestUser } from "../helpers/auth";
import { hasChromium, launchBrowser } from "../helpers/browser";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";
import { tempDb } from "../helpers/temp";

const SCRIPT = "<script>alert(1)</script>";
const SQL = "'; DROP TABLE items;--";
const IMG = '<img src=x onerror="alert(2)">';

let server: RunningServer | undefined;
let base = "";
let cookie = "";
let dbFile = "";
let tmpDir = "";
const ids: Record<string, number> = {};

const get = (p: string, init: RequestInit = {}) => fetch(`${base}${p}`, { ...init, redirect: "manual", headers: { Cookie: cookie, ...(init.headers ?? {}) } });

beforeAll(async () => {
  await ensureBuild();
  const t = tempDb();
  tmpDir = t.dir;
  dbFile = t.file;
  const csv = path.join(t.dir, "hostile.csv");
  fs.writeFileSync(
    csv,
    [
      "信件编号,标题,来信内容,来信时间",
      `X1,"${SCRIPT}","${SQL.replace(/"/g, '""')}",2026-03-02 09:00:00`,
      `X2,"${SQL}","${IMG.replace(/"/g, '""')}",2026-03-03 09:00:00`,
      `X3,普通来信,"<b>加粗</b> &amp; <!-- 注释 -->",2026-03-04 09:00:00`,
    ].join("\r\n") + "\r\n",
  );
  const summary = await ingestFile({ db: t.db, file: csv, channel: "mailbox", preset: "minyi-mailbox", reportDir: t.dir });
  expect(summary.inserted).toBe(3);
  for (const r of t.db.$client.prepare("SELECT id, external_id FROM items").all() as { id: number; external_id: string }[]) ids[r.external_id] = r.id;
  // A signed-in admin's session (pages need an account).
  cookie = (await sessionCookie(t.db, await ensureTestUser(t.db, "admin"))).cookie;
  t.db.$client.close();
  server = await startServer(dbFile);
  base = server.base;
}, 300_000);

afterAll(async () => {
  await server?.stop();
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
});

/** Text of every <script> element in the document. */
const scriptBodies = (html: string) => [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);

describe("hostile text is rendered escaped", () => {
  it("/items shows the titles as text", async () => {
    const res = await get("/items?period=2026-03");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain(SCRIPT);
    // React escapes ' as &#x27; in text.
    expect(html).toContain("&#x27;; DROP TABLE items;--");
    expect(scriptBodies(html).some((s) => s.trim() === "alert(1)")).toBe(false);
  });

  it("/items/:id shows title and body as text", async () => {
    for (const [id, title, body] of [["X1", SCRIPT, SQL], ["X2", SQL, IMG]] as const) {
      const res = await get(`/items/${ids[id]}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).not.toContain(SCRIPT);
      expect(html).not.toContain("<img src=x");
      expect(html).not.toMatch(/<img[^>]*onerror/i);
      expect(scriptBodies(html).some((s) => /^\s*alert\(\d\)\s*$/.test(s))).toBe(false);
      // The text is there, escaped: &lt; for <, &quot; or " inside text, &#x27; for '.
      const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/'/g, "&#x27;").replace(/"/g, "&quot;");
      expect(html).toContain(escaped(title));
      expect(html.includes(escaped(body)) || html.includes(escaped(body).replace(/&quot;/g, '"'))).toBe(true);
    }
  });

  it("the SQL-looking text dropped nothing", async () => {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(dbFile, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM items").pluck().get()).toBe(3);
    expect(db.prepare("SELECT title FROM item_texts JOIN items ON items.id = item_id WHERE external_id = 'X2'").pluck().get()).toBe(SQL);
    db.close();
    // The search box takes the same text as a bound parameter.
    const res = await get(`/items?period=2026-03&q=${encodeURIComponent(SQL)}`);
    expect(res.status).toBe(200);
  });
});

describe("security headers", () => {
  const expectHeaders = (res: Response, what: string) => {
    expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
    expect(res.headers.get("x-frame-options"), what).toBe("DENY");
    expect(res.headers.get("referrer-policy"), what).toBe("same-origin");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp, what).not.toMatch(/'unsafe-eval'/);
    return csp;
  };

  it("an HTML page: a CSP with a fresh nonce that every inline script carries", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const res = await get("/items?period=2026-03");
      const csp = expectHeaders(res, "document");
      const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      nonces.add(nonce!);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attrs of scripts) expect(attrs).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(2);
  });

  it("data requests, resource routes, static files and 404s", async () => {
    expectHeaders(await get("/items.data?period=2026-03"), "single-fetch data");
    expectHeaders(await get("/items/export?period=2026-03&format=csv"), "resource route (export)");
    expectHeaders(await get("/favicon.svg"), "public/ file");
    const html = await (await get("/items?period=2026-03")).text();
    const asset = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    expectHeaders(await get(asset!), "build asset");
    expectHeaders(await get("/assets/no-such-file.js"), "missing asset");
    expectHeaders(await get("/no-such-page"), "404 page");
    expectHeaders(await fetch(`${base}/login`), "login page");
  });
});

describe.skipIf(!hasChromium)("in Chromium", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("pages hydrate with no CSP violation and no script from the data runs", async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: base }]);
    // Collected in the page from the first byte: the browser reports each blocked resource or inline script.
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    const dialogs: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy/i.test(m.text())) consoleErrors.push(m.text());
    });
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      for (const p of ["/items?period=2026-03", `/items/${ids.X1}`, `/items/${ids.X2}`, "/"]) {
        const res = await page.goto(`${base}${p}`, { waitUntil: "load" });
        expect(res?.status(), p).toBe(200);
        await page.waitForLoadState("networkidle");
        // Hydrated: Remix's router exists only once its (nonce-carrying) module scripts ran.
        expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter), p).toBe("object");
        expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), p).toEqual([]);
      }
      await page.goto(`${base}/items/${ids.X1}`, { waitUntil: "networkidle" });
      expect(await page.locator("h1").textContent()).toBe(SCRIPT);
      expect(await page.evaluate(() => [...document.scripts].some((s) => s.textContent?.trim() === "alert(1)"))).toBe(false);
      // A client-side navigation works (scripts run): follow the items link from the item page's header.
      await page.goto(`${base}/items?period=2026-03`, { waitUntil: "networkidle" });
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      await page.locator(`a[href^="/items/${ids.X2}"]`).first().click();
      await page.waitForURL(`**/items/${ids.X2}**`);
      await page.waitForFunction((title) => document.querySelector("h1")?.textContent === title, SQL, { timeout: 10_000 });
      // The same document: Remix's client router navigated, so its scripts run under the CSP.
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
