// The demo data goes through the real import path: nothing rejected, units and topics matched to the catalogue.
import { describe, expect, it } from "vitest";
import { loadDemoData } from "../../ingest/demo/load-demo";
import { tempDb } from "../helpers/temp";

describe("loadDemoData", () => {
  it("loads a small demo city cleanly and marks the database as demo data", async () => {
    const { db, dir } = tempDb();
    const summaries = await loadDemoData(db, dir, () => {}, { scale: 0.05 });
    expect(summaries.map((s) => s.rejected)).toEqual([0, 0, 0, 0]);
    expect(summaries.every((s) => s.inserted > 0)).toBe(true);
    const q = <T>(sql: string) => db.$client.prepare(sql).get() as T;
    const items = q<{ n: number; topic: number; dept: number; raw: number }>(
      "SELECT count(*) n, count(topic_id) topic, count(department_id) dept, count(department_raw) raw FROM items WHERE channel != 'weibo'",
    );
    expect(items.topic).toBe(items.n); // every demo topic is a catalogue path
    // District governments are deliberately not in the catalogue; everything else matches.
    const unmatched = db.$client.prepare("SELECT DISTINCT department_raw FROM items WHERE department_id IS NULL AND department_raw IS NOT NULL").pluck().all() as string[];
    expect(unmatched.every((name) => /区人民政府$|县人民政府$/.test(name))).toBe(true);
    expect(items.dept).toBeGreaterThan(items.raw * 0.9);
    const comments = q<{ n: number; linked: number }>("SELECT count(*) n, count(weibo_post_id) linked FROM items WHERE channel = 'weibo'");
    expect(comments.linked).toBe(comments.n);
    expect(q<{ value: string }>("SELECT value FROM settings WHERE key = 'demo_data'").value).toBe("true");
  });
});
