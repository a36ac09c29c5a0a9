// The reference point: the sqlite3 shell's `.import` of the same CSV into a plain table of a fresh db file.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type SqliteImportResult =
  | { ok: true; seconds: number; rows: number; rowsPerSecond: number; version: string }
  | { ok: false; reason: string };

function hasSqlite3(): boolean {
  return spawnSync("sqlite3", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Finds the sqlite3 shell, installing it with apt-get (update first if the plain install fails) when missing. */
export function ensureSqlite3(log: (message: string) => void): string | null {
  if (hasSqlite3()) return null;
  log("sqlite3 not found; installing it with apt-get");
  const install = () => spawnSync("apt-get", ["install", "-y", "sqlite3"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  let r = install();
  if (r.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "ignore" });
    r = install();
  }
  if (r.status !== 0 || !hasSqlite3()) return `sqlite3 is missing and apt-get install -y sqlite3 failed (${r.error?.message ?? `exit ${r.status}`})`;
  return null;
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stderr: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      if (stderr.length < 20_000) stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

/** Times `sqlite3 ref.db -cmd ".mode csv" ".import FILE items_plain"` in `dir`, then checks the row count. */
export async function sqliteImport(csv: string, dir: string, expectedRows: number, log: (message: string) => void): Promise<SqliteImportResult> {
  const missing = ensureSqlite3(log);
  if (missing) return { ok: false, reason: missing };
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, "ref.db");
  for (const f of [db, `${db}-journal`, `${db}-wal`]) fs.rmSync(f, { force: true });
  const file = /[\s"]/.test(csv) ? `"${csv.replaceAll('"', '\\"')}"` : csv;
  const r = await run("sqlite3", [db, "-cmd", ".mode csv", `.import ${file} items_plain`]);
  if (r.code !== 0) return { ok: false, reason: `sqlite3 .import exited ${r.code}: ${r.stderr.trim().slice(0, 500)}` };
  const count = spawnSync("sqlite3", [db, "SELECT count(*) FROM items_plain"], { encoding: "utf8" });
  const rows = Number(count.stdout.trim());
  const version = spawnSync("sqlite3", ["--version"], { encoding: "utf8" }).stdout.trim().split(" ")[0];
  fs.rmSync(db, { force: true });
  if (rows !== expectedRows) {
    return { ok: false, reason: `sqlite3 .import loaded ${rows} rows, expected ${expectedRows}${r.stderr ? `: ${r.stderr.trim().slice(0, 300)}` : ""}` };
  }
  return { ok: true, seconds: r.seconds, rows, rowsPerSecond: rows / r.seconds, version };
}
