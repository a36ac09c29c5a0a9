import { isDemoData } from "../../db/queries/settings";
import { getDb } from "./db.server";

/** True when the database holds generated demo data (the page then shows a badge). */
export function getIsDemoData(): boolean {
  return isDemoData(getDb());
}
