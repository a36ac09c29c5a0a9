// The SQL behind ingestion: prepared statements for batched, idempotent upserts and import-run bookkeeping.
// Raw better-sqlite3 statements here (not the query builder) because this is the hot path of every import.
import type Database from "better-sqlite3";
import { tryJournalMode, type Db } from "./client";
import { deferSecondaryIndexes, rebuildDeferredIndexes } from "./deferred-indexes";

/** Item fields a source provides, in camelCase, with their column names. */
export const ITEM_FIELD_COLUMNS = {
  title: "title", body: "body", type: "type", author: "author", receivedAt: "received_at",
  dispatchedAt: "dispatched_at", signedAt: "signed_at", firstContactAt: "first_contact_at", repliedAt: "replied_at",
  closedAt: "closed_at", dueAt: "due_at", returnVisitAt: "return_visit_at", returnedCount: "returned_count",
  replyText: "reply_text", status: "status", statusRaw: "status_raw", satisfaction: "satisfaction", solved: "solved",
  publicationConsent: "publication_consent", likes: "likes", opposes: "opposes", reposts: "reposts",
  commentsCount: "comments_count", departmentRaw: "department_raw", topicRaw: "topic_raw", location: "location",
  weiboPostRef: "weibo_post_ref",
} as const;

export const POST_FIELD_COLUMNS = {
  bid: "bid", text: "text", postedAt: "posted_at", isOriginal: "is_original", likes: "likes", reposts: "reposts",
  comments: "comments", tool: "tool", location: "location", topicsText: "topics_text", mentions: "mentions",
} as const;

type Row = Record<string, unknown>;

export interface StoredRecord {
  id: number;
  content_hash: string;
  version: number;
  import_run_id: number;
  source_line: number;
  [column: string]: unknown;
}

export interface RunCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}

export type IngestStore = ReturnType<typeof createIngestStore>;

/** Column order of the logical item row the loader builds (it spans `items` and `item_texts`). */
export const ITEM_INSERT_COLUMNS = [
  "channel", "source", "external_id", ...Object.values(ITEM_FIELD_COLUMNS), "department_id", "topic_id", "weibo_post_id",
  "deadline_at", "raw", "content_hash", "version", "import_run_id", "source_line", "updated_at",
] as const;

/** Columns of the logical row that live in `item_texts`. */
const TEXT_COLUMNS = ["title", "body", "reply_text", "raw"] as const;
const TEXT_INDEXES = TEXT_COLUMNS.map((c) => ITEM_INSERT_COLUMNS.indexOf(c));
const NARROW_COLUMNS = ITEM_INSERT_COLUMNS.filter((c) => !(TEXT_COLUMNS as readonly string[]).includes(c));
const NARROW_INDEXES = NARROW_COLUMNS.map((c) => ITEM_INSERT_COLUMNS.indexOf(c));
const pick = (row: unknown[], indexes: number[]) => indexes.map((i) => row[i]);

