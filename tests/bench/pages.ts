// npm run bench:pages -- [--items 1000000] [--small 10000] [--runs 10] [--keep DIR] [--json]
// Seeds (or reuses) a demo-city database of N items and one of the small size, serves each with the production
// build (remix-serve), requests every dashboard page repeatedly and prints per-page p50 / p95 server time.
// With --json the last stdout line is {"large":{...},"small":{...},"pages":[{path,p50,p95,smallP95,ratio}],...}.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { openDatabase } from "../../db/client";
import { refreshDerived } from "../../db/refresh";
import { ensureTestUser, signedInFetch } from "../helpers/auth";
import { ensureBuild, startServer } from "../helpers/server";
import { seedDemoDb } from "./lib/demo-db";

const { values } = parseArgs({
  options: {
    items: { type: "string", default: "1000000" },
    small: { type: "string", default: "10000" },
    runs: { type: "string", default: "10" },
    keep: { type: "string" },
    json: { type: "boolean", default: false },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const TARGET_P95_MS = 300;
const TARGET_RATIO = 3;

/** A demo-city database of about `items` items, built once per size in `dir` (reused when present). */
const seed = (dir: string, items: number) => seedDemoDb(path.join(dir, `pages-${items}.db`), items, log);

function pagesFor(file: string): string[] {
  const db = new Database(file, { readonly: true });
  const item = db.prepare("SELECT max(id) FROM items WHERE channel = 'hotline'").pluck().get() as number;
  const dept = db.prepare("SELECT department_id FROM items WHERE department_id IS NOT NULL LIMIT 1").pluck().get() as number;
  db.close();
  return [
    "/", "/?period=2026-Q3", "/departments", `/departments/${dept}`, "/topics", "/feedback", "/weibo", "/items",
    // Search: a two-character word in the month (the default period), one character, and a word over a quarter.
    "/items?backlog=overdue", `/items?q=${encodeURIComponent("噪音")}`, `/items?q=${encodeURIComponent("路")}`,
    `/items?period=2026-Q3&q=${encodeURIComponent("噪音")}`, `/items/${item}`, "/volume",
  ];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

async function measure(file: string, runs: number): Promise<Map<string, { p50: number; p95: number; status: number }>> {
  // Pages need a signed-in account: an analyst (sees the whole city) made once per database.
  const db = openDatabase(file);
  const name = await ensureTestUser(db, "analyst", { name: "bench-analyst" });
  // The rollups and the search index, as an import leaves them (timed in the log: a first build takes a while).
  const { rollups, grams } = refreshDerived(db);
  if (rollups.days || grams.items) log(`  derived tables: ${rollups.days} rollup days in ${(rollups.ms / 1000).toFixed(1)} s, ${grams.items} items indexed for search in ${(grams.ms / 1000).toFixed(1)} s`);
  db.$client.close();
  const server = await startServer(file);
  const fetch = await signedInFetch(server.base, name);
  const out = new Map<string, { p50: number; p95: number; status: number }>();
  try {
    for (const page of pagesFor(file)) {
      let status = 0;
      const times: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const t = performance.now();
        const res = await fetch(`${server.base}${page}`);
        await res.arrayBuffer();
        status = res.status;
        if (i > 0) times.push(performance.now() - t); // the first request warms caches and is not counted
      }
      times.sort((a, b) => a - b);
      out.set(page, { p50: Math.round(quantile(times, 0.5)), p95: Math.round(quantile(times, 0.95)), status });
      log(`  ${page}: p50 ${out.get(page)!.p50} ms, p95 ${out.get(page)!.p95} ms (HTTP ${status})`);
    }
  } finally {
    await server.stop();
  }
  return out;
}

async function main(): Promise<void> {
  const large = Number(values.items);
  const small = Number(values.small);
  const runs = Number(values.runs);
  const dir = values.keep ? path.resolve(values.keep) : fs.mkdtempSync(path.join(os.tmpdir(), "minyi-bench-pages-"));
  fs.mkdirSync(dir, { recursive: true });
  await ensureBuild();
  const smallFile = await seed(dir, small);
  const largeFile = await seed(dir, large);
  const count = (f: string) => {
    const db = new Database(f, { readonly: true });
    const n = db.prepare("SELECT count(*) FROM items").pluck().get() as number;
    db.close();
    return n;
  };
  log(`small database: ${count(smallFile).toLocaleString()} items`);
  const smallTimes = await measure(smallFile, runs);
  log(`large database: ${count(largeFile).toLocaleString()} items`);
  const largeTimes = await measure(largeFile, runs);
  const pages = [...largeTimes.entries()].map(([page, t]) => {
    // Item ids differ between the two databases; compare the item page with the item page.
    const s = smallTimes.get(page) ?? [...smallTimes.entries()].find(([p]) => p.replace(/\d+$/, "") === page.replace(/\d+$/, ""))?.[1];
    return { path: page, p50: t.p50, p95: t.p95, status: t.status, smallP50: s?.p50 ?? null, smallP95: s?.p95 ?? null, ratio: s ? Math.round((t.p95 / Math.max(s.p95, 1)) * 10) / 10 : null };
  });
  const result = {
    large: { items: count(largeFile) }, small: { items: count(smallFile) }, runs, pages,
    worstP95: Math.max(...pages.map((p) => p.p95)),
    targets: { p95Ms: TARGET_P95_MS, ratio: TARGET_RATIO, metP95: pages.every((p) => p.p95 <= TARGET_P95_MS), metRatio: pages.every((p) => p.ratio !== null && p.ratio <= TARGET_RATIO) },
  };
  if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  console.log(values.json ? JSON.stringify(result) : JSON.stringify(result, null, 2));
}

await main();
