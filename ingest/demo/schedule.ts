// When items arrive: daily volumes with seasonality, topic mix per day, and burst slots.
import { BANK, type TopicBank } from "./bank";
import { bursts, type Burst } from "./bursts";
import type { Rng } from "./random";
import { DAY, HOUR, dayVolume, parts, pickHour, topicSeason, type MonthRef } from "./timeline";

export interface Window {
  /** First instant (00:00 of the first month). */
  start: number;
  /** Export time: nothing happens after it. */
  now: number;
}

/** Everything a channel writer needs to know about the run. */
export interface Plan {
  win: Window;
  end: MonthRef;
  months: number;
  scale: number;
}

export interface Slot {
  t: number;
  bank: TopicBank;
  burst?: Burst;
  /** Tie-breaker for a stable order. */
  ord: number;
}

/** Splits `total` items over the days of the window by daily volume, then draws a topic and a time for each. */
export function baseSlots(rng: Rng, win: Window, total: number, channel: "hotline" | "mailbox"): Slot[] {
  const days: number[] = [];
  for (let d = win.start; d < win.now; d += DAY) days.push(d);
  const span = win.now - win.start;
  const w = days.map((d) => dayVolume(d, (d - win.start) / span) * (d + DAY > win.now ? (win.now - d) / DAY : 1));
  const sum = w.reduce((a, b) => a + b, 0);
  const slots: Slot[] = [];
  let cum = 0;
  let prev = 0;
  for (let i = 0; i < days.length; i++) {
    cum += w[i];
    const upto = Math.round((total * cum) / sum);
    const n = upto - prev;
    prev = upto;
    const d = days[i];
    const weights = BANK.map((b) => b.weight * (channel === "mailbox" ? b.mail : 1) * topicSeason(b.key, d));
    for (let k = 0; k < n; k++) {
      const bank = rng.weighted(BANK, weights);
      const noisy = bank.key === "环境保护/噪声污染" && channel === "hotline" && rng.chance(0.55);
      const hour = pickHour(rng, noisy ? "night" : channel);
      let t = d + hour * HOUR + rng.int(0, 3599);
      if (t >= win.now) t = d + rng.int(0, Math.max(1, win.now - d - 1));
      slots.push({ t, bank, ord: slots.length });
    }
  }
  return slots;
}

/** Slots of a burst (count at scale 1 × scale), inside the window only. */
export function burstSlots(rng: Rng, win: Window, b: Burst, count: number, channel: "hotline" | "mailbox", bankOf: (key: string) => TopicBank, ordBase: number): Slot[] {
  const slots: Slot[] = [];
  const sum = b.profile.reduce((a, c) => a + c, 0);
  let cum = 0;
  let prev = 0;
  for (let i = 0; i < b.days; i++) {
    cum += b.profile[i];
    const upto = Math.round((count * cum) / sum);
    const n = upto - prev;
    prev = upto;
    const d = b.start + i * DAY;
    for (let k = 0; k < n; k++) {
      const hour = pickHour(rng, b.night && channel === "hotline" && rng.chance(0.8) ? "night" : channel);
      const t = d + hour * HOUR + rng.int(0, 3599);
      if (t < win.start || t >= win.now) continue;
      const key = rng.choose(b.topics);
      slots.push({ t, bank: bankOf(key), burst: b, ord: ordBase + slots.length });
    }
  }
  return slots;
}

export function sortSlots(slots: Slot[]): Slot[] {
  return slots.sort((a, b) => a.t - b.t || a.ord - b.ord);
}

export function ymd(t: number): string {
  const p = parts(t);
  return `${p.year}${String(p.month).padStart(2, "0")}${String(p.day).padStart(2, "0")}`;
}

/** The time slots of one channel: a seasonal base plus the bursts, in time order. */
export function channelSlots(rng: Rng, plan: Plan, channel: "hotline" | "mailbox", baseCount: number, bankOf: (key: string) => TopicBank): Slot[] {
  const bs = bursts(plan.end, plan.months);
  const burstTotal = bs.reduce((a, b) => a + Math.round(b[channel] * plan.scale), 0);
  let slots: Slot[] = baseSlots(rng, plan.win, Math.max(0, Math.round(baseCount * plan.scale) - burstTotal), channel);
  for (const b of bs) slots = slots.concat(burstSlots(rng, plan.win, b, Math.round(b[channel] * plan.scale), channel, bankOf, 1e9 + slots.length));
  sortSlots(slots);
  return slots;
}

/** Work-order numbers restart each day at a random start and grow by random steps (as real exports look). */
export function dailySequence(rng: Rng, start: [number, number], step: [number, number]): (day: string) => number {
  let current = "";
  let seq = 0;
  return (day) => {
    if (day !== current) {
      current = day;
      seq = rng.int(start[0], start[1]);
    } else seq += rng.int(step[0], step[1]);
    return seq;
  };
}
