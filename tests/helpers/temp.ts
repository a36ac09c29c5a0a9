// Temp folders and databases for integration tests: real SQLite files, removed after the run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "../../db/client";

export function tempDir(prefix = "minyi-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempDb(dir = tempDir()): { db: Db; dir: string; file: string } {
  const file = path.join(dir, "test.db");
  return { db: openDatabase(file), dir, file };
}

export const REAL_DATA = path.resolve(process.cwd(), "..", "shared", "data", "real");
export const hasRealData = fs.existsSync(REAL_DATA);
