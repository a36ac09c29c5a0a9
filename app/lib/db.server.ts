// The server's one shared database handle, opened (and migrated) on first use.
// app/lib/*.server.ts files are the app's only doorway to db/; routes never import db/ directly.
import { openDatabase, type Db } from "../../db/client";
import { env } from "../../db/env";
import { refreshDerived } from "../../db/refresh";

// Kept on globalThis so that dev-server module reloads reuse the open connection instead of leaking one.
const holder = globalThis as typeof globalThis & { __minyiDb?: Db };

export function getDb(): Db {
  if (!holder.__minyiDb) holder.__minyiDb = openDatabase(env.DATABASE_PATH);
  // Brings the rollups and the search index up to date after writes (a correction, an import by another
  // process). A no-op (two indexed reads) when nothing changed; it never waits for a running import, and indexes
  // at most 5,000 items for search per request (npm start and imports do the bulk before pages need it).
  refreshDerived(holder.__minyiDb, { wait: false });
  return holder.__minyiDb;
}
