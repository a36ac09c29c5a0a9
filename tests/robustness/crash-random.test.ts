// Crash safety at random points: the ingest CLI (import, NLP pass, rollups) is SIGKILLed at random moments across
// its whole run; after each kill the database is consistent (integrity and foreign keys, whole batches with their
// run's counters), and a re-run reaches exactly the state of an uninterrupted import: the same items, texts,
// NLP results and daily rollups. tests/ingest/crash.test.ts covers the large-file path (worker thread, deferred
// indexes) at two early points; this one spreads the kills over everything the command does.
// The points come from a seeded generator: set MINYI_CRASH_SEED to replay a run (the seed is printed).
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { hotlineCsv, runCli, startCli } from "../helpers/cli";
import { tempDir } from "../helpers/temp";

const ROWS = 6_000;
const KILLS = 4;

/** mulberry32: a small seeded PRNG, so a failing run can be replayed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Everything an import and its NLP pass produce, independent of ids and clocks. */
function finalState(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  const all = (sql: string) => db.prepare(sql).raw().all().map((r) => JSON.stringify(r));
  const state = {
    items: all("SELECT external_id, content_hash, version, status, department_id, topic_id, deadline_at, received_at FROM items ORDER BY external_id"),
    texts: all("SELECT i.external_id, t.body, t.raw FROM item_texts t JOIN items i ON i.id = t.item_id ORDER BY i.external_id"),
    nlp: all(
      "SELECT i.external_id, n.department_id, n.topic_id, n.method, n.sentiment, n.places, n.personal_data, n.reply_substantive FROM item_nlp n JOIN items i ON i.id = n.item_id ORDER BY i.external_id",
    ),
    rollups: all("SELECT * FROM rollup_received ORDER BY 1, 2, 3, 4, 5"),
    dirtyDays: db.prepare("SELECT count(*) FROM rollup_dirty_days").pluck().get(),
    indexes: all("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name"),
  };
  db.close();
  return state;
}

/** What must hold right after a kill, before anything repairs the database. */
function checkConsistent(dbFile: string): { items: number; phase: string } {
  const db = new Database(dbFile);
  try {
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(db.pragma("foreign_key_check")).toEqual([]);
    const items = db.prepare("SELECT count(*) FROM items").pluck().get() as number;
    // Every item has its texts row: both are written in the same transaction.
    expect(db.prepare("SELECT count(*) FROM item_texts").pluck().get()).toBe(items);
    const run = db.prepare("SELECT id, status, inserted, rejected, warnings FROM import_runs ORDER BY id DESC LIMIT 1").get() as
      | { id: number; status: string; inserted: number; rejected: number; warnings: number }
      | undefined;
    if (run) {
      // Rows and the run's counters commit together, batch by batch.
      expect(items).toBe(run.inserted);
      expect(db.prepare("SELECT count(*) FROM import_rejects WHERE import_run_id = ?").pluck().get(run.id)).toBe(run.rejected + run.warnings);
    }
    const analysed = db.prepare("SELECT count(*) FROM item_nlp").pluck().get() as number;
    const phase = !run ? "starting up" : run.status === "running" ? "importing" : analysed < items ? "in the NLP pass" : "after the NLP pass";
    return { items, phase };
  } finally {
    db.close();
  }
}

/** Resolves once the importing process has committed rows (or has exited). */
async function firstCommit(dbFile: string, exited: Promise<unknown>): Promise<void> {
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    await new Promise((r) => setTimeout(r, 5));
    if (!fs.existsSync(dbFile)) continue;
    try {
      const db = new Database(dbFile, { readonly: true, timeout: 20 });
      const n = db.prepare("SELECT count(*) FROM items").pluck().get() as number;
      db.close();
      if (n > 0) return;
    } catch {
      // not migrated yet, or locked for a moment
    }
  }
}

describe("crash safety at random points", () => {
  it(`survives ${KILLS} SIGKILLs at random moments and converges on re-run`, async () => {
    const seed = Number(process.env.MINYI_CRASH_SEED ?? Date.now() % 1_000_000);
    const random = rng(seed);
    const dir = tempDir("minyi-crash-");
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, hotlineCsv(ROWS, "（随机中断）"));
    const args = (db: string) => [file, "--channel", "hotline", "--db", db, "--report-dir", dir];

    const reference = path.join(dir, "reference.db");
    const started = Date.now();
    const ref = runCli(args(reference));
    const duration = Date.now() - started;
    expect(ref.status, ref.stderr).toBe(0);
    const expected = finalState(reference);
    expect(expected.items).toHaveLength(ROWS);
    expect(expected.nlp).toHaveLength(ROWS);

    const outcomes: string[] = [];
    try {
      for (let k = 0; k < KILLS; k++) {
        // Half the kills at a random moment of the uninterrupted run's duration (mostly the NLP pass, the longest
        // part), half a random 0–20 ms after the first committed batch (in the middle of the import's writes).
        const dbFile = path.join(dir, `killed-${k}.db`);
        const t0 = Date.now();
        const child = startCli(args(dbFile));
        const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
        if (k % 2 === 0) await firstCommit(dbFile, exited);
        await new Promise((r) => setTimeout(r, k % 2 === 0 ? Math.round(20 * random()) : Math.round((0.05 + 0.9 * random()) * duration)));
        const delay = Date.now() - t0;
        child.kill("SIGKILL");
        const code = await exited;
        if (!fs.existsSync(dbFile)) {
          outcomes.push(`${delay} ms: killed before the database was created`);
        } else {
          const { items, phase } = checkConsistent(dbFile);
          outcomes.push(`${delay} ms: ${code === 0 ? "had finished" : `killed while ${phase}`} (${items} items)`);
        }
        const rerun = runCli(args(dbFile));
        expect(rerun.status, rerun.stderr).toBe(0);
        expect(finalState(dbFile)).toEqual(expected);
      }
    } finally {
      console.log(`seed ${seed} (MINYI_CRASH_SEED to replay), uninterrupted run ${duration} ms:\n  ${outcomes.join("\n  ")}`);
    }
  }, 300_000);
});
