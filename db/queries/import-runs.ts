// Reads of the import runs (import_runs, import_rejects) for the imports admin page and the rejects download.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { importRuns } from "../schema";

export interface ImportRunRow {
  id: number;
  fileName: string;
  channel: string;
  preset: string | null;
  mappingName: string | null;
  startedAt: number;
  finishedAt: number | null;
  status: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
  rejectsFile: string | null;
  message: string | null;
}

const columns = {
  id: importRuns.id, fileName: importRuns.fileName, channel: importRuns.channel, preset: importRuns.preset, mappingName: importRuns.mappingName,
  startedAt: importRuns.startedAt, finishedAt: importRuns.finishedAt, status: importRuns.status, read: importRuns.read,
  inserted: importRuns.inserted, updated: importRuns.updated, unchanged: importRuns.unchanged, rejected: importRuns.rejected,
  warnings: importRuns.warnings, rejectsFile: importRuns.rejectsFile, message: importRuns.message,
};

/** The most recent import runs, newest first (a running one shows the counters of its last written batch). */
export function listImportRuns(db: Db, limit = 30): ImportRunRow[] {
  return db.select(columns).from(importRuns).orderBy(desc(importRuns.startedAt), desc(importRuns.id)).limit(limit).all();
}

export function importRunById(db: Db, id: number): ImportRunRow | null {
  return db.select(columns).from(importRuns).where(eq(importRuns.id, id)).get() ?? null;
}

/** The first rejected rows of a run (errors, not warnings), as the command line prints them. */
export function firstRejects(db: Db, runId: number, limit = 5): { line: number; field: string | null; reason: string }[] {
  return db.$client
    .prepare("SELECT line, field, reason FROM import_rejects WHERE import_run_id = ? AND severity = 'error' ORDER BY id LIMIT ?")
    .all(runId, limit) as { line: number; field: string | null; reason: string }[];
}

/** True when some stored item was never analysed (an interrupted or --no-nlp import left it). */
export function hasUnanalysedItems(db: Db): boolean {
  return db.$client.prepare("SELECT 1 FROM items i LEFT JOIN item_nlp n ON n.item_id = i.id WHERE n.item_id IS NULL LIMIT 1").get() !== undefined;
}
