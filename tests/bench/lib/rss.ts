// Peak resident memory of a child process tree, polled from /proc (Linux only).
// VmHWM is each process's own high-water mark, so polling every ~100 ms loses nothing unless a process
// starts and ends between two polls; the sum of VmRSS over the tree is sampled too.
import fs from "node:fs";

/** Parent pid from /proc/<pid>/stat, or null if the process is gone. */
export function parentPid(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may contain spaces and parentheses, so split after the last ")".
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(rest[1]);
}

/** `root` and all its descendants alive now, found by walking every /proc/<pid>/stat's ppid. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0) continue;
    const ppid = parentPid(pid);
    if (ppid === null) continue;
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    for (const c of children.get(pid) ?? []) stack.push(c);
  }
  return out;
}

/** A "VmHWM:   123456 kB"-style field of /proc/<pid>/status in kB, or null. */
export function statusKb(pid: number, field: "VmHWM" | "VmRSS"): number | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null;
  }
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return m ? Number(m[1]) : null;
}

export interface RssReport {
  /** Max over the tree's processes of their VmHWM (kB). */
  peakHwmKb: number;
  /** Max over polls of the summed VmRSS of the tree (kB). */
  peakTreeRssKb: number;
  /** The process that had the highest VmHWM. */
  peakPid: number | null;
  pidsSeen: number[];
  polls: number;
}

export class TreeRssMonitor {
  private timer: NodeJS.Timeout | undefined;
  private readonly hwm = new Map<number, number>();
  private peakTreeRssKb = 0;
  private polls = 0;

  constructor(
    private readonly root: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.poll();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
    return this;
  }

  poll(): void {
    this.polls++;
    let treeRss = 0;
    for (const pid of processTree(this.root)) {
      const hwm = statusKb(pid, "VmHWM");
      if (hwm !== null && hwm > (this.hwm.get(pid) ?? 0)) this.hwm.set(pid, hwm);
      treeRss += statusKb(pid, "VmRSS") ?? 0;
    }
    if (treeRss > this.peakTreeRssKb) this.peakTreeRssKb = treeRss;
  }

  stop(): RssReport {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    let peakHwmKb = 0;
    let peakPid: number | null = null;
    for (const [pid, kb] of this.hwm) {
      if (kb > peakHwmKb) {
        peakHwmKb = kb;
        peakPid = pid;
      }
    }
    return { peakHwmKb, peakTreeRssKb: this.peakTreeRssKb, peakPid, pidsSeen: [...this.hwm.keys()], polls: this.polls };
  }
}
