// Reads of the key/value `settings` table.
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { settings } from "../schema";

export const DEMO_DATA_KEY = "demo_data";

/** One setting's value, or undefined when it is not set. */
export function getSetting(db: Db, key: string): string | undefined {
  return db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
}

/** True when the database holds generated demo data (settings.demo_data = "true"). */
export function isDemoData(db: Db): boolean {
  return getSetting(db, DEMO_DATA_KEY) === "true";
}
