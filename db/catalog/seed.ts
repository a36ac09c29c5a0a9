// Seeds the default catalogue into an empty database; never overwrites what an admin edited.
import { sql } from "drizzle-orm";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { departments, topics } from "../schema";
import { DEFAULT_DEPARTMENTS } from "./departments";
import { DEFAULT_TOPICS } from "./topics";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function seedCatalogue(db: BetterSQLite3Database<any>): void {
  db.transaction((tx) => {
    const deptCount = tx.select({ n: sql<number>`count(*)` }).from(departments).get()?.n ?? 0;
    if (deptCount === 0) {
      DEFAULT_DEPARTMENTS.forEach((d, i) => {
        tx.insert(departments)
          .values({ name: d.name, shortName: d.shortName, aliases: JSON.stringify(d.aliases), kind: d.kind, sortOrder: i })
          .run();
      });
    }
    const topicCount = tx.select({ n: sql<number>`count(*)` }).from(topics).get()?.n ?? 0;
    if (topicCount === 0) {
      DEFAULT_TOPICS.forEach((t, i) => {
        const parent = tx
          .insert(topics)
          .values({ name: t.name, level: 1, keywords: JSON.stringify(t.keywords), sortOrder: i })
          .returning({ id: topics.id })
          .get();
        t.children.forEach((c, j) => {
          tx.insert(topics)
            .values({ name: c.name, parentId: parent.id, level: 2, keywords: JSON.stringify(c.keywords), sortOrder: j })
            .run();
        });
      });
    }
  });
}
