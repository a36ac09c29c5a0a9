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

export function openDatabase(file?: string, options: OpenOptions = {}): Db {
  const dbPath = resolveDatabasePath(file);
  if (!options.readonly) fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const sqlite = new Database(dbPath, { readonly: options.readonly ?? false });
  // WAL lets the dashboard read while an import writes; the busy timeout rides out short write locks.
  if (!options.readonly) sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 10000");
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
