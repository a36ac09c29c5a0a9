// Summarises a V8 .cpuprofile (node --cpu-prof): self and inclusive time per function, mapped back to the
// TypeScript file:line through the source maps child-hook.ts dumped (tsx serves whitespace-minified code,
// so the profile's own line numbers are useless for .ts files). Modules with no dumped map (e.g. loaded only
// in a worker thread) are re-transformed with tsx's own esbuild and options, which gives the same map.
//   npx tsx tests/bench/lib/cpu-profile.ts PROFILE.cpuprofile|DIR [SOURCE_MAPS.json] [--top 15]
import fs from "node:fs";
import { createRequire, SourceMap, type SourceMapPayload } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  function: string;
  /** file:line (1-based) of the function, in the .ts source where a source map was available. */
  location: string;
  selfMs: number;
  selfPercent: number;
  totalMs: number;
  totalPercent: number;
  /** The source line at `location`, trimmed (helps with anonymous arrow functions). */
  code?: string;
  /** The caller that accounts for most of the self time (useful for library and native functions). */
  topCaller?: { function: string; location: string; percentOfSelf: number };
}

export interface ProfileSummary {
  /** Sampled time excluding (idle). */
  sampledMs: number;
  top: HotSpot[];
  /** Self time per file (or category), largest first. */
  byFile: { file: string; selfMs: number; selfPercent: number }[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

function shortFile(url: string): string {
  if (!url) return "";
  let file = url;
  if (url.startsWith("file://")) {
    try {
      file = fileURLToPath(url);
    } catch {
      /* keep the URL */
    }
  }
  const rel = path.relative(root, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

type Esbuild = { transformSync(code: string, options: Record<string, unknown>): { map: string } };
let esbuild: Esbuild | null | undefined;

/** The source map tsx would produce for a .ts file now (same esbuild, same options as tsx's ESM transform). */
function retransformMap(url: string): SourceMap | null {
  if (!url.startsWith("file://") || !/\.(ts|tsx|mts|cts)$/.test(url)) return null;
  if (esbuild === undefined) {
    try {
      const tsxRequire = createRequire(path.join(root, "node_modules", "tsx", "package.json"));
      esbuild = tsxRequire("esbuild") as Esbuild;
    } catch {
      esbuild = null;
    }
  }
  if (!esbuild) return null;
  try {
    const file = fileURLToPath(url);
    let tsconfigRaw: unknown;
    try {
      tsconfigRaw = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8"));
    } catch {
      tsconfigRaw = undefined;
    }
    const result = esbuild.transformSync(fs.readFileSync(file, "utf8"), {
      target: `node${process.versions.node}`, loader: "default", sourcemap: true, minifyWhitespace: true, keepNames: true,
      format: "esm", sourcefile: file, tsconfigRaw,
    });
    return new SourceMap(JSON.parse(result.map) as SourceMapPayload);
  } catch {
    return null;
  }
}

/** Source maps dumped by child-hook.ts: `file` and its per-thread siblings (file.thread-N.json). */
export function loadSourceMaps(file: string | undefined): Map<string, SourceMap> {
  const maps = new Map<string, SourceMap>();
  if (!file) return maps;
  const dir = path.dirname(file);
  const stem = path.basename(file).replace(/\.json$/, "");
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f === `${stem}.json` || (f.startsWith(`${stem}.thread-`) && f.endsWith(".json"))) : [];
  for (const f of files) {
    const payloads = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Record<string, SourceMapPayload>;
    for (const [url, payload] of Object.entries(payloads)) if (!maps.has(url)) maps.set(url, new SourceMap(payload));
  }
  return maps;
}

export function summariseProfile(profileFile: string, sourceMaps?: string | Map<string, SourceMap>, topN = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(profileFile, "utf8")) as CpuProfile;
  const maps = typeof sourceMaps === "string" || sourceMaps === undefined ? loadSourceMaps(sourceMaps) : sourceMaps;
  const mapFor = (url: string): SourceMap | null => {
    if (!maps.has(url)) {
      const m = retransformMap(url);
      if (m) maps.set(url, m);
      return m;
    }
    return maps.get(url)!;
  };

  // Per node: its function key, and its parent (for inclusive time).
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const keyOf = new Map<number, string>();
  const described = new Map<string, { fn: string; location: string; file: string }>();
  for (const n of profile.nodes) {
    const cf = n.callFrame;
    const fn = cf.functionName || (cf.url ? "(anonymous)" : "(native)");
    let file = shortFile(cf.url);
    let line = cf.lineNumber + 1;
    const map = mapFor(cf.url);
    if (map && cf.lineNumber >= 0) {
      const entry = map.findEntry(cf.lineNumber, cf.columnNumber) as { originalSource?: string; originalLine?: number };
      if (entry && entry.originalLine !== undefined) {
        line = entry.originalLine + 1;
        if (entry.originalSource) file = shortFile(entry.originalSource.startsWith("file:") ? entry.originalSource : pathToFileURL(entry.originalSource).href);
      }
    }
    const location = file ? `${file}:${line}` : "(native / V8)";
    const key = `${fn}@${location}`;
    keyOf.set(n.id, key);
    if (!described.has(key)) described.set(key, { fn, location, file: file || fn });
  }

  // Sample i lasts from its timestamp to the next one (the last one to endTime).
  const selfByNode = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  let t = profile.startTime;
  const stamps: number[] = new Array(samples.length);
  for (let i = 0; i < samples.length; i++) stamps[i] = t += timeDeltas[i];
  for (let i = 0; i < samples.length; i++) {
    const dur = (i + 1 < samples.length ? stamps[i + 1] : profile.endTime) - stamps[i];
    if (dur > 0) selfByNode.set(samples[i], (selfByNode.get(samples[i]) ?? 0) + dur);
  }

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const callers = new Map<string, Map<string, number>>();
  let sampledUs = 0;
  for (const [id, us] of selfByNode) {
    const key = keyOf.get(id)!;
    if (key.startsWith("(idle)@")) continue;
    sampledUs += us;
    self.set(key, (self.get(key) ?? 0) + us);
    const parentId = parent.get(id);
    if (parentId !== undefined) {
      const byCaller = callers.get(key) ?? new Map<string, number>();
      const pk = keyOf.get(parentId)!;
      byCaller.set(pk, (byCaller.get(pk) ?? 0) + us);
      callers.set(key, byCaller);
    }
    // Inclusive: every distinct function on the stack gets the time once (recursion counted once).
    const onStack = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) onStack.add(keyOf.get(cur)!);
    for (const k of onStack) total.set(k, (total.get(k) ?? 0) + us);
  }

  const pct = (us: number) => Math.round((us / sampledUs) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  const top = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([key, us]) => {
      const d = described.get(key)!;
      const tot = total.get(key) ?? us;
      let topCaller: HotSpot["topCaller"];
      const byCaller = [...(callers.get(key) ?? new Map<string, number>()).entries()].sort((a, b) => b[1] - a[1])[0];
      if (byCaller && !byCaller[0].startsWith("(root)@")) {
        const c = described.get(byCaller[0])!;
        topCaller = { function: c.fn, location: c.location, percentOfSelf: Math.round((byCaller[1] / us) * 100) };
      }
      return { function: d.fn, location: d.location, selfMs: ms(us), selfPercent: pct(us), totalMs: ms(tot), totalPercent: pct(tot), code: sourceLine(d.location), topCaller };
    });
  const fileSelf = new Map<string, number>();
  for (const [key, us] of self) {
    const file = described.get(key)!.file;
    fileSelf.set(file, (fileSelf.get(file) ?? 0) + us);
  }
  const byFile = [...fileSelf.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topN)
    .map(([file, us]) => ({ file, selfMs: ms(us), selfPercent: pct(us) }));
  return { sampledMs: ms(sampledUs), top, byFile };
}

const fileLines = new Map<string, string[] | null>();

function sourceLine(location: string): string | undefined {
  const m = /^(.*):(\d+)$/.exec(location);
  if (!m || m[1].startsWith("node:")) return undefined;
  let lines = fileLines.get(m[1]);
  if (lines === undefined) {
    try {
      lines = fs.readFileSync(path.resolve(root, m[1]), "utf8").split("\n");
    } catch {
      lines = null;
    }
    fileLines.set(m[1], lines);
  }
  const text = lines?.[Number(m[2]) - 1]?.trim();
  if (!text || text.length > 400) return undefined; // nothing, or a minified bundle line
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}

export function formatSummary(s: ProfileSummary): string {
  const lines = [`sampled ${(s.sampledMs / 1000).toFixed(1)} s (excluding idle)`, "", "  self%   self ms  total%  function  location"];
  for (const h of s.top) {
    lines.push(`${h.selfPercent.toFixed(1).padStart(7)} ${h.selfMs.toFixed(0).padStart(9)} ${h.totalPercent.toFixed(1).padStart(7)}  ${h.function}  ${h.location}`);
    if (h.code) lines.push(`${" ".repeat(28)}↳ ${h.code}`);
    if (h.topCaller && (!h.location.startsWith("ingest/") || h.function === "(anonymous)")) {
      lines.push(`${" ".repeat(28)}← ${h.topCaller.percentOfSelf}% from ${h.topCaller.function}  ${h.topCaller.location}`);
    }
  }
  lines.push("", "  self%   self ms  file");
  for (const f of s.byFile) lines.push(`${f.selfPercent.toFixed(1).padStart(7)} ${f.selfMs.toFixed(0).padStart(9)}  ${f.file}`);
  return lines.join("\n");
}

/** The profiles --cpu-prof wrote to `dir`, one per thread (CPU.<date>.<time>.<pid>.<threadId>.<seq>.cpuprofile). */
export function threadProfiles(dir: string): { file: string; threadId: number }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => ({ file: path.join(dir, f), threadId: Number(/\.(\d+)\.\d+\.cpuprofile$/.exec(f)?.[1] ?? -1) }))
    .sort((a, b) => a.threadId - b.threadId);
}

