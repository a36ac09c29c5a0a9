// Exclusions from assessment (剔除): who excluded an item, why and when; revoking keeps the record.
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { itemExclusions, items, type ExclusionReason } from "../schema";

export function excludeItem(db: Db, e: { itemId: number; reason: ExclusionReason; note?: string; by: string }): void {
  db.transaction((tx) => {
    const found = tx.select({ id: items.id }).from(items).where(eq(items.id, e.itemId)).get();
    if (!found) throw new Error(`item ${e.itemId} not found`);
    tx.insert(itemExclusions).values({ itemId: e.itemId, reason: e.reason, note: e.note ?? null, excludedBy: e.by, createdAt: Date.now() }).run();
    tx.update(items).set({ excluded: true }).where(eq(items.id, e.itemId)).run();
  });
}

/** Revokes the item's active exclusion(s); the item counts in assessment again. */
export function revokeExclusion(db: Db, r: { itemId: number; by: string }): number {
  return db.transaction((tx) => {
    const changed = tx
      .update(itemExclusions)
      .set({ revokedBy: r.by, revokedAt: Date.now() })
      .where(and(eq(itemExclusions.itemId, r.itemId), isNull(itemExclusions.revokedAt)))
      .run().changes;
    tx.update(items).set({ excluded: false }).where(eq(items.id, r.itemId)).run();
    return changed;
  });
}
