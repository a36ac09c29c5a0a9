// A killed ingest leaves the database consistent, and a re-run reaches the same state as an uninterrupted run.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { hotlineCsv, runCli, startCli } from "../helpers/cli";
import { tempDir } from "../helpers/temp";

const ROWS = 60_000;

function state(dbFile: string): { items: number; digest: string; indexes: string[] } {
  const db = new Database(dbFile, { readonly: true });
  const rows = db.prepare("SELECT external_id, content_hash FROM items ORDER BY external_id").all() as { external_id: string; content_hash: string }[];
  // Imports of large files drop and rebuild secondary indexes; a killed one must not leave them missing.
  const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  db.close();
  return { items: rows.length, digest: rows.map((r) => `${r.external_id}:${r.content_hash}`).join("|"), indexes };
}

/** Waits until the importing process has committed its first batch (readers see it through WAL). */
async function waitForFirstCommit(dbFile: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    await new Promise((r) => setTimeout(r, 20));
    if (!fs.existsSync(dbFile)) continue;
    try {
      const db = new Database(dbFile, { readonly: true, timeout: 50 });
      const n = (db.prepare("SELECT count(*) n FROM items").get() as { n: number }).n;
      db.close();
      if (n > 0) return;
    } catch {
      // schema not created yet
    }
  }
  throw new Error("the import never committed a batch");
}

describe("crash safety", () => {
  it("survives SIGKILL at several points and converges on re-run", async () => {
    const dir = tempDir();
    const file = path.join(dir, "big.csv");
    fs.writeFileSync(file, hotlineCsv(ROWS));
    const reference = path.join(dir, "reference.db");
    // --no-nlp: the state compared here is the import's; tests/robustness/crash-random.test.ts covers the NLP pass.
    expect(runCli([file, "--channel", "hotline", "--db", reference, "--report-dir", dir, "--no-nlp"]).status).toBe(0);
    const expected = state(reference);
    expect(expected.items).toBe(ROWS);
    expect(expected.indexes.length).toBeGreaterThanOrEqual(9);

    const killedAt: number[] = [];
    for (const extraDelayMs of [0, 400]) {
      const dbFile = path.join(dir, `killed-${extraDelayMs}.db`);
      const child = startCli([file, "--channel", "hotline", "--db", dbFile, "--report-dir", dir, "--no-nlp"]);
      await waitForFirstCommit(dbFile);
      await new Promise((r) => setTimeout(r, extraDelayMs));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));

      const db = new Database(dbFile);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      // Each batch commits its rows together with the run's counters, so they always agree.
      const run = db.prepare("SELECT status, inserted FROM import_runs ORDER BY id DESC LIMIT 1").get() as { status: string; inserted: number } | undefined;
      const items = (db.prepare("SELECT count(*) n FROM items").get() as { n: number }).n;
      db.close();
      if (run) expect(items).toBe(run.inserted);
      killedAt.push(items);
      expect(items).toBeLessThanOrEqual(ROWS);

      expect(runCli([file, "--channel", "hotline", "--db", dbFile, "--report-dir", dir, "--no-nlp"]).status).toBe(0);
      expect(state(dbFile)).toEqual(expected);
      const runs = new Database(dbFile, { readonly: true }).prepare("SELECT status FROM import_runs ORDER BY id").all() as { status: string }[];
      if (runs.length === 2) expect(runs.map((r) => r.status)).toEqual(["interrupted", "done"]);
    }
    console.log(`items committed when killed: ${killedAt.join(", ")} of ${ROWS}`);
    // The kills must land mid-import, or this test proves nothing.
    expect(killedAt.every((n) => n > 0 && n < ROWS)).toBe(true);
  }, 180_000);
});