export interface ThreadSummary extends ProfileSummary {
  threadId: number;
  file: string;
}

/**
 * Every thread's summary, busiest first. Threads busy for less than `minShare` of the busiest one (tsx's
 * module-loader threads) are left out; the main thread is always kept.
 */
export function summariseThreads(dir: string, sourceMapsFile: string | undefined, topN = 15, minShare = 0.1): ThreadSummary[] {
  const maps = loadSourceMaps(sourceMapsFile);
  const all = threadProfiles(dir).map(({ file, threadId }) => ({ threadId, file, ...summariseProfile(file, maps, topN) }));
  const busiest = Math.max(0, ...all.map((t) => t.sampledMs));
  return all.filter((t) => t.threadId === 0 || t.sampledMs >= minShare * busiest).sort((a, b) => b.sampledMs - a.sampledMs);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const topIdx = args.indexOf("--top");
  const topN = topIdx >= 0 ? Number(args.splice(topIdx, 2)[1]) : 15;
  const [profile, maps] = args;
  if (!profile) {
    console.error("usage: npx tsx tests/bench/lib/cpu-profile.ts PROFILE.cpuprofile|DIR [SOURCE_MAPS.json] [--top 15]");
    process.exit(2);
  }
  if (fs.statSync(profile).isDirectory()) {
    for (const t of summariseThreads(profile, maps, topN)) console.log(`\n== thread ${t.threadId}${t.threadId === 0 ? " (main)" : ""}: ${path.basename(t.file)}\n${formatSummary(t)}`);
  } else console.log(formatSummary(summariseProfile(profile, maps, topN)));
}