export function createIngestStore(db: Db) {
  const sqlite: Database.Database = db.$client;
  const itemCols: string[] = [...NARROW_COLUMNS];
  const postCols = [
    "source", "external_id", "account_id", ...Object.values(POST_FIELD_COLUMNS), "raw", "content_hash", "version",
    "import_run_id", "source_file", "source_line", "updated_at",
  ];
  const insertSql = (table: string, cols: string[]) =>
    `INSERT INTO ${table} (${cols.join(", ")}) VALUES (${cols.map((c) => `@${c}`).join(", ")})`;
  const updateSql = (table: string, cols: string[]) =>
    `UPDATE ${table} SET ${cols.filter((c) => c !== "source" && c !== "external_id").map((c) => `${c} = @${c}`).join(", ")} WHERE id = @id`;

  const stmt = {
    findItem: sqlite.prepare(
      "SELECT i.*, t.title, t.body, t.reply_text, t.raw FROM items i JOIN item_texts t ON t.item_id = i.id WHERE i.source = ? AND i.external_id = ?",
    ),
    insertTexts: sqlite.prepare(`INSERT INTO item_texts (item_id, ${TEXT_COLUMNS.join(", ")}) VALUES (?, ${TEXT_COLUMNS.map(() => "?").join(", ")})`),
    updateTexts: sqlite.prepare(`UPDATE item_texts SET ${TEXT_COLUMNS.map((c) => `${c} = ?`).join(", ")} WHERE item_id = ?`),
    // One statement both probes the unique key and inserts: the common case of a new row costs one index walk.
    insertNewItem: sqlite.prepare(
      `INSERT INTO items (${itemCols.join(", ")}) VALUES (${itemCols.map(() => "?").join(", ")}) ON CONFLICT(source, external_id) DO NOTHING`,
    ),
    updateItem: sqlite.prepare(updateSql("items", itemCols)),
    insertItemHistory: sqlite.prepare(
      "INSERT INTO item_history (item_id, version, import_run_id, changed_at, previous, changed_fields) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    findPost: sqlite.prepare("SELECT * FROM weibo_posts WHERE source = ? AND external_id = ?"),
    findPostId: sqlite.prepare("SELECT id FROM weibo_posts WHERE source = ? AND external_id = ?").pluck(),
    insertPost: sqlite.prepare(insertSql("weibo_posts", postCols)),
    updatePost: sqlite.prepare(updateSql("weibo_posts", postCols)),
    insertPostHistory: sqlite.prepare(
      "INSERT INTO weibo_post_history (post_id, version, import_run_id, changed_at, previous) VALUES (?, ?, ?, ?, ?)",
    ),
    linkComments: sqlite.prepare(
      "UPDATE items SET weibo_post_id = ? WHERE source = ? AND weibo_post_ref = ? AND weibo_post_id IS NULL",
    ),
    findAccount: sqlite.prepare("SELECT id FROM weibo_accounts WHERE source = ? AND name = ?").pluck(),
    insertAccount: sqlite.prepare("INSERT INTO weibo_accounts (source, name, uid, department_id) VALUES (?, ?, ?, ?)"),
    insertRun: sqlite.prepare(
      `INSERT INTO import_runs (started_at, status, file_path, file_name, file_size, file_sha256, encoding, channel, source, preset, mapping_name)
       VALUES (@startedAt, 'running', @filePath, @fileName, @fileSize, @fileSha256, @encoding, @channel, @source, @preset, @mappingName)`,
    ),
    updateRunCounts: sqlite.prepare(
      `UPDATE import_runs SET read = @read, inserted = @inserted, updated = @updated, unchanged = @unchanged,
       rejected = @rejected, warnings = @warnings WHERE id = @id`,
    ),
    finishRun: sqlite.prepare(
      `UPDATE import_runs SET status = @status, finished_at = @finishedAt, rejects_file = @rejectsFile, report_file = @reportFile,
       unmatched_units = @unmatchedUnits, message = @message,
       file_sha256 = coalesce(@fileSha256, file_sha256) WHERE id = @id`,
    ),
    markInterrupted: sqlite.prepare(
      "UPDATE import_runs SET status = 'interrupted', message = 'the process stopped before the import finished' WHERE status = 'running'",
    ),
    insertReject: sqlite.prepare(
      "INSERT INTO import_rejects (import_run_id, line, severity, field, reason, raw) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    departments: sqlite.prepare("SELECT id, name, short_name AS shortName, aliases FROM departments WHERE active = 1"),
    topics: sqlite.prepare("SELECT id, name, parent_id AS parentId FROM topics"),
    setSetting: sqlite.prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    ),
    countItemsOnly: sqlite.prepare("SELECT count(*) FROM items").pluck(),
    countItems: sqlite.prepare("SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM weibo_posts)").pluck(),
  };

  let bulkJournal = "wal";

  return {
    /**
     * Bulk mode for an import. Checkpointing the WAL every 1,000 pages (SQLite's default) rewrites the same index
     * pages over and over and makes imports 3× slower, so the WAL is checkpointed once at the end. And when no
     * other connection has the database open, the import writes through a rollback journal instead: new pages
     * then go to the database file once, where WAL writes them twice (log, then checkpoint). Either way every
     * batch is a transaction, so a killed import leaves whole batches.
     */
    beginBulk(expectedRows: number): { deferredIndexes: boolean; journal: string } {
      bulkJournal = tryJournalMode(sqlite, "truncate");
      if (bulkJournal === "wal") sqlite.pragma("wal_autocheckpoint = 100000");
      // Rebuilding costs a sort of the whole table, so defer only when the file outweighs what is stored.
      const stored = stmt.countItemsOnly.get() as number;
      return { deferredIndexes: expectedRows > 50_000 && expectedRows > stored && deferSecondaryIndexes(sqlite, "items"), journal: bulkJournal };
    },
    endBulk(): void {
      rebuildDeferredIndexes(sqlite);
      if (bulkJournal === "wal") {
        sqlite.pragma("wal_autocheckpoint = 1000");
        // PASSIVE never blocks readers (the dashboard may be reading); it copies what it can now.
        sqlite.pragma("wal_checkpoint(PASSIVE)");
      } else if (tryJournalMode(sqlite, "wal") !== "wal") {
        // Back to WAL so the dashboard can read while later imports write. Someone opened the database meanwhile:
        // wait for them (busy timeout); if they still hold it, the next openDatabase() switches.
        try {
          sqlite.pragma("journal_mode = WAL");
        } catch {
          /* see above */
        }
      }
    },
    /** Runs `fn` in one write transaction (better-sqlite3 transactions are synchronous). */
    transaction<T>(fn: () => T): T {
      return sqlite.transaction(fn).immediate();
    },
    findItem: (source: string, externalId: string) => stmt.findItem.get(source, externalId) as StoredRecord | undefined,
    /** Inserts unless (source, external_id) exists; true when inserted. `row` in ITEM_INSERT_COLUMNS order. */
    insertNewItem(row: unknown[]): boolean {
      const result = stmt.insertNewItem.run(pick(row, NARROW_INDEXES));
      if (result.changes !== 1) return false;
      stmt.insertTexts.run(result.lastInsertRowid, ...pick(row, TEXT_INDEXES));
      return true;
    },
    /** `row` in ITEM_INSERT_COLUMNS order. */
    updateItem(id: number, row: unknown[]): void {
      stmt.updateItem.run({ ...Object.fromEntries(NARROW_INDEXES.map((i) => [ITEM_INSERT_COLUMNS[i], row[i]])), id });
      stmt.updateTexts.run(...pick(row, TEXT_INDEXES), id);
    },
    insertItemHistory: (itemId: number, version: number, runId: number, previous: Row, changedFields: string[]) =>
      void stmt.insertItemHistory.run(itemId, version, runId, Date.now(), JSON.stringify(previous), JSON.stringify(changedFields)),
    findPost: (source: string, externalId: string) => stmt.findPost.get(source, externalId) as StoredRecord | undefined,
    findPostId: (source: string, externalId: string) => stmt.findPostId.get(source, externalId) as number | undefined,
    insertPost: (row: Row) => Number(stmt.insertPost.run(row).lastInsertRowid),
    updatePost: (id: number, row: Row) => void stmt.updatePost.run({ ...row, id }),
    insertPostHistory: (postId: number, version: number, runId: number, previous: Row) =>
      void stmt.insertPostHistory.run(postId, version, runId, Date.now(), JSON.stringify(previous)),
    linkCommentsToPost: (postId: number, source: string, externalId: string) =>
      stmt.linkComments.run(postId, source, externalId).changes,
    accountId(source: string, name: string, uid: string | null, departmentId: number | null): number {
      const found = stmt.findAccount.get(source, name) as number | undefined;
      if (found !== undefined) return found;
      return Number(stmt.insertAccount.run(source, name, uid, departmentId).lastInsertRowid);
    },
    createRun: (run: {
      startedAt: number; filePath: string; fileName: string; fileSize: number | null; fileSha256: string | null;
      encoding: string | null; channel: string; source: string; preset: string | null; mappingName: string | null;
    }) => Number(stmt.insertRun.run(run).lastInsertRowid),
    updateRunCounts: (id: number, counts: RunCounts) => void stmt.updateRunCounts.run({ ...counts, id }),
    finishRun: (id: number, fin: { status: string; rejectsFile: string | null; reportFile: string | null; unmatchedUnits: Record<string, number>; message: string | null; fileSha256: string | null }) =>
      void stmt.finishRun.run({ ...fin, id, finishedAt: Date.now(), unmatchedUnits: JSON.stringify(fin.unmatchedUnits) }),
    markInterruptedRuns: () => stmt.markInterrupted.run().changes,
    insertReject: (runId: number, line: number, severity: string, field: string | null, reason: string, raw: string | null) =>
      void stmt.insertReject.run(runId, line, severity, field, reason, raw),
    listDepartments: () => stmt.departments.all() as { id: number; name: string; shortName: string | null; aliases: string }[],
    listTopics: () => stmt.topics.all() as { id: number; name: string; parentId: number | null }[],
    setSetting: (key: string, value: string) => void stmt.setSetting.run(key, value, Date.now()),
    countAllRecords: () => stmt.countItems.get() as number,
  };
}
