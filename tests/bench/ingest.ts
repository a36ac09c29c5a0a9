// npm run bench:ingest -- [--items 1000000] [--json] [--keep DIR] [--profile] …
// Generates a minyi-hotline CSV of N work orders, ingests it into a fresh database with the real CLI in a child
// process (wall-clock seconds, peak RSS), and times the sqlite3 shell's `.import` of the same file as the
// reference. With --json the last stdout line is
//   {"items":N,"seconds":S,"rowsPerSecond":R,"peakRssMB":M,"sqliteImportRowsPerSecond":Q,…}
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { formatSummary, summariseThreads, type ThreadSummary } from "./lib/cpu-profile";
import { GENERATOR_VERSION, generateHotlineCsv, todayInShanghai } from "./lib/csv-generator";
import { runIngestCli, type IngestRunResult } from "./lib/run-ingest";
import { sqliteImport } from "./lib/sqlite-ref";

const USAGE = `Usage: npm run bench:ingest -- [options]
  --items N        work orders to generate and ingest (default 1000000)
  --json           print the result as one JSON line (the last line of stdout)
  --keep DIR       keep the generated CSV in DIR and reuse it when it already has N items (same seed)
  --seed N         PRNG seed of the generator (default 20240601)
  --end DATE       last day of the 12-month window of receive times, YYYY-MM-DD (default today, Asia/Shanghai)
  --runs N         ingest N times (each into a fresh database) and report the median time and the highest peak RSS
  --no-sqlite      skip the sqlite3 .import reference run
  --profile        afterwards, ingest again under node --cpu-prof and print the top self-time functions
  --top N          functions to list with --profile (default 15)
  --keep-db        keep the benchmark database (it is deleted by default; it can be several GB)
  --check-targets  exit 3 when a target is missed (rows/s ≥ 50000 and ≥ 0.3 × sqlite, peak RSS ≤ 400 MB)`;

const TARGET_ROWS_PER_SECOND = 50_000;
const TARGET_SQLITE_RATIO = 0.3;
const TARGET_PEAK_RSS_MB = 400;

