// The server's one shared database handle, opened (and migrated) on first use.
// app/lib/*.server.ts files are the app's only doorway to db/; routes never import db/ directly.
import { openDatabase, type Db } from "../../db/client";
import { env } from "../../db/env";
import { refreshRollups } from "../../db/metrics/rollups";

// Kept on globalThis so that dev-server module reloads reuse the open connection instead of leaking one.
const holder = globalThis as typeof globalThis & { __minyiDb?: Db };

export function getDb(): Db {
  if (!holder.__minyiDb) {
    holder.__minyiDb = openDatabase(env.DATABASE_PATH);
    refreshRollups(holder.__minyiDb);
  } else {
    // Brings the daily rollups up to date after writes (a correction, an import by another process). A no-op
    // (one indexed read) when nothing changed; it never waits for a running import, whose days read items.
    refreshRollups(holder.__minyiDb, { wait: false });
  }
  return holder.__minyiDb;
}
