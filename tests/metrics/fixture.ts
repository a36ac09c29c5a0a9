// Hand-written items for metric tests: every field a metric reads can be set; times are Shanghai wall clock.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { refreshRollups } from "../../db/metrics/rollups";
import { departments, importRuns, items, itemTexts, topics, type Channel } from "../../db/schema";

/** "2026-10-08 09:00" in Asia/Shanghai → epoch ms. */
export const sh = (wall: string): number => Date.parse(`${wall.replace(" ", "T")}:00+08:00`);

export interface FixtureItem {
  channel: Channel;
  received: string;
  replied?: string;
  closed?: string;
  firstContact?: string;
  returnVisit?: string;
  due?: string;
  satisfaction?: "satisfied" | "basically_satisfied" | "dissatisfied" | "unrated";
  solved?: "yes" | "partly" | "no";
  department?: string;
  topic?: string;
  sentiment?: "negative" | "neutral" | "positive";
  excluded?: boolean;
  body?: string;
}

let seq = 0;

/** Inserts the items (department and topic by catalogue name) and returns their ids in order. */
export function addItems(db: Db, list: FixtureItem[]): number[] {
  const run = db.insert(importRuns).values({ startedAt: Date.now(), status: "done", filePath: "/t.csv", fileName: "t.csv", channel: "hotline", source: "test" }).returning({ id: importRuns.id }).get().id;
  const dept = (name?: string) => (name ? db.select({ id: departments.id }).from(departments).where(eq(departments.name, name)).get()!.id : null);
  const topic = (name?: string) => (name ? db.select({ id: topics.id }).from(topics).where(eq(topics.name, name)).get()!.id : null);
  const at = (wall?: string) => (wall ? sh(wall) : null);
  return db.transaction((tx) =>
    list.map((it, k) => {
      const externalId = `F${++seq}`;
      const { id } = tx
        .insert(items)
        .values({
          channel: it.channel, source: "fixture", externalId, receivedAt: sh(it.received), repliedAt: at(it.replied), closedAt: at(it.closed),
          firstContactAt: at(it.firstContact), returnVisitAt: at(it.returnVisit), dueAt: at(it.due), satisfaction: it.satisfaction ?? null,
          solved: it.solved ?? null, departmentId: dept(it.department), topicId: topic(it.topic), sentiment: it.sentiment ?? null,
          excluded: it.excluded ?? false, status: it.closed ? "closed" : it.replied ? "replied" : "open", contentHash: externalId,
          importRunId: run, sourceLine: k + 2, updatedAt: Date.now(),
        })
        .returning({ id: items.id })
        .get();
      tx.insert(itemTexts).values({ itemId: id, body: it.body ?? "测试诉求", raw: "{}" }).run();
      return id;
    }),
  );
}

/**
 * Makes the metric functions read items ("items": a dirty rollup day forces it) or the refreshed daily rollups,
 * so one set of hand-computed expectations checks both.
 */
export function readFrom(db: Db, source: "items" | "rollups"): void {
  if (source === "rollups") refreshRollups(db);
  else db.$client.prepare("INSERT OR IGNORE INTO rollup_dirty_days (day) VALUES (0)").run();
}
