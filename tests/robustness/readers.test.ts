// Readers keep working during a long import: while the ingest CLI loads a large generated file in a child process,
// this process reads (counts, metric functions) without SQLITE_BUSY and within a bounded time per read, both on a
// connection opened before the import (the dashboard's usual case) and on connections opened in the middle of it
// (the dashboard's first request arriving during an import). WAL and the busy timeout (db/client.ts) make this work.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { rateCounts } from "../../db/metrics/rates";
import { timing } from "../../db/metrics/timing";
import { hotlineCsv, startCli } from "../helpers/cli";
import { tempDir } from "../helpers/temp";

const ROWS = 100_000;
/** No single read may take longer than this (the busy timeout is 10 s; a blocked reader would hit it). */
const MAX_READ_MS = 3_000;
const MARCH = { start: Date.parse("2026-02-28T16:00:00Z"), end: Date.parse("2026-03-31T16:00:00Z") };

const dir = tempDir("minyi-readers-");
const file = path.join(dir, "long.csv");
fs.writeFileSync(file, hotlineCsv(ROWS));

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ReadLog {
  reads: number;
  errors: string[];
  slowest: number;
  counts: number[];
}

/** Reads until the import exits: a count, the rate counts and the timing metric, each timed. */
async function readWhileImporting(child: ReturnType<typeof startCli>, read: () => number): Promise<ReadLog & { exitCode: number | null; stderr: string }> {
  const log: ReadLog = { reads: 0, errors: [], slowest: 0, counts: [] };
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  let exitCode: number | null | undefined;
  child.once("exit", (code) => (exitCode = code));
  while (exitCode === undefined) {
    const t = performance.now();
    try {
      log.counts.push(read());
      log.reads++;
    } catch (e) {
      log.errors.push(`${(e as { code?: string }).code ?? ""} ${(e as Error).message}`);
    }
    log.slowest = Math.max(log.slowest, performance.now() - t);
    await new Promise((r) => setTimeout(r, 40));
  }
  return { ...log, exitCode, stderr };
}

const importArgs = (dbFile: string) => [file, "--channel", "hotline", "--db", dbFile, "--report-dir", dir, "--no-nlp"];

function metricsRead(db: Db): number {
  const n = db.$client.prepare("SELECT count(*) FROM items").pluck().get() as number;
  const counts = rateCounts(db, MARCH, {});
  timing(db, MARCH, { channel: "hotline" });
  if (typeof counts !== "object") throw new Error("no rate counts");
  return n;
}

describe("readers during a long import", () => {
  it("a connection opened before the import reads throughout it", async () => {
    const dbFile = path.join(dir, "before.db");
    const reader = openDatabase(dbFile);
    metricsRead(reader);
    const child = startCli(importArgs(dbFile));
    const log = await readWhileImporting(child, () => metricsRead(reader));
    expect(log.exitCode, log.stderr).toBe(0);
    console.log(`reader before import: ${log.reads} reads, slowest ${log.slowest.toFixed(0)} ms, counts seen ${new Set(log.counts).size}`);
    expect(log.errors).toEqual([]);
    expect(log.slowest).toBeLessThan(MAX_READ_MS);
    // It read while the rows arrived: several different counts, never going down, ending at all of them.
    expect(new Set(log.counts.filter((n) => n > 0 && n < ROWS)).size).toBeGreaterThanOrEqual(2);
    expect(log.counts.every((n, i) => i === 0 || n >= log.counts[i - 1])).toBe(true);
    // The import stayed in WAL because someone was reading.
    expect(reader.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(metricsRead(reader)).toBe(ROWS);
    reader.$client.close();
  }, 180_000);

  it("connections opened during the import (readonly and the app's own openDatabase) read too", async () => {
    const dbFile = path.join(dir, "during.db");
    openDatabase(dbFile).$client.close(); // migrated, then nobody has it open when the import starts
    const child = startCli(importArgs(dbFile));
    // Wait for the first committed batch, then connect afresh for every read.
    let appDb: Db | undefined;
    const log = await readWhileImporting(child, () => {
      const ro = new Database(dbFile, { readonly: true, timeout: 10_000 });
      try {
        const n = ro.prepare("SELECT count(*) FROM items").pluck().get() as number;
        if (n > 0 && !appDb) appDb = openDatabase(dbFile); // like the dashboard's first request
        if (appDb) metricsRead(appDb);
        return n;
      } finally {
        ro.close();
      }
    });
    expect(log.exitCode, log.stderr).toBe(0);
    console.log(`readers during import: ${log.reads} reads, slowest ${log.slowest.toFixed(0)} ms, counts seen ${new Set(log.counts).size}, app connection ${appDb ? "opened" : "never opened"}`);
    expect(log.errors).toEqual([]);
    expect(log.slowest).toBeLessThan(MAX_READ_MS);
    expect(new Set(log.counts.filter((n) => n > 0 && n < ROWS)).size).toBeGreaterThanOrEqual(1);
    expect(appDb).toBeDefined();
    expect(metricsRead(appDb!)).toBe(ROWS);
    appDb!.$client.close();
    const check = new Database(dbFile, { readonly: true });
    expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
    check.close();
  }, 180_000);
});
