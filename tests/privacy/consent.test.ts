// Publication consent (公开意愿): a writer who declined publication is never picked as a bulletin's typical case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "../../db/metrics/period";
import { typicalCases } from "../../db/queries/cases";
import { createTempDb, type TempDb } from "../app/fixtures";
import { addItems } from "../metrics/fixture";

let t: TempDb;
let ids: number[];
beforeAll(() => {
  t = createTempDb("minyi-consent-");
  const body = (n: number) => `小区门口的道路破损已经有${n}个月了，雨天积水严重，老人孩子出行很不方便，希望尽快修复。`;
  ids = addItems(t.db, [1, 2, 3].map((n) => ({ channel: "mailbox" as const, received: `2026-10-0${n} 10:00`, replied: `2026-10-0${n + 3} 10:00`, body: body(n) })));
  for (const id of ids) t.db.$client.prepare("UPDATE item_texts SET reply_text = '已转交相关部门，道路将于本月内修复完毕。' WHERE item_id = ?").run(id);
  // Different topics would each be picked; one topic means one case: the most engaging.
  t.db.$client.prepare("UPDATE items SET likes = ? WHERE id = ?").run(50, ids[0]);
  t.db.$client.prepare("UPDATE items SET likes = ? WHERE id = ?").run(10, ids[1]);
});
afterAll(() => t.cleanup());

describe("typical cases", () => {
  it("skip an item whose writer declined publication", () => {
    const october = parsePeriod("2026-10");
    expect(typicalCases(t.db, october, {}, 1).map((c) => c.itemId)).toEqual([ids[0]]);
    t.db.$client.prepare("UPDATE items SET publication_consent = 0 WHERE id = ?").run(ids[0]);
    expect(typicalCases(t.db, october, {}, 1).map((c) => c.itemId)).toEqual([ids[1]]);
  });
});
