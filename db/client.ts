// Opens SQLite with the pragmas Minyi relies on, applies committed migrations and seeds the catalogue.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { migrationsFolder, resolveDatabasePath } from "./env";
import * as schema from "./schema";
import { seedCatalogue } from "./catalog/seed";
import { restorePendingIndexes } from "./deferred-indexes";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenOptions {
  /** Apply migrations and seed defaults (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

/**
 * Switches the journal mode if that can be done at once: leaving WAL needs the database to itself, and a
 * reader elsewhere (the dashboard) must not be kept waiting for it. Returns the mode in effect.
 */
export function tryJournalMode(sqlite: Database.Database, mode: "truncate" | "wal"): string {
  const timeout = sqlite.pragma("busy_timeout", { simple: true }) as number;
  sqlite.pragma("busy_timeout = 0");
  try {
    return String(sqlite.pragma(`journal_mode = ${mode}`, { simple: true }));
  } catch {
    return String(sqlite.pragma("journal_mode", { simple: true }));
  } finally {
    sqlite.pragma(`busy_timeout = ${timeout}`);
  }
}

export function openDatabase(file?: string, options: OpenOptions = {}): Db {
  const dbPath = resolveDatabasePath(file);
  if (!options.readonly) fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const sqlite = new Database(dbPath, { readonly: options.readonly ?? false });
  // The busy timeout rides out short write locks. WAL lets the dashboard read while an import writes; an import
  // that started alone writes through a rollback journal and switches back to WAL when done, so a connection
  // opened meanwhile reads in that mode rather than fail waiting for the lock the switch needs.
  sqlite.pragma("busy_timeout = 10000");
  if (!options.readonly) tryJournalMode(sqlite, "wal");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("cache_size = -65536");
  const db = drizzle({ client: sqlite, schema }) as Db;
  if (options.migrate !== false && !options.readonly) {
    migrate(db, { migrationsFolder });
    seedCatalogue(db);
    restorePendingIndexes(sqlite);
  }
  return db;
}
