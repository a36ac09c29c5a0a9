// Runs the ingest CLI as one child node process (no npx/tsx wrapper process), without a TTY so it draws no
// progress bar, and measures its wall-clock time and peak RSS.
import { spawn } from "node:child_process";
import { INGEST_NODE_FLAGS } from "../../../ingest/node-flags";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { childHookImport } from "./child-hook";
import { TreeRssMonitor, type RssReport } from "./rss";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface IngestCliSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings?: number;
  rejectsFile?: string | null;
  seconds?: number;
  [key: string]: unknown;
}

export interface IngestRunOptions {
  csv: string;
  db: string;
  reportDir: string;
  /** Extra node flags, e.g. ["--cpu-prof", "--cpu-prof-dir", DIR]. */
  nodeFlags?: string[];
  env?: Record<string, string>;
  pollMs?: number;
}

export interface IngestRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  seconds: number;
  rss: RssReport;
  /** getrusage max RSS of the node process, reported by child-hook.ts at exit (kB). */
  exitMaxRssKb: number | null;
  /** CPU seconds (user + system, all threads) of the node process, from getrusage at exit. */
  cpuSeconds: number | null;
  /** 1-minute load average before and after the run (other work on the machine distorts wall time). */
  loadBefore: number;
  loadAfter: number;
  peakRssKb: number;
  summary: IngestCliSummary | null;
  stdoutTail: string;
  stderrTail: string;
}

export async function runIngestCli(options: IngestRunOptions): Promise<IngestRunResult> {
  const rssFile = path.join(path.dirname(options.db), `child-rss-${process.pid}-${Date.now()}.jsonl`);
  const args = [
    ...INGEST_NODE_FLAGS,
    ...(options.nodeFlags ?? []),
    "--import", "tsx",
    "--import", childHookImport(),
    path.join(PROJECT_ROOT, "ingest", "cli.ts"),
    options.csv,
    "--channel", "hotline",
    "--preset", "minyi-hotline",
    "--db", options.db,
    "--report-dir", options.reportDir,
    "--json",
    // The ingest benchmark measures loading; the NLP pass has its own benchmark (bench:classify).
    "--no-nlp",
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, BENCH_CHILD_REPORT: rssFile };
  delete env.NODE_OPTIONS; // nothing from the parent's tsx run should leak into the measured process
  const loadBefore = os.loadavg()[0];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const monitor = new TreeRssMonitor(child.pid!, options.pollMs ?? 100).start();
  const closed = new Promise<void>((resolve) => child.on("close", () => resolve()));
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout = (stdout + d).slice(-64_000);
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    stderr = (stderr + d).slice(-64_000);
  });
  const { exitCode, signal, seconds } = await new Promise<{ exitCode: number | null; signal: NodeJS.Signals | null; seconds: number }>((resolve, reject) => {
    child.on("error", reject);
    // Poll once more at exit; the process may still be a zombie whose /proc entry has gone, which is fine.
    child.on("exit", (code, sig) => {
      const s = (performance.now() - started) / 1000;
      monitor.poll();
      resolve({ exitCode: code, signal: sig, seconds: s });
    });
  });
  const rss = monitor.stop();
  await closed;

  let exitMaxRssKb: number | null = null;
  let cpuSeconds: number | null = null;
  if (fs.existsSync(rssFile)) {
    for (const line of fs.readFileSync(rssFile, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { maxRssKb: number; userMs?: number; systemMs?: number };
      if (Number.isFinite(r.maxRssKb)) exitMaxRssKb = Math.max(exitMaxRssKb ?? 0, r.maxRssKb);
      if (r.userMs !== undefined && r.systemMs !== undefined) cpuSeconds = (cpuSeconds ?? 0) + (r.userMs + r.systemMs) / 1000;
    }
    fs.rmSync(rssFile, { force: true });
  }

  const lines = stdout.trimEnd().split("\n");
  let summary: IngestCliSummary | null = null;
  try {
    const parsed: unknown = JSON.parse(lines[lines.length - 1] ?? "");
    if (parsed && typeof parsed === "object" && "inserted" in parsed) summary = parsed as IngestCliSummary;
  } catch {
    summary = null;
  }
  return {
    exitCode, signal, seconds, rss, exitMaxRssKb, cpuSeconds, loadBefore, loadAfter: os.loadavg()[0],
    peakRssKb: Math.max(rss.peakHwmKb, exitMaxRssKb ?? 0),
    summary,
    stdoutTail: stdout.slice(-2000),
    stderrTail: stderr.slice(-4000),
  };
}
