// Runs the ingest CLI as a separate process, the way users and CI run it.
import { spawn, spawnSync } from "node:child_process";
import { INGEST_NODE_FLAGS } from "../../ingest/node-flags";

export const CLI_ARGS = [...INGEST_NODE_FLAGS, "--import", "tsx", "ingest/cli.ts"];

export function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI_ARGS, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function startCli(args: string[]) {
  return spawn(process.execPath, [...CLI_ARGS, ...args], { stdio: ["ignore", "pipe", "pipe"] });
}

/** Writes N hotline rows in the minyi-hotline format, deterministic. */
export function hotlineCsv(n: number, variant = ""): string {
  const units = ["市住建局", "市城管局", "市生态环境局", "市交通运输局", "市教育局", "江南区人民政府"];
  const lines = ["工单编号,受理时间,诉求内容,承办单位,办理状态,答复时间"];
  for (let i = 0; i < n; i++) {
    const day = 1 + (i % 28);
    const hour = String(i % 24).padStart(2, "0");
    const replied = i % 3 === 0 ? `2026-03-${String(Math.min(28, day + 1)).padStart(2, "0")} 10:00:00` : "";
    lines.push(`RX${String(i).padStart(8, "0")},2026-03-${String(day).padStart(2, "0")} ${hour}:15:00,"第${i}号诉求${variant}，小区门口道路破损，请尽快修复",${units[i % units.length]},${replied ? "已答复" : "办理中"},${replied}`);
  }
  return lines.join("\r\n") + "\r\n";
}