interface BenchResult {
  items: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMB: number;
  sqliteImportRowsPerSecond: number | null;
  ratioToSqlite: number | null;
  generateSeconds: number;
  dbSizeMB: number;
  inserted: number;
  rejected: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (message: string) => process.stderr.write(`${message}\n`);

function parseCount(text: string, name: string): number {
  const n = Number(text.replaceAll("_", "").replaceAll(",", ""));
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive whole number, got "${text}"`);
  return n;
}

class UsageError extends Error {}

interface CsvMeta {
  generatorVersion: number;
  items: number;
  seed: number;
  end: string;
  bytes: number;
}

/** The CSV for N items in `dir`: reused when its meta file says it was made by this generator with this seed. */
async function prepareCsv(dir: string, items: number, seed: number, end: string): Promise<{ file: string; bytes: number; generateSeconds: number; reused: boolean }> {
  const file = path.join(dir, `minyi-hotline-${items}.csv`);
  const metaFile = `${file}.meta.json`;
  if (fs.existsSync(file) && fs.existsSync(metaFile)) {
    try {
      const meta = JSON.parse(fs.readFileSync(metaFile, "utf8")) as CsvMeta;
      const size = fs.statSync(file).size;
      if (meta.generatorVersion === GENERATOR_VERSION && meta.items === items && meta.seed === seed && meta.bytes === size) {
        log(`reusing ${file} (${items.toLocaleString()} items, ${(size / 2 ** 20).toFixed(0)} MB, window ending ${meta.end})`);
        return { file, bytes: size, generateSeconds: 0, reused: true };
      }
    } catch {
      /* regenerate */
    }
  }
  log(`generating ${items.toLocaleString()} work orders → ${file}`);
  const result = await generateHotlineCsv({ file, items, seed, end });
  const meta: CsvMeta = { generatorVersion: GENERATOR_VERSION, items, seed, end, bytes: result.bytes };
  fs.writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  log(`generated ${(result.bytes / 2 ** 20).toFixed(0)} MB in ${result.seconds.toFixed(1)} s`);
  return { file, bytes: result.bytes, generateSeconds: result.seconds, reused: false };
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function describeFailure(run: IngestRunResult, items: number): string | null {
  const s = run.summary;
  const tail = `\n--- ingest stderr (tail) ---\n${run.stderrTail.trim()}\n--- ingest stdout (tail) ---\n${run.stdoutTail.trim()}`;
  if (run.exitCode !== 0) return `ingest CLI exited with ${run.signal ?? `code ${run.exitCode}`}${tail}`;
  if (!s) return `ingest CLI printed no JSON summary as its last stdout line${tail}`;
  const problems: string[] = [];
  if (s.inserted !== items) problems.push(`inserted ${s.inserted}, expected ${items}`);
  if (s.rejected !== 0) problems.push(`rejected ${s.rejected}, expected 0${s.rejectsFile ? ` (see ${s.rejectsFile})` : ""}`);
  return problems.length ? `ingest summary is wrong: ${problems.join("; ")}: ${JSON.stringify(s)}` : null;
}

async function profileRun(csv: string, workDir: string, keep: boolean, topN: number): Promise<{ dir: string; wallSeconds: number; threads: ThreadSummary[] } | string> {
  const dir = keep ? path.join(workDir, `profile-${Date.now()}`) : fs.mkdtempSync(path.join(os.tmpdir(), "minyi-bench-profile-"));
  fs.mkdirSync(dir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(workDir, "run-profile-"));
  const mapsFile = path.join(dir, "source-maps.json");
  log(`profiling: ingesting again under --cpu-prof (profile in ${dir})`);
  try {
    const run = await runIngestCli({
      csv, db: path.join(runDir, "minyi.db"), reportDir: path.join(runDir, "reports"),
      nodeFlags: ["--enable-source-maps", "--cpu-prof", "--cpu-prof-dir", dir],
      env: { BENCH_SOURCE_MAPS: mapsFile },
    });
    if (run.exitCode !== 0) return `profiled run failed (exit ${run.exitCode}): ${run.stderrTail.trim().slice(-1000)}`;
    const threads = summariseThreads(dir, mapsFile, topN);
    if (!threads.length) return `no .cpuprofile written to ${dir}`;
    fs.writeFileSync(path.join(dir, "summary.json"), JSON.stringify({ wallSeconds: run.seconds, threads }, null, 2));
    fs.writeFileSync(path.join(dir, "summary.txt"), `${formatThreads(threads)}\n`);
    log(`profiled run: ${run.seconds.toFixed(1)} s wall; profiles in ${dir}`);
    return { dir, wallSeconds: run.seconds, threads };
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

function formatThreads(threads: ThreadSummary[]): string {
  return threads
    .map((t) => `== thread ${t.threadId}${t.threadId === 0 ? " (main)" : ""} — ${path.basename(t.file)}\n${formatSummary(t)}`)
    .join("\n\n");
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      items: { type: "string", default: "1000000" },
      json: { type: "boolean", default: false },
      keep: { type: "string" },
      seed: { type: "string", default: "20240601" },
      end: { type: "string" },
      runs: { type: "string", default: "1" },
      "no-sqlite": { type: "boolean", default: false },
      profile: { type: "boolean", default: false },
      top: { type: "string", default: "15" },
      "keep-db": { type: "boolean", default: false },
      "check-targets": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const items = parseCount(values.items!, "--items");
  const seed = parseCount(values.seed!, "--seed");
  const topN = parseCount(values.top!, "--top");
  const runs = parseCount(values.runs!, "--runs");
  const end = values.end ?? todayInShanghai();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(end)) throw new UsageError(`--end must be YYYY-MM-DD, got "${end}"`);
  const keep = values.keep !== undefined;
  const workDir = keep ? path.resolve(values.keep!) : fs.mkdtempSync(path.join(os.tmpdir(), "minyi-bench-"));
  fs.mkdirSync(workDir, { recursive: true });

  try {
    const csv = await prepareCsv(workDir, items, seed, end);

    // The measured run(s): each into a fresh database, one node process.
    const measured: { run: IngestRunResult; dbBytes: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const runDir = fs.mkdtempSync(path.join(workDir, "run-"));
      const db = path.join(runDir, "minyi.db");
      log(`ingesting into a fresh database ${db}${runs > 1 ? ` (run ${i + 1} of ${runs})` : ""}`);
      const run = await runIngestCli({ csv: csv.file, db, reportDir: path.join(runDir, "reports") });
      const dbBytes = fileSize(db) + fileSize(`${db}-wal`) + fileSize(`${db}-shm`);
      if (values["keep-db"]) log(`database kept: ${db}`);
      else fs.rmSync(runDir, { recursive: true, force: true });
      const failure = describeFailure(run, items);
      if (failure) {
        log(`error: ${failure}`);
        return 1;
      }
      log(
        `ingest: ${run.seconds.toFixed(2)} s wall, peak RSS ${(run.peakRssKb / 1024).toFixed(1)} MB ` +
          `(VmHWM poll ${(run.rss.peakHwmKb / 1024).toFixed(1)} MB over ${run.rss.polls} polls of pids ${run.rss.pidsSeen.join(",")}; ` +
          `getrusage at exit ${run.exitMaxRssKb === null ? "n/a" : `${(run.exitMaxRssKb / 1024).toFixed(1)} MB`}); ` +
          `CLI reported ${run.summary!.seconds ?? "?"} s inside the process; ` +
          `CPU ${run.cpuSeconds === null ? "n/a" : `${run.cpuSeconds.toFixed(1)} s`} (user+sys, all threads); ` +
          `load average ${run.loadBefore.toFixed(1)} → ${run.loadAfter.toFixed(1)} on ${os.cpus().length} CPUs`,
      );
      measured.push({ run, dbBytes });
    }
    // Median wall time (the lower middle for an even count); the highest peak RSS of all runs.
    const bySeconds = measured.slice().sort((a, b) => a.run.seconds - b.run.seconds);
    const { run, dbBytes } = bySeconds[Math.floor((bySeconds.length - 1) / 2)];
    const peakRssKb = Math.max(...measured.map((m) => m.run.peakRssKb));
    if (runs > 1) log(`runs: ${measured.map((m) => m.run.seconds.toFixed(2)).join(", ")} s; median ${run.seconds.toFixed(2)} s`);

    // Reference: sqlite3 .import of the same file.
    let q: number | null = null;
    if (values["no-sqlite"]) log("sqlite3 reference skipped (--no-sqlite)");
    else {
      log("timing sqlite3 .import of the same CSV");
      const ref = await sqliteImport(csv.file, path.join(workDir, "sqlite-ref"), items, log);
      if (ref.ok) {
        q = ref.rowsPerSecond;
        log(`sqlite3 ${ref.version} .import: ${ref.seconds.toFixed(2)} s, ${Math.round(ref.rowsPerSecond).toLocaleString()} rows/s`);
      } else log(`note: sqliteImportRowsPerSecond is null: ${ref.reason}`);
      fs.rmSync(path.join(workDir, "sqlite-ref"), { recursive: true, force: true });
    }

    const rowsPerSecond = items / run.seconds;
    const peakRssMB = peakRssKb / 1024;
    const result: BenchResult = {
      items,
      seconds: round(run.seconds, 2),
      rowsPerSecond: Math.round(rowsPerSecond),
      peakRssMB: round(peakRssMB, 1),
      sqliteImportRowsPerSecond: q === null ? null : Math.round(q),
      ratioToSqlite: q === null ? null : round(rowsPerSecond / q, 3),
      generateSeconds: round(csv.generateSeconds, 2),
      dbSizeMB: round(dbBytes / 2 ** 20, 1),
      inserted: run.summary!.inserted,
      rejected: run.summary!.rejected,
    };

    const checks = [
      { name: `rows/s ≥ ${TARGET_ROWS_PER_SECOND.toLocaleString()}`, ok: rowsPerSecond >= TARGET_ROWS_PER_SECOND, value: Math.round(rowsPerSecond).toLocaleString() },
      { name: `rows/s ≥ ${TARGET_SQLITE_RATIO} × sqlite3 .import`, ok: q === null ? null : rowsPerSecond >= TARGET_SQLITE_RATIO * q, value: q === null ? "n/a" : `${result.ratioToSqlite} ×` },
      { name: `peak RSS ≤ ${TARGET_PEAK_RSS_MB} MB`, ok: peakRssMB <= TARGET_PEAK_RSS_MB, value: `${result.peakRssMB} MB` },
    ];
    const targetLines = checks.map((c) => `  ${c.ok === null ? "?" : c.ok ? "✓" : "✗"} ${c.name}: ${c.value}`);

    let profile: Awaited<ReturnType<typeof profileRun>> | null = null;
    if (values.profile) profile = await profileRun(csv.file, workDir, keep, topN);

    const out = values.json ? log : (m: string) => console.log(m);
    if (!values.json) {
      out(`Ingest benchmark: ${items.toLocaleString()} minyi-hotline work orders (${(csv.bytes / 2 ** 20).toFixed(0)} MB CSV${csv.reused ? ", reused" : `, generated in ${result.generateSeconds} s`})`);
      out(`  ingest          ${result.seconds} s wall, ${result.rowsPerSecond.toLocaleString()} rows/s, inserted ${result.inserted.toLocaleString()}, rejected ${result.rejected}`);
      out(`  peak RSS        ${result.peakRssMB} MB`);
      out(`  CPU             ${run.cpuSeconds === null ? "n/a" : `${run.cpuSeconds.toFixed(1)} s user+sys over all threads`} (load average ${run.loadBefore.toFixed(1)} before the run, ${os.cpus().length} CPUs)`);
      out(`  database        ${result.dbSizeMB} MB`);
      out(`  sqlite3 .import ${q === null ? "n/a" : `${Math.round(q).toLocaleString()} rows/s (ingest is ${result.ratioToSqlite} × that)`}`);
    }
    out("targets:");
    for (const l of targetLines) out(l);
    if (profile) {
      if (typeof profile === "string") out(`profile failed: ${profile}`);
      else out(`\nCPU profile of a second run (${profile.wallSeconds.toFixed(1)} s wall under --cpu-prof), top ${topN} by self time per busy thread (${profile.dir}):\n${formatThreads(profile.threads)}`);
    }
    if (values.json) console.log(JSON.stringify(result));
    if (values["check-targets"] && checks.some((c) => c.ok === false)) return 3;
    return 0;
  } finally {
    if (!keep) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof UsageError || (e instanceof TypeError && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))) {
      console.error(`error: ${e.message}\n${USAGE}`);
      process.exit(2);
    }
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
