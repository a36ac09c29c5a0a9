// Keeping the substring-search index (item_grams, see grams.ts) up to date. Triggers mark an item pending on every
// write to its text, receipt time or external id; refreshSearchGrams re-indexes the pending items in batches.
// Like the rollups it is a cache: while any item is pending, search reads the texts (LIKE) and stays exact.
import type Database from "better-sqlite3";
import type { Db } from "../client";
import { gramMonthOf, gramsDocument } from "./grams";

/** Items per transaction: FTS5 writes a segment at every commit, and fewer, larger ones merge for less. */
const BULK_BATCH = 20_000;
const REQUEST_BATCH = 5_000;

/** True when no item is pending, so the index holds every item's current text. */
export function gramsUsable(db: Db): boolean {
  return db.$client.prepare("SELECT 1 FROM item_grams_pending LIMIT 1").get() === undefined;
}

export interface GramsRefresh {
  /** Items (re-)indexed; null when the database was busy and nothing was done. */
  items: number | null;
  /** Items still pending (a page request indexes at most `limit`). */
  pending: number;
  ms: number;
}

interface PendingRow {
  pendingId: number;
  id: number | null;
  receivedAt: number | null;
  externalId: string | null;
  title: string | null;
  body: string | null;
}

/**
 * Indexes the pending items, one transaction per batch (20,000, or 5,000 with a limit), so a writer elsewhere
 * waits a second or two at most (readers never wait: WAL). With
 * `wait: false` (page requests) it gives up at once if another connection is writing, and `limit` caps the work.
 */
export function refreshSearchGrams(db: Db, options: { wait?: boolean; limit?: number } = {}): GramsRefresh {
  const started = performance.now();
  const sqlite: Database.Database = db.$client;
  const pendingCount = () => sqlite.prepare("SELECT count(*) FROM item_grams_pending").pluck().get() as number;
  if (gramsUsable(db)) return { items: 0, pending: 0, ms: performance.now() - started };
  const page = sqlite.prepare(`
    SELECT p.item_id AS pendingId, i.id, i.received_at AS receivedAt, i.external_id AS externalId, t.title, t.body
    FROM item_grams_pending p LEFT JOIN items i ON i.id = p.item_id LEFT JOIN item_texts t ON t.item_id = p.item_id
    ORDER BY p.item_id LIMIT ?`);
  // Replacing a document costs six times what adding one does, so look first: FTS5's docsize shadow table has a
  // row per indexed document.
  const isIndexed = sqlite.prepare("SELECT 1 FROM item_grams_docsize WHERE id = ?").pluck();
  const add = sqlite.prepare("INSERT INTO item_grams (rowid, grams) VALUES (?, ?)");
  const remove = sqlite.prepare("DELETE FROM item_grams WHERE rowid = ?");
  const done = sqlite.prepare("DELETE FROM item_grams_pending WHERE item_id <= ?");
  const batch = sqlite.transaction((size: number): number => {
    const rows = page.all(size) as PendingRow[];
    for (const r of rows) {
      if (isIndexed.get(r.pendingId) !== undefined) remove.run(r.pendingId);
      if (r.id !== null && r.receivedAt !== null) add.run(r.id, gramsDocument(gramMonthOf(r.receivedAt), [r.title, r.body, r.externalId]));
    }
    // The batch is the lowest pending ids, so everything up to its last one is done.
    if (rows.length > 0) done.run(rows[rows.length - 1].pendingId);
    return rows.length;
  });
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  if (options.wait === false) sqlite.pragma("busy_timeout = 0");
  let indexed = 0;
  try {
    for (;;) {
      const size = Math.min(options.limit === undefined ? BULK_BATCH : REQUEST_BATCH, (options.limit ?? Infinity) - indexed);
      if (size <= 0) break;
      const n = batch.immediate(size);
      indexed += n;
      if (n < size) break;
    }
  } catch (e) {
    if (options.wait === false && (e as { code?: string }).code?.startsWith("SQLITE_BUSY")) return { items: indexed || null, pending: pendingCount(), ms: performance.now() - started };
    throw e;
  } finally {
    if (options.wait === false) sqlite.pragma(`busy_timeout = ${timeout}`);
  }
  return { items: indexed, pending: pendingCount(), ms: performance.now() - started };
}
