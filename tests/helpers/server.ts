// The production build served by remix-serve, for tests that need a running app (browser tests).
// A copy of the approach in tests/app/server.test.ts, plus a cross-process lock so that parallel
// test files (vitest "forks" pool) build the app at most once per run instead of racing each other.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const root = process.cwd();
export const serverBuild = path.join(root, "build", "server", "index.js");
// The packages' own bin entries ("remix-serve" and "remix" in their package.json).
const serveCli = path.join(root, "node_modules", "@remix-run", "serve", "dist", "cli.js");
const remixCli = path.join(root, "node_modules", "@remix-run", "dev", "dist", "cli.js");

/** What the build is made from: a build older than any file under these is rebuilt. */
const BUILD_SOURCES = ["app", "db", "public", "vite.config.ts", "package.json"];
const BUILD_TIMEOUT_MS = 180_000;

/** One lock per checkout (keyed on the project path), shared by every test process on this machine. */
export const buildLockFile = path.join(
  os.tmpdir(),
  `minyi-build-${createHash("sha1").update(root).digest("hex").slice(0, 12)}.lock`,
);
/** A lock older than this is abandoned whatever its owner (a build times out well before). */
const LOCK_STALE_MS = BUILD_TIMEOUT_MS + 60_000;
const LOCK_WAIT_MS = BUILD_TIMEOUT_MS + 90_000;

/** The environment for child processes, without vitest's variables (vite.config.ts skips Remix under VITEST). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("VITEST")) env[k] = v;
  return { ...env, NODE_ENV: "production", ...extra } as NodeJS.ProcessEnv;
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Newest modification time of the files the build is made from. */
function newestSourceMtime(): number {
  let newest = 0;
  const visit = (p: string) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of BUILD_SOURCES) visit(path.join(root, p));
  return newest;
}

/** True when build/server/index.js exists and is no older than its sources. */
export function buildIsFresh(): boolean {
  const built = fs.statSync(serverBuild, { throwIfNoEntry: false });
  return !!built && built.mtimeMs >= newestSourceMtime();
}

function readLock(): { text: string; mtimeMs: number } | null {
  try {
    const text = fs.readFileSync(buildLockFile, "utf8");
    const { mtimeMs } = fs.statSync(buildLockFile);
    return { text, mtimeMs };
  } catch {
    return null; // gone between the failed create and this read: just retry
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/** A lock is stale when its owner process is gone, or when it is older than any build can take. */
function lockIsStale(lock: { text: string; mtimeMs: number }): boolean {
  const age = Date.now() - lock.mtimeMs;
  if (age > LOCK_STALE_MS) return true;
  const pid = Number(lock.text.split(" ")[0]);
  if (!lock.text) return age > 5_000; // created but not written yet; only stale if it stays empty
  return !Number.isInteger(pid) || pid <= 0 || !pidAlive(pid);
}

/**
 * Runs `fn` while holding the build lock: a file created with O_EXCL ("wx") in os.tmpdir(), holding
 * "<pid> <time> <random token>". Waiters poll; a lock whose process is dead (or that is too old) is removed.
 */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  const token = `${process.pid} ${Date.now()} ${randomUUID()}`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.writeFileSync(buildLockFile, token, { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const lock = readLock();
    if (lock && lockIsStale(lock)) {
      // Remove it only if it is still the same stale lock (another waiter may have replaced it already).
      if (readLock()?.text === lock.text) fs.rmSync(buildLockFile, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${buildLockFile} (${lock?.text ?? "?"})`);
    await sleep(250);
  }
  const release = () => {
    try {
      if (fs.readFileSync(buildLockFile, "utf8") === token) fs.rmSync(buildLockFile, { force: true });
    } catch {
      // already gone
    }
  };
  process.once("exit", release); // a worker that dies mid-build does not leave the lock behind
  try {
    return await fn();
  } finally {
    process.removeListener("exit", release);
    release();
  }
}

function runBuild(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [remixCli, "vite:build"],
      { cwd: root, env: childEnv({ NODE_ENV: "production" }), timeout: BUILD_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new Error(`remix vite:build failed: ${err.message}\n${stdout}\n${stderr}`)) : resolve()),
    );
  });
}

let ensured: Promise<void> | undefined;

/**
 * Builds the app (`remix vite:build` into build/) when build/server/index.js is missing or older than any
 * file under app/, db/, public/, vite.config.ts or package.json. Safe to call from parallel test files:
 * the check and the build run under a lock file, so the first caller builds and the others wait, re-check
 * and find the build fresh. Memoized within a process.
 */
export function ensureBuild(): Promise<void> {
  ensured ??= (async () => {
    if (buildIsFresh()) return;
    await withBuildLock(async () => {
      if (!buildIsFresh()) await runBuild(); // another process may have built it while we waited
    });
  })();
  ensured.catch(() => (ensured = undefined)); // a failed build is retried by the next caller
  return ensured;
}

async function waitUntilAnswering(url: string, child: ChildProcess, log: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`remix-serve exited with ${child.exitCode}:\n${log()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await sleep(150);
    }
  }
  throw new Error(`remix-serve did not answer within ${timeoutMs} ms:\n${log()}`);
}

export interface RunningServer {
  /** "http://127.0.0.1:<port>", no trailing slash. */
  base: string;
  /** SIGTERM, then SIGKILL after 1 s if remix-serve has not exited. */
  stop(): Promise<void>;
  /** Everything remix-serve wrote to stdout and stderr so far. */
  log(): string;
}

/**
 * Starts remix-serve on the production build over `dbFile` (DATABASE_PATH), on a free port, with `env`
 * added to the environment; resolves once it answers HTTP. Call ensureBuild() first.
 */
export async function startServer(dbFile: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, [serveCli, "./build/server/index.js"], {
    cwd: root,
    env: childEnv({ NODE_ENV: "production", ...env, DATABASE_PATH: dbFile, PORT: String(port) }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += String(d)));
  child.stderr?.on("data", (d) => (output += String(d)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    // remix-serve closes its HTTP server on SIGTERM but can take several seconds to exit; do not wait for it.
    await Promise.race([exited, sleep(1_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  try {
    await waitUntilAnswering(`${base}/`, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { base, stop, log: () => output };
}
