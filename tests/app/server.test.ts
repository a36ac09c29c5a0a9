// HTTP integration: the production build served by remix-serve over a temp database.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, insertItems, insertWeiboPosts, setSetting, type TempDb } from "./fixtures";

const root = process.cwd();
const serverBuild = path.join(root, "build", "server", "index.js");
// The packages' own bin entries ("remix-serve" and "remix" in their package.json).
const serveCli = path.join(root, "node_modules", "@remix-run", "serve", "dist", "cli.js");
const remixCli = path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js");

/** The environment for child processes, without vitest's variables (vite.config.ts skips Remix under VITEST). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("VITEST")) env[k] = v;
  return { ...env, NODE_ENV: "production", ...extra } as NodeJS.ProcessEnv;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`remix-serve exited with ${child.exitCode}:\n${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`remix-serve did not answer within ${timeoutMs} ms:\n${log()}`);
}

interface RunningServer {
  base: string;
  stop: () => Promise<void>;
}

/** Starts remix-serve on the production build over `dbFile`, on a free port; resolves once it answers. */
async function startServer(dbFile: string): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, [serveCli, "./build/server/index.js"], {
    cwd: root,
    env: childEnv({ DATABASE_PATH: dbFile, PORT: String(port), NODE_ENV: "production" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    // remix-serve closes its HTTP server on SIGTERM but can take several seconds to exit; do not wait for it.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 1_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  try {
    await waitUntilAnswering(`${base}/`, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, stop };
}

/** Newest modification time of the files the build is made from. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ["app", "db", "public", "vite.config.ts", "package.json"]) visit(path.join(root, p));
  return newest;
}

beforeAll(() => {
  // Build when there is no build or it is older than its sources (MINYI_REBUILD=1 forces a fresh one).
  const built = fs.statSync(serverBuild, { throwIfNoEntry: false });
  if (!built || built.mtimeMs < newestSourceMtime() || process.env.MINYI_REBUILD === "1") {
    execFileSync(process.execPath, [remixCli, "vite:build"], {
      cwd: root,
      env: childEnv({ NODE_ENV: "production" }),
      stdio: "pipe",
      timeout: 180_000,
    });
  }
}, 200_000);

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
    tmp.db.$client.close();
    server = await startServer(tmp.file);
    base = server.base;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  it("serves the overview with counts and channel names", async () => {
    const res = await fetch(`${base}/`);
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
    const res = await fetch(`${base}/?lang=en`);
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
    tmp.db.$client.close();
    server = await startServer(tmp.file);
    base = server.base;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  it("shows the empty state and no demo badge", async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("数据库为空");
    expect(html).not.toContain("演示数据 Demo data");
  });
});
