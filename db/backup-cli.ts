// npm run db:backup -- FILE [--db PATH] [--force]: a consistent copy of the live database with SQLite's online
// backup API (better-sqlite3's db.backup), safe while the dashboard reads and an import writes.
//
// - The copy is one snapshot: all pages are taken in a single backup step, inside one read transaction. (In smaller
//   steps, every commit by another connection would restart the backup, and a busy import would keep it from
//   ever finishing.) Under WAL, the default, that read transaction blocks no writer.
// - It is written to FILE.partial first, switched to journal_mode DELETE (one self-contained file, no -wal to
//   forget), checked with PRAGMA quick_check, and only then renamed to FILE. So a failed backup never leaves a
//   half-written FILE, and never replaces an existing backup: an existing FILE is refused unless --force.
// - Prints the size and the time taken; exits 0 on success, 2 on a usage problem or a failed check.
// Restore: stop the server, copy the backup over the database file, delete the database's -wal and -shm files,
// start again (README "Robustness").
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { resolveDatabasePath } from "./env";

const USAGE = "Usage: npm run db:backup -- FILE [--db PATH] [--force] [--json]";

export interface BackupResult {
  source: string;
  file: string;
  bytes: number;
  pages: number;
  seconds: number;
  check: string;
}

/** Backs up the database at `source` into `file` (see the header). Throws with a clear message on failure. */
export async function backupDatabase(source: string, file: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const started = process.hrtime.bigint();
  const target = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (path.resolve(source) === target) throw new BackupError("the backup file cannot be the database itself");
  if (fs.existsSync(target) && !options.force) throw new BackupError(`${target} exists already; pass --force to replace it`);
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`the folder ${path.dirname(target)} does not exist`);
  const partial = `${target}.partial`;
  for (const f of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });

  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma("busy_timeout = 10000");
    // After the first (empty) step, ask for every page at once. Not the page count seen then: a writer may have
    // grown the database since, and a step that leaves pages behind restarts after the next commit, forever.
    const progress = await db.backup(partial, { progress: () => 0x7fffffff });
    pages = progress.totalPages;
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw new BackupError(`backup failed: ${(e as Error).message}`);
  } finally {
    db.close();
  }

  const copy = new Database(partial);
  let check: string;
  try {
    copy.pragma("journal_mode = DELETE");
    check = (copy.pragma("quick_check", { simple: true }) as string) ?? "unknown";
  } finally {
    copy.close();
  }
  if (check !== "ok") {
    throw new BackupError(`the copy failed its check (${check}); it was left at ${partial} for inspection`);
  }
  fs.renameSync(partial, target);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { source, file: target, bytes: fs.statSync(target).size, pages, seconds, check };
}

export class BackupError extends Error {}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { db: { type: "string" }, force: { type: "boolean", default: false }, json: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
    });
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`error: give exactly one backup FILE\n${USAGE}`);
    return 2;
  }
  try {
    const r = await backupDatabase(resolveDatabasePath(values.db), positionals[0], { force: values.force });
    const mb = (r.bytes / 1024 / 1024).toFixed(1);
    if (values.json) console.log(JSON.stringify(r));
    else console.log(`backup of ${r.source} → ${r.file}: ${mb} MB (${r.pages} pages) in ${r.seconds.toFixed(2)} s, quick_check ${r.check}`);
    return 0;
  } catch (e) {
    if (!(e instanceof BackupError)) throw e;
    console.error(`error: ${e.message}`);
    return 2;
  }
}

// Run as a command (tsx db/backup-cli.ts …), not when a test imports backupDatabase.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
}
