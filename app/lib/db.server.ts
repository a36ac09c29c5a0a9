// The server's one shared database handle, opened (and migrated) on first use.
// app/lib/*.server.ts files are the app's only doorway to db/; routes never import db/ directly.
import { openDatabase, type Db } from "../../db/client";
import { env } from "../../db/env";

// Kept on globalThis so that dev-server module reloads reuse the open connection instead of leaking one.
const holder = globalThis as typeof globalThis & { __minyiDb?: Db };

export function getDb(): Db {
  holder.__minyiDb ??= openDatabase(env.DATABASE_PATH);
  return holder.__minyiDb;
}
