// 生成通报 over HTTP (the production build served by remix-serve over a small demo city): the page with its form
// and preview, the downloads with their Content-Type and Chinese file names, 400 for bad input, and the same
// numbers as the dashboard's overview page for the same period.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoData } from "../../ingest/demo/load-demo";
import { documentWidths, hasChromium, launchBrowser, openPage, screenshot, useSession } from "../helpers/browser";
import { ensureTestUser, signInOverHttp, withCookie } from "../helpers/auth";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";

// Pages need a signed-in account: requests carry the session cookie of one signed in before the tests.
let fetch: typeof globalThis.fetch = globalThis.fetch;
import { tempDb, tempDir } from "../helpers/temp";

beforeAll(() => ensureBuild(), 300_000);

describe("the 生成通报 page and its downloads", () => {
  let server: RunningServer | undefined;
  let base = "";
  let dir = "";

  beforeAll(async () => {
    const t = tempDb(tempDir("minyi-bulletin-route-"));
    dir = t.dir;
    await loadDemoData(t.db, t.dir, () => {}, { scale: 0.05 });
    const name = await ensureTestUser(t.db);
    t.db.$client.close();
    server = await startServer(t.file);
    base = server.base;
    const { cookie } = await signInOverHttp(base, name);
    fetch = withCookie(cookie);
    useSession(cookie);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("serves the form and a preview of the newest month's bulletin, linked from the navigation", async () => {
    const res = await fetch(`${base}/bulletin`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<h1>生成通报</h1>");
    expect(html).toMatch(/<a [^>]*href="\/bulletin"[^>]*>生成通报<\/a>/);
    expect(html).toMatch(/<form method="get" action="\/bulletin"/);
    for (const f of ["docx", "xlsx", "html"]) expect(html).toContain(`formAction="/bulletin/download" name="format" value="${f}"`.replace("formAction", "formaction"));
    expect(html).toContain('name="assessment"');
    expect(html).toContain("2026年10月群众诉求办理情况通报");
    expect(html).toContain("一、总体情况");
  });

  it("answers a bad period, department or format with 400 and says what is wrong", async () => {
    for (const [query, text] of [["period=2026-13", "2026-13"], ["dept=99999", "99999"], ["period=2026-10&format=pdf", "format"], ["period=2026-Q3&assessment=1", "考核月"]]) {
      for (const path of ["/bulletin", "/bulletin/download"]) {
        const res = await fetch(`${base}${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBe(400);
        expect(await res.text()).toContain(text);
      }
    }
  });

  it("downloads Word, Excel and the print page with their types and Chinese file names (RFC 5987)", async () => {
    const name = "2026年10月群众诉求办理情况通报";
    const expected = {
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      html: "text/html; charset=utf-8",
    } as const;
    for (const [format, type] of Object.entries(expected)) {
      const res = await fetch(`${base}/bulletin/download?period=2026-10&format=${format}`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get("content-type")).toBe(type);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="minyi-bulletin-2026-10.${format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBeGreaterThan(10_000);
      if (format === "html") expect(body.toString("utf8")).not.toMatch(/<script/i);
      else expect(body.subarray(0, 2).toString("latin1")).toBe("PK");
    }
    const inline = await fetch(`${base}/bulletin/download?period=2026-10&format=html&disposition=inline`);
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /);
    const dept = await fetch(`${base}/bulletin/download?period=2026-10&format=docx&dept=2&scope=all`);
    expect(dept.headers.get("content-disposition")).toContain(encodeURIComponent("市住房和城乡建设局2026年10月群众诉求办理情况通报（全口径）.docx"));
  });

  it("prints the KPIs the overview page shows for the same period", async () => {
    const overview = await (await fetch(`${base}/?period=2026-10`)).text();
    const cards = [...overview.matchAll(/<dd class="kpi-value">(?:<a [^>]*>)?([^<]+)/g)].map((m) => m[1]);
    const [volume, replyRate, onTimeRate, resolutionRate, satisfactionRate] = cards;
    const bulletin = await (await fetch(`${base}/bulletin/download?period=2026-10&format=html`)).text();
    const cell = (label: string) => new RegExp(`<td class="align-left">${label}</td><td class="align-right">([^<]+)</td>`).exec(bulletin)?.[1];
    expect([cell("受理量"), cell("答复率"), cell("按时答复率"), cell("办结率"), cell("满意率")]).toEqual([volume, replyRate, onTimeRate, resolutionRate, satisfactionRate]);
    expect(volume).toMatch(/^\d[\d,]*$/);
  });

  it.skipIf(!hasChromium)("works in a browser on a desktop and on a 390 px phone: hydrates cleanly, no sideways scroll", async () => {
    const browser = await launchBrowser();
    try {
      for (const [name, options] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }]] as const) {
        const opened = await openPage(browser, `${base}/bulletin?period=2026-10`, options);
        try {
          expect(opened.response?.status()).toBe(200);
          expect(opened.consoleErrors, name).toEqual([]);
          expect(opened.pageErrors, name).toEqual([]);
          const { scrollWidth, clientWidth } = await documentWidths(opened.page);
          expect(scrollWidth, name).toBeLessThanOrEqual(clientWidth);
          expect(await opened.page.locator(".bulletin .chart-svg").count()).toBe(2);
          await screenshot(opened.page, `bulletin-${name}`);
        } finally {
          await opened.close();
        }
      }
    } finally {
      await browser.close();
    }
  }, 90_000);
});
