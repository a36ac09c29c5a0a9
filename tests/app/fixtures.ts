// Small helpers for app tests: a throwaway SQLite file and raw drizzle inserts of items and weibo posts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "../../db/client";
import { itemTexts, importRuns, items, settings, weiboAccounts, weiboPosts, type Channel } from "../../db/schema";

export interface TempDb {
  db: Db;
  file: string;
  dir: string;
  /** Closes the connection and removes the directory. */
  cleanup: () => void;
}

export function createTempDb(prefix = "minyi-app-"): TempDb {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const file = path.join(dir, "test.db");
  const db = openDatabase(file);
  return {
    db,
    file,
    dir,
    cleanup: () => {
      if (db.$client.open) db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function importRun(db: Db, channel: string): number {
  return db
    .insert(importRuns)
    .values({ startedAt: Date.now(), status: "done", filePath: "/fixtures/test.csv", fileName: "test.csv", channel, source: "test" })
    .returning({ id: importRuns.id })
    .get().id;
}

let seq = 0;

/** Inserts one item per instant (ISO string or epoch ms) on a channel, with only the required columns. */
export function insertItems(db: Db, channel: Channel, instants: Array<string | number>): void {
  const runId = importRun(db, channel);
  db.transaction((tx) => {
    instants.forEach((at, i) => {
      const receivedAt = typeof at === "number" ? at : Date.parse(at);
      const id = `${channel}-${++seq}`;
      const item = tx
        .insert(items)
        .values({
          channel,
          source: `test-${channel}`,
          externalId: id,
          receivedAt,
          status: "open",
          contentHash: id,
          importRunId: runId,
          sourceLine: i + 2,
          updatedAt: receivedAt,
        })
        .returning({ id: items.id })
        .get();
      tx.insert(itemTexts).values({ itemId: item.id, raw: JSON.stringify({ id }) }).run();
    });
  });
}

/** Inserts one weibo post per instant, under one test account. */
export function insertWeiboPosts(db: Db, instants: Array<string | number>): void {
  const runId = importRun(db, "weibo");
  const accountId =
    db.insert(weiboAccounts).values({ source: "test-weibo", name: `测试账号${++seq}` }).returning({ id: weiboAccounts.id }).get().id;
  db.transaction((tx) => {
    instants.forEach((at, i) => {
      const postedAt = typeof at === "number" ? at : Date.parse(at);
      const id = `post-${++seq}`;
      tx.insert(weiboPosts)
        .values({
          source: "test-weibo",
          externalId: id,
          accountId,
          postedAt,
          raw: JSON.stringify({ id }),
          contentHash: id,
          importRunId: runId,
          sourceFile: "posts.csv",
          sourceLine: i + 2,
          updatedAt: postedAt,
        })
        .run();
    });
  });
}

export function setSetting(db: Db, key: string, value: string): void {
  db.insert(settings)
    .values({ key, value, updatedAt: Date.now() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: Date.now() } })
    .run();
}
