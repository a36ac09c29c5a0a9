// Over HTTP on the production build: the items page's "导出 CSV" / "导出 Excel" links carry the page's filters
// and download exactly the filtered list; a bad parameter answers 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshDeadlines } from "../../db/metrics/deadlines";
import { ensureTestUser, signedInFetch } from "../helpers/auth";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";

// Pages need a signed-in account: requests carry the session cookie of one signed in before the tests.
let fetch: typeof globalThis.fetch = globalThis.fetch;
import { createTempDb, type TempDb } from "../app/fixtures";
import { addItems } from "../metrics/fixture";

describe("export links (remix-serve over the production build)", () => {
  let tmp: TempDb;
  let server: RunningServer | undefined;
  let base = "";

  beforeAll(async () => {
    await ensureBuild();
    tmp = createTempDb("minyi-exports-http-");
    addItems(tmp.db, [
      ...Array.from({ length: 60 }, (_, i) => ({ channel: "hotline" as const, received: `2026-10-${String(1 + (i % 28)).padStart(2, "0")} 09:00`, body: `热线诉求 ${i}，电话13812345678` })),
      { channel: "mailbox", received: "2026-10-03 09:00", body: "信箱来信" },
      { channel: "hotline", received: "2026-09-03 09:00", body: "九月" },
    ]);
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

  const linkOf = (html: string, format: string) => {
    const m = new RegExp(`<a href="([^"]+)"[^>]*data-export="${format}"`).exec(html);
    if (!m) throw new Error(`no ${format} export link`);
    return m[1].replace(/&amp;/g, "&");
  };

  it("the items page's links download the list with the page's filters", async () => {
    const page = await fetch(`${base}/items?period=2026-10&channel=hotline&page=2`);
    const html = await page.text();
    expect(html).toContain("导出 CSV");
    expect(html).toContain("共 60 件");
    const csvLink = linkOf(html, "csv");
    expect(csvLink).toMatch(/^\/items\/export\?/);
    expect(new URL(csvLink, base).searchParams.get("channel")).toBe("hotline");
    expect(new URL(csvLink, base).searchParams.get("page")).toBeNull();

    const res = await fetch(`${base}${csvLink}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="items_2026-10_[\d-]+\.csv"; filename\*=UTF-8''%E8%AF%89%E6%B1%82%E5%88%97%E8%A1%A8_2026-10_/);
    const body = Buffer.from(await res.arrayBuffer());
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString("utf8").trimEnd().split("\r\n");
    expect(lines).toHaveLength(61); // the header and every one of the 60 items, not just the page's 50
    expect(body.toString("utf8")).not.toContain("13812345678");

    const xlsx = await fetch(`${base}${linkOf(html, "xlsx")}`);
    expect(xlsx.status).toBe(200);
    expect([...Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip: "PK"
  });

  it("answers a bad parameter with 400", async () => {
    expect((await fetch(`${base}/items/export?format=pdf`)).status).toBe(400);
    expect((await fetch(`${base}/departments/export?period=2026-13&format=csv`)).status).toBe(400);
    const ok = await fetch(`${base}/departments/export?period=2026-10&format=xlsx`);
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });
});
