// A tiny preload for the benchmarked ingest process, passed as `--import data:text/javascript,…` so it is plain
// JavaScript that needs no loader: worker threads inherit execArgv (so they run it too) but not tsx's hooks.
// It touches nothing in the ingest; on exit it writes to files named by environment variables:
//   BENCH_CHILD_REPORT  (main thread) one JSON line {pid, maxRssKb, userMs, systemMs} from getrusage (the RSS
//                       cross-checks the /proc polling; CPU time is less disturbed by other load than wall time);
//   BENCH_SOURCE_MAPS   the source maps tsx attached to the project's .ts modules (needs --enable-source-maps),
//                       so a --cpu-prof profile of tsx's whitespace-minified code maps back to file:line.
//                       Worker threads write BENCH_SOURCE_MAPS with ".thread-<id>.json" instead of ".json".

const HOOK_SOURCE = `
import fs from "node:fs";
import { findSourceMap } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isMainThread, threadId } from "node:worker_threads";

const reportFile = process.env.BENCH_CHILD_REPORT;
const mapsFile = process.env.BENCH_SOURCE_MAPS;

function projectTsFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || entry.name === "build" || entry.name === "data") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) projectTsFiles(full, out);
    else if (/\\.(ts|tsx|mts|cts)$/.test(entry.name)) out.push(full);
  }
  return out;
}

function dumpMaps() {
  if (!mapsFile) return;
  const maps = {};
  for (const file of projectTsFiles(process.cwd())) {
    const url = pathToFileURL(file).href;
    const map = findSourceMap(url) ?? findSourceMap(file);
    if (map) maps[url] = map.payload;
  }
  const out = isMainThread ? mapsFile : mapsFile.replace(/\\.json$/, "") + ".thread-" + threadId + ".json";
  fs.writeFileSync(out, JSON.stringify(maps));
}

process.on("exit", () => {
  try {
    if (reportFile && isMainThread) {
      const u = process.resourceUsage();
      const line = { pid: process.pid, maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 };
      fs.appendFileSync(reportFile, JSON.stringify(line) + "\\n");
    }
    dumpMaps();
  } catch (e) {
    process.stderr.write("bench child-hook: " + e.message + "\\n");
  }
});
`;

/** The `--import` argument that preloads the hook. */
export function childHookImport(): string {
  return `data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`;
}
