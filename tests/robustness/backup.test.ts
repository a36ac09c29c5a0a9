// npm run db:backup: an online backup taken while another process writes is a consistent snapshot (integrity_check
// ok, the same rows), an existing file is refused without --force, and the README's restore steps bring it back.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase } from "../../db/backup-cli";
import { openDatabase } from "../../db/client";
import { ingestFile } from "../../ingest/load";
import { hotlineCsv } from "../helpers/cli";
import { tempDir } from "../helpers/temp";

const ROWS = 8000;
let dir = "";
let source = "";

/** Row counts of every table except the writer's. */
function counts(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'writer_log' ORDER BY name").pluck().all() as string[]);
  const out = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
  db.close();
  return out;
}

function logCount(file: string): number {
  const db = new Database(file, { readonly: true });
  const n = db.prepare("SELECT count(*) FROM writer_log").pluck().get() as number;
  db.close();
  return n;
}

/** A separate process that commits small transactions into writer_log until killed; resolves once it has written. */
function startWriter(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.pragma("busy_timeout = 10000");
    const insert = db.prepare("INSERT INTO writer_log (at, pad) VALUES (?, ?)");
    const batch = db.transaction(() => { for (let i = 0; i < 20; i++) insert.run(Date.now(), "x".repeat(500)); });
    // Never more than 30 s or 200 MB, whatever happens to the test that started it.
    const deadline = Date.now() + 30000;
    for (let n = 1; n <= 20000 && Date.now() < deadline; n++) { batch(); if (n === 5) process.stdout.write("writing\\n"); }
  `;
  const child = spawn(process.execPath, ["-e", script, file], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`writer exited early (${code})`)));
  });
}

const stop = async (child: ChildProcess) => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
};

const cli = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "db/backup-cli.ts", ...args], { encoding: "utf8" });

beforeAll(async () => {
  dir = tempDir("minyi-backup-");
  source = path.join(dir, "live.db");
  const db = openDatabase(source);
  const csv = path.join(dir, "items.csv");
  fs.writeFileSync(csv, hotlineCsv(ROWS));
  await ingestFile({ db, file: csv, channel: "hotline", preset: "minyi-hotline", reportDir: dir });
  db.$client.exec("CREATE TABLE writer_log (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, pad TEXT)");
  db.$client.close();
}, 120_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("db:backup", () => {
  it("takes a consistent snapshot while another process writes", async () => {
    const writer = await startWriter(source);
    let result;
    let before = 0;
    try {
      before = logCount(source);
      result = await backupDatabase(source, path.join(dir, "snapshot.db"));
    } finally {
      await stop(writer);
    }
    const after = logCount(source);
    expect(result.check).toBe("ok");
    expect(result.bytes).toBeGreaterThan(1_000_000);
    const copy = new Database(result.file, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("foreign_key_check")).toEqual([]);
    // One self-contained file: rollback journal, no -wal beside it.
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    const logged = copy.prepare("SELECT count(*) FROM writer_log").pluck().get() as number;
    // Whole transactions only (20 rows each), from a moment during the backup.
    expect(logged % 20).toBe(0);
    expect(logged).toBeGreaterThanOrEqual(before);
    expect(logged).toBeLessThanOrEqual(after);
    copy.close();
    expect(after).toBeGreaterThan(before);
    expect(counts(result.file)).toEqual(counts(source));
    expect(counts(result.file).items).toBe(ROWS);
    expect(fs.existsSync(`${result.file}.partial`)).toBe(false);
  }, 60_000);

  it("the command prints size and duration, and refuses to overwrite without --force", async () => {
    const file = path.join(dir, "cli.db");
    const writer = await startWriter(source);
    let first;
    try {
      first = cli([file, "--db", source]);
    } finally {
      await stop(writer);
    }
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/backup of .*live\.db → .*cli\.db: \d+\.\d MB \(\d+ pages\) in \d+\.\d\d s, quick_check ok/);
    const again = cli([file, "--db", source]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/cli\.db exists already; pass --force to replace it/);
    const size = fs.statSync(file).size;
    const forced = cli([file, "--db", source, "--force", "--json"]);
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout.trim())).toMatchObject({ file, check: "ok" });
    expect(fs.statSync(file).size).toBeGreaterThan(size / 2);
    expect(cli([]).status).toBe(2);
    expect(cli([path.join(dir, "x.db"), "--db", path.join(dir, "missing.db")]).stderr).toMatch(/no database at/);
  }, 60_000);

  it("restores as the README says: copy over the database file, remove -wal and -shm", async () => {
    const backup = path.join(dir, "restore-from.db");
    await backupDatabase(source, backup);
    const expected = counts(backup);
    // Damage the live database's contents after the backup, as the mistake to undo.
    const live = new Database(source);
    live.exec("DELETE FROM item_texts; DELETE FROM items WHERE id % 2 = 0");
    live.close();
    expect(counts(source).items).toBeLessThan(ROWS);
    // The server is stopped (no connection open); restore.
    fs.copyFileSync(backup, source);
    for (const f of [`${source}-wal`, `${source}-shm`]) fs.rmSync(f, { force: true });
    const db = openDatabase(source);
    expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    db.$client.close();
    expect(counts(source)).toEqual(expected);
  }, 60_000);
});
