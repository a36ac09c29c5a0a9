// After writes, bring the derived tables up to date: the daily and monthly rollups, and the substring-search
// index. Both are caches the readers never depend on for correctness (they read items while anything is stale).
import type { Db } from "./client";
import { refreshRollups, type RollupRefresh } from "./metrics/rollups";
import { refreshSearchGrams, type GramsRefresh } from "./search/grams-index";

export interface DerivedRefresh {
  rollups: RollupRefresh;
  grams: GramsRefresh;
}

/**
 * With `wait: false` (page requests) neither waits for another connection's write, and the search index takes at
 * most 5,000 items per call, so one request pays a fraction of a second at most.
 */
export function refreshDerived(db: Db, options: { wait?: boolean } = {}): DerivedRefresh {
  const rollups = refreshRollups(db, options);
  const grams = refreshSearchGrams(db, options.wait === false ? { wait: false, limit: 5_000 } : {});
  return { rollups, grams };
}
