// npm run hot -- [--since DATE] [--until DATE] [--db PATH] [--limit N] [--half-life DAYS] [--json]
// Clusters the window's items into hot issues, stores the result (replacing the last one) and prints the top,
// with the topics rising in the window's last week.
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { loadHotItems, mergedCounts, newestReceivedAt, risingTopics, saveHotClusters, type RisingTopic, type Window } from "../../db/queries/hot-issues";
import { SHANGHAI_DAY_MS, shanghaiDayOf, shanghaiDayStart } from "../../db/time";
import { clusterHotIssues, type HotCluster } from "./hot-issues";
import { extractPlaces } from "./places";
import { sharedSegmenter } from "./segment";

const USAGE = `Usage: npm run hot -- [options]
  --since DATE       first Shanghai day (YYYY-MM-DD) of the window (default: 30 days before --until)
  --until DATE       last Shanghai day of the window, included (default: the newest item's day)
  --db PATH          database file (default: DATABASE_PATH or data/minyi.db)
  --limit N          clusters to print (default 20)
  --half-life DAYS   heat halves for every this many days since a cluster's last item (default 14)
  --json             print {"clusters":[…],"raw":N,"merged":N,"rising":[…]} as the last line of stdout`;

const DEFAULT_WINDOW_DAYS = 30;

interface Options {
  since?: number;
  until?: number;
  db?: string;
  limit: number;
  halfLifeDays: number;
  json: boolean;
}

function main(argv: string[]): number {
  const parsed = parseOptions(argv);
  if (typeof parsed === "string") {
    if (parsed === "help") {
      console.log(USAGE);
      return 0;
    }
    console.error(`error: ${parsed}\n${USAGE}`);
    return 2;
  }
  const db = openDatabase(parsed.db);
  try {
    const newest = newestReceivedAt(db);
    if (newest === null) {
      report(parsed, [], [], { raw: 0, merged: 0 }, [], "no items in the database");
      return 0;
    }
    const window = resolveWindow(parsed, newest);
    // Keywords from jieba's words read better than character n-grams ("搅拌站 噪音扰民" rather than "拌站噪").
    const segmenter = sharedSegmenter();
    const started = performance.now();
    const items = loadHotItems(db, window).map((row) => ({ ...row, places: extractPlaces(row.text) }));
    const loaded = performance.now();
    // Heat is measured back from the end of the window, so an old data set's last weeks are its "now".
    const clusters = clusterHotIssues(items, {
      asOf: Math.min(window.until, newest + 1),
      halfLifeDays: parsed.halfLifeDays,
      keywordTokens: (text) => segmenter.words(text),
    });
    const clustered = performance.now();
    const ids = saveHotClusters(db, clusters, Date.now());
    const counts = mergedCounts(db, window);
    // The week that ends the window, against the 8 weeks before it.
    const rising = risingTopics(db, { asOf: Math.min(window.until, newest + 1) - 1 });
    const summary =
      `${shanghaiDayOf(window.since)} – ${shanghaiDayOf(window.until - 1)}: ${items.length} items, ${clusters.length} clusters ` +
      `(load + places ${ms(loaded - started)}, clustering ${ms(clustered - loaded)}); raw ${counts.raw}, merged ${counts.merged}`;
    report(parsed, clusters, ids, counts, rising, summary);
    return 0;
  } finally {
    db.$client.close();
  }
}

function parseOptions(argv: string[]): Options | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        since: { type: "string" },
        until: { type: "string" },
        db: { type: "string" },
        limit: { type: "string" },
        "half-life": { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (e) {
    return (e as Error).message;
  }
  if (values.help) return "help";
  const since = values.since === undefined ? undefined : dayStart(values.since);
  if (since === null) return `--since: expected a date YYYY-MM-DD, got "${values.since}"`;
  const untilDay = values.until === undefined ? undefined : dayStart(values.until);
  if (untilDay === null) return `--until: expected a date YYYY-MM-DD, got "${values.until}"`;
  const until = untilDay === undefined ? undefined : untilDay + SHANGHAI_DAY_MS;
  if (since !== undefined && until !== undefined && since >= until) return "--since must not be after --until";
  const limit = positiveNumber(values.limit ?? "20", true);
  if (limit === null) return `--limit: expected a whole number ≥ 1, got "${values.limit}"`;
  const halfLifeDays = positiveNumber(values["half-life"] ?? "14", false);
  if (halfLifeDays === null) return `--half-life: expected a number of days > 0, got "${values["half-life"]}"`;
  return { since, until, db: values.db, limit, halfLifeDays, json: values.json ?? false };
}

function dayStart(text: string): number | null {
  try {
    return shanghaiDayStart(text.trim());
  } catch {
    return null;
  }
}

function positiveNumber(text: string, integer: boolean): number | null {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) return null;
  return n;
}

/** Missing ends default to the newest item's Shanghai day and 30 days before the end. */
function resolveWindow(o: Options, newest: number): Window {
  const until = o.until ?? shanghaiDayStart(shanghaiDayOf(newest)) + SHANGHAI_DAY_MS;
  const since = o.since ?? until - DEFAULT_WINDOW_DAYS * SHANGHAI_DAY_MS;
  return { since, until };
}

function report(o: Options, clusters: HotCluster[], ids: number[], counts: { raw: number; merged: number }, rising: RisingTopic[], summary: string): void {
  // With --json the human lines go to stderr so stdout's last line is the JSON.
  const out = o.json ? console.error : console.log;
  out(summary);
  const top = clusters.slice(0, o.limit);
  if (top.length) for (const line of table(top)) out(line);
  const risingTop = rising.slice(0, 10);
  out(risingTop.length
    ? `rising topics (last 7 days against the mean of the 8 weeks before): ${risingTop.map((t) => `${t.name ?? t.topicId} ${t.thisWeek} vs ${t.baselineMean.toFixed(1)}/week`).join("; ")}`
    : "rising topics: none (no routed topic with at least 5 items this week above its 8-week mean)");
  if (o.json) {
    const json = top.map((c, k) => ({
      id: ids[k],
      label: c.label,
      place: c.place,
      itemCount: c.itemCount,
      writerCount: c.writerCount,
      likes: c.likes,
      heat: c.heat,
      keywords: c.keywords,
      itemIds: c.members.slice(0, 10).map((m) => m.itemId),
    }));
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const risingJson = risingTop.map((t) => ({ ...t, baselineMean: round(t.baselineMean), ratio: round(t.ratio), score: round(t.score) }));
    console.log(JSON.stringify({ clusters: json, raw: counts.raw, merged: counts.merged, rising: risingJson }));
  }
}

function table(clusters: HotCluster[]): string[] {
  const header = ["#", "heat", "items", "writers", "likes", "place", "label", "keywords"];
  const rows = clusters.map((c, k) => [
    String(k + 1), c.heat.toFixed(2), String(c.itemCount), String(c.writerCount), String(c.likes),
    c.place ?? "—", c.label, c.keywords.join(" "),
  ]);
  const widths = header.map((h, col) => Math.max(width(h), ...rows.map((r) => width(r[col]))));
  const numeric = new Set([0, 1, 2, 3, 4]);
  const line = (cells: string[]) =>
    cells.map((cell, col) => (col === cells.length - 1 ? cell : pad(cell, widths[col], numeric.has(col)))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Terminal columns: CJK and full-width characters take two. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(text: string, to: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, to - width(text)));
  return right ? fill + text : text + fill;
}

function ms(x: number): string {
  return x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(1)} s`;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
}
