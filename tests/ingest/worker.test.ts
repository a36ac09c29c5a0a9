// Large files are read and prepared in a worker thread; the database must not be able to tell which way a file
// came in: same items, same counts, same rejects and warnings.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ITEM_FIELD_COLUMNS } from "../../db/ingest-store";
import { ingestFile } from "../../ingest/load";
import { packBatch, unpackBatch } from "../../ingest/prepared-codec";
import type { PreparedRecord } from "../../ingest/producer";
import { workerAvailable } from "../../ingest/producer-client";
import { hotlineCsv } from "../helpers/cli";
import { tempDb, tempDir } from "../helpers/temp";

const VALUES = Object.keys(ITEM_FIELD_COLUMNS).length;

describe("prepared-record packing", () => {
  it("round-trips items, rejects and problems, including empty and non-BMP strings", () => {
    const values = (seed: number) => Array.from({ length: VALUES }, (_, k) => (k % 3 === 0 ? null : k % 3 === 1 ? seed * 1000 + k : `值${seed}-${k}😀`));
    const records: PreparedRecord[] = [
      [1, 2, "raw,行,\"引号\"", "A1", "h64:x", 5, null, values(1), 3, null],
      [0, 3, "bad row", [{ field: "受理时间", reason: "impossible day", severity: "error" }]],
      [1, 4, "", "A2", "h64:y", 0, [{ field: "repliedAt", reason: "before receivedAt", severity: "warning" }], values(2), null, 7],
    ];
    const { batch, transfer } = packBatch(records, VALUES);
    expect(transfer).toHaveLength(2);
    // What the writer gets is a structured clone of the message, as postMessage makes it.
    expect(unpackBatch(structuredClone(batch))).toEqual(records);
  });

  it("refuses values it cannot carry", () => {
    const bad = Array.from({ length: VALUES }, () => ({})) as unknown[];
    expect(() => packBatch([[1, 2, "r", "id", "h", 0, null, bad, null, null]], VALUES)).toThrow(/cannot pack/);
  });
});

function snapshot(dbFile: string) {
  const sqlite = new Database(dbFile, { readonly: true });
  const read = (sql: string) => sqlite.prepare(sql).all();
  const result = {
    items: read(`SELECT i.* , t.title, t.body, t.reply_text, t.raw FROM items i JOIN item_texts t ON t.item_id = i.id ORDER BY i.id`).map(
      (r) => ({ ...(r as Record<string, unknown>), import_run_id: undefined, created_at: undefined, updated_at: undefined }),
    ),
    rejects: read("SELECT line, severity, field, reason, raw FROM import_rejects ORDER BY line, id"),
  };
  sqlite.close();
  return result;
}

describe.skipIf(!workerAvailable())("ingest through the worker thread", () => {
  it("stores exactly what an in-process import stores", async () => {
    const dir = tempDir();
    const file = path.join(dir, "orders.csv");
    // Valid rows, an impossible date (rejected), a reply before receipt (warning) and a duplicate id.
    const lines = hotlineCsv(5000).trimEnd().split("\r\n");
    lines.push("RX99999998,2026-02-30 10:00:00,日期不存在,市住建局,办理中,");
    lines.push("RX99999999,2026-03-05 10:00:00,答复早于受理,市住建局,已答复,2026-03-01 10:00:00");
    lines.push(lines[1].replace("小区门口", "小区后门"));
    fs.writeFileSync(file, lines.join("\r\n") + "\r\n");

    const results = [];
    for (const worker of [false, true]) {
      const sub = tempDir();
      const { db, file: dbFile } = tempDb(sub);
      const summary = await ingestFile({ db, file, channel: "hotline", reportDir: sub, worker });
      db.$client.close();
      results.push({ summary, state: snapshot(dbFile) });
    }
    const [inProcess, inWorker] = results;
    const counts = (s: typeof inProcess.summary) => ({ read: s.read, inserted: s.inserted, rejected: s.rejected, warnings: s.warnings, unmatched: s.unmatchedUnits });
    expect(counts(inProcess.summary)).toMatchObject({ read: 5003, inserted: 5001, rejected: 2 });
    expect(inProcess.summary.warnings).toBeGreaterThan(1); // the generator's own late-day replies warn too
    expect(counts(inWorker.summary)).toEqual(counts(inProcess.summary));
    expect(inWorker.state.items).toHaveLength(5001);
    expect(inWorker.state).toEqual(inProcess.state);
  });
});
