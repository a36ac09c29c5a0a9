import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { deferSecondaryIndexes, rebuildDeferredIndexes } from "../../db/deferred-indexes";
import { tempDir } from "../helpers/temp";

const indexNames = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe("deferred indexes", () => {
  it("drops secondary indexes, keeps the unique key, and rebuilds them", () => {
    const db = openDatabase(`${tempDir()}/t.db`).$client;
    const before = indexNames(db);
    expect(deferSecondaryIndexes(db, "items")).toBe(true);
    const during = indexNames(db);
    expect(during).toContain("items_source_ext_uq");
    expect(during.length).toBeLessThan(before.length);
    expect(deferSecondaryIndexes(db, "items")).toBe(false); // already pending
    rebuildDeferredIndexes(db);
    expect(indexNames(db)).toEqual(before);
    expect(db.prepare("SELECT count(*) n FROM settings WHERE key = 'pending_index_rebuild'").get()).toEqual({ n: 0 });
  });

  it("a database left with dropped indexes by a dead process is repaired on open", () => {
    const file = `${tempDir()}/t.db`;
    const first = openDatabase(file).$client;
    const before = indexNames(first);
    deferSecondaryIndexes(first, "items");
    // Pretend the importing process died: point the record at a pid that does not exist.
    const row = first.prepare("SELECT value FROM settings WHERE key = 'pending_index_rebuild'").get() as { value: string };
    first.prepare("UPDATE settings SET value = ? WHERE key = 'pending_index_rebuild'").run(JSON.stringify({ ...JSON.parse(row.value), pid: 2 ** 22 + 7 }));
    first.close();
    const reopened = openDatabase(file).$client;
    expect(indexNames(reopened)).toEqual(before);
  });
});
