// Substring search through the gram index must find exactly the items LIKE '%…%' finds, for one- to many-character
// queries, in any period, and stay exact while the index catches up with writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { dataCutoff } from "../../db/metrics/overview";
import { parsePeriod, periodContaining } from "../../db/metrics/period";
import type { TimeRange } from "../../db/metrics/scope";
import { listItems } from "../../db/queries/items";
import { gramMonthsBetween, gramSearchable, gramsDocument, gramsMatch } from "../../db/search/grams";
import { gramsUsable, refreshSearchGrams } from "../../db/search/grams-index";
import { shanghaiDayOf, shanghaiDayStart } from "../../db/time";
import { loadDemoData } from "../../ingest/demo/load-demo";
import { tempDb } from "../helpers/temp";

describe("gram documents and queries", () => {
  it("cut each run of letters and digits into month-prefixed grams, ending the run with its last character", () => {
    expect(gramsDocument("202610", ["噪音扰民，请处理", null, "GD-12"]).split(" ")).toEqual([
      "202610噪音", "202610音扰", "202610扰民", "202610民", "202610请处", "202610处理", "202610理", "202610GD", "202610D", "202610" + "12", "2026102",
    ]);
    // Characters outside the BMP are one character each.
    expect(gramsDocument("202601", ["𠀋𠀌"])).toBe("202601𠀋𠀌 202601𠀌");
  });

  it("turn a query into one phrase per month, a prefix for a single character", () => {
    expect(gramsMatch("噪音扰", ["202612", "202701"])).toBe('"202612噪音 202612音扰" OR "202701噪音 202701音扰"');
    expect(gramsMatch("噪", ["202610"])).toBe('"202610噪"*');
    expect(gramMonthsBetween(shanghaiDayStart("2026-11-30"), shanghaiDayStart("2027-02-01"))).toEqual(["202611", "202612", "202701", "202702"]);
  });

  it("answer only queries that are one run of letters and digits", () => {
    for (const q of ["噪", "噪音", "A1", "12345", "施工噪音"]) expect(gramSearchable(q), q).toBe(true);
    for (const q of ["噪 音", "A-1", "%", "_", "噪音？", ""]) expect(gramSearchable(q), q).toBe(false);
  });
});

let db: Db;
let cleanup: () => void;
let asOf: number;
let ranges: (TimeRange | undefined)[];

/** The list's total and first page for a search, through the index or (with `like`) through LIKE. */
function search(q: string, range: TimeRange | undefined, like: boolean) {
  if (like) db.$client.prepare("INSERT OR IGNORE INTO item_grams_pending (item_id) VALUES (0)").run();
  try {
    expect(gramsUsable(db)).toBe(!like);
    const r = listItems(db, { filters: { includeExcluded: true }, range, search: q, asOf, pageSize: 200 });
    return { total: r.total, ids: r.rows.map((x) => x.id) };
  } finally {
    db.$client.prepare("DELETE FROM item_grams_pending WHERE item_id = 0").run();
  }
}

/** A deterministic sample of substrings of the stored texts and ids, 1 to 6 characters long. */
function sampleQueries(n: number): string[] {
  const rows = db.$client.prepare("SELECT t.title, t.body, i.external_id AS id FROM items i JOIN item_texts t ON t.item_id = i.id ORDER BY i.id").all() as { title: string | null; body: string | null; id: string }[];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out = new Set<string>();
  while (out.size < n) {
    const r = rows[Math.floor(random() * rows.length)];
    const text = Array.from([r.title, r.body, r.id][Math.floor(random() * 3)] ?? "");
    if (text.length === 0) continue;
    const length = [1, 2, 2, 3, 4, 6][Math.floor(random() * 6)];
    const start = Math.floor(random() * Math.max(1, text.length - length));
    const q = text.slice(start, start + length).join("");
    if (gramSearchable(q)) out.add(random() < 0.2 ? q.toUpperCase() : q);
  }
  return [...out];
}

beforeAll(async () => {
  const t = tempDb();
  db = t.db;
  cleanup = () => db.$client.close();
  await loadDemoData(db, t.dir, () => {}, { scale: 0.02, nlp: false });
  expect(gramsUsable(db)).toBe(false);
  expect(refreshSearchGrams(db)).toMatchObject({ pending: 0 });
  asOf = dataCutoff(db, Infinity);
  const month = periodContaining("month", asOf);
  // Any time, a month, a quarter, and a range that starts and ends inside months.
  ranges = [undefined, month, periodContaining("quarter", asOf), parsePeriod(`${shanghaiDayOf(month.start - 20 * 86_400_000)}~${shanghaiDayOf(month.start + 9 * 86_400_000)}`)];
}, 240_000);
afterAll(() => cleanup());

describe("substring search through the gram index", () => {
  it("finds exactly the items LIKE finds, for 120 sampled queries in four kinds of period", () => {
    const queries = [...sampleQueries(120), "噪音", "路", "不存在的词语", "ZZZ9"];
    let found = 0;
    for (const q of queries) {
      for (const range of ranges) {
        const viaIndex = search(q, range, false);
        expect(viaIndex, `${q} in ${range ? shanghaiDayOf(range.start) : "any time"}`).toEqual(search(q, range, true));
        found += viaIndex.total;
      }
    }
    expect(found).toBeGreaterThan(1000); // the sample is not all misses
  });

  it("stays exact while items are pending, and finds new text and moved items after a refresh", () => {
    const id = db.$client.prepare("SELECT id FROM items ORDER BY id DESC LIMIT 1").pluck().get() as number;
    const receivedAt = db.$client.prepare("SELECT received_at FROM items WHERE id = ?").pluck().get(id) as number;
    const month = periodContaining("month", receivedAt);
    db.$client.prepare("UPDATE item_texts SET body = '蓦然回首那人却在灯火阑珊处' WHERE item_id = ?").run(id);
    expect(gramsUsable(db)).toBe(false);
    // Pending: read by LIKE, so the new text is found before the index knows it.
    expect(listItems(db, { filters: { includeExcluded: true }, search: "阑珊", asOf }).rows.map((r) => r.id)).toEqual([id]);
    expect(refreshSearchGrams(db)).toMatchObject({ items: 1, pending: 0 });
    const ids = (q: string, range?: TimeRange) => listItems(db, { filters: { includeExcluded: true }, search: q, asOf, range }).rows.map((r) => r.id);
    expect(ids("阑珊", month)).toEqual([id]);
    expect(ids("灯", month)).toContain(id);
    // Moved to the month before: found there, no longer in its old month.
    db.$client.prepare("UPDATE items SET received_at = ? WHERE id = ?").run(month.start - 86_400_000, id);
    expect(refreshSearchGrams(db)).toMatchObject({ items: 1, pending: 0 });
    expect(ids("阑珊", month)).toEqual([]);
    expect(ids("阑珊", periodContaining("month", month.start - 86_400_000))).toEqual([id]);
    expect(ids("阑珊")).toEqual([id]);
  });

  it("indexes at most `limit` items for a page request and leaves the rest pending", () => {
    db.$client.exec("INSERT OR IGNORE INTO item_grams_pending (item_id) SELECT id FROM items ORDER BY id LIMIT 30");
    expect(refreshSearchGrams(db, { wait: false, limit: 10 })).toMatchObject({ items: 10, pending: 20 });
    expect(refreshSearchGrams(db)).toMatchObject({ items: 20, pending: 0 });
  });
});
