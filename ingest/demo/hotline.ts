// 12345 hotline work orders: texts, units, lifecycle (dispatch → sign → contact → reply → return visit → close).
import { bankByKey, type ClaimType, type TopicBank } from "./bank";
import { burstFill, burstRestoredAt, type Burst } from "./bursts";
import { BURST_COMMUNITY, CITYDATA, METRO_SITE, callerName } from "./city";
import { Ctx } from "./fill";
import type { Rng } from "./random";
import { channelSlots, dailySequence, ymd, type Plan, type Slot } from "./schedule";
import { hotlineBody, hotlineReply, hotlineTitle, pickPhrase, primePhrase, type Outcome, type Phrase } from "./texts";
import { DAY, HOUR, MINUTE, addWorkdays, fmt, officeShift, parts } from "./timeline";
import { chooseUnit, renderUnit } from "./units";
import type { CsvWriter } from "./writers";

export const HOTLINE_HEADERS = [
  "工单编号", "受理时间", "诉求类型", "标题", "诉求内容", "来电人", "承办单位", "问题分类", "派单时间", "签收时间", "首次联系时间",
  "答复时间", "办结时间", "办理时限", "退单次数", "办理状态", "答复内容", "回访时间", "满意度", "是否解决", "事发地点",
] as const;

const DEFAULT_TYPES: [ClaimType, number][] = [["投诉", 45], ["咨询", 25], ["求助", 15], ["建议", 8], ["举报", 7]];
const HARD_TOPICS = new Set(["城乡建设/征地拆迁", "劳动和社会保障/欠薪与劳动关系", "党务政务/作风与效能", "城乡建设/房地产与住房保障"]);

type Satisfaction = "满意" | "基本满意" | "不满意" | "未评价";

export function typesOf(bank: TopicBank): [ClaimType, number][] {
  const e = Object.entries(bank.types) as [ClaimType, number][];
  return e.length ? e : DEFAULT_TYPES;
}

function clampNight(rng: Rng, t: number): number {
  return officeShift(rng, t);
}

export function satisfactionFor(rng: Rng, overdue: boolean, hard: boolean, burst: boolean): Satisfaction {
  const S: Satisfaction[] = ["满意", "基本满意", "不满意", "未评价"];
  if (burst) return rng.weighted(S, [0.4, 0.3, 0.25, 0.05]);
  if (overdue) return rng.weighted(S, [0.45, 0.25, 0.25, 0.05]);
  if (hard) return rng.weighted(S, [0.62, 0.2, 0.14, 0.04]);
  return rng.weighted(S, [0.805, 0.13, 0.04, 0.025]);
}

export function outcomeFor(rng: Rng, s: Satisfaction): Outcome {
  const O: Outcome[] = ["是", "部分", "否"];
  switch (s) {
    case "满意":
      return rng.weighted(O, [0.9, 0.1, 0]);
    case "基本满意":
      return rng.weighted(O, [0.45, 0.5, 0.05]);
    case "不满意":
      return rng.weighted(O, [0.05, 0.3, 0.65]);
    default:
      return rng.weighted(O, [0.4, 0.4, 0.2]);
  }
}

interface Lifecycle {
  dispatched: number;
  signed: number;
  firstContact: number;
  returns: { at: number; redispatch: number }[];
  reply: number | null;
  visit: number | null;
  closed: number | null;
  due: number;
}

function lifecycle(rng: Rng, t: number, type: ClaimType, hard: boolean, burst: Burst | undefined): Lifecycle {
  const due = addWorkdays(t, 5);
  let dispatched = t + Math.max(3 * MINUTE, Math.min(2 * DAY, rng.logNormal(35 * MINUTE, 0.9)));
  const h = parts(t).hour;
  if (h < 7 || h >= 21) dispatched = clampNight(rng, dispatched);
  const signed = clampNight(rng, dispatched + Math.max(2 * MINUTE, Math.min(3 * DAY, rng.logNormal(50 * MINUTE, 1))));
  let firstContact = signed + Math.max(5 * MINUTE, rng.logNormal(2.5 * HOUR, 1));
  if (rng.chance(0.08)) firstContact += rng.int(1, 2) * DAY;
  firstContact = clampNight(rng, firstContact);
  const nReturns = rng.weighted([0, 1, 2], [0.88, 0.1, 0.02]);
  const returns: Lifecycle["returns"] = [];
  let cursor = signed;
  for (let i = 0; i < nReturns; i++) {
    const at = clampNight(rng, cursor + Math.max(HOUR, rng.logNormal(10 * HOUR, 0.8)));
    const redispatch = at + Math.max(20 * MINUTE, rng.logNormal(3 * HOUR, 0.7));
    returns.push({ at, redispatch });
    cursor = redispatch;
  }
  if (!burst && rng.chance(0.012)) {
    return { dispatched, signed, firstContact, returns, reply: null, visit: null, closed: null, due };
  }
  let reply: number;
  const pOver = 0.065 + 0.12 * nReturns + (hard ? 0.06 : 0);
  if (burst?.id === "water") {
    reply = Math.max(t + rng.logNormal(20 * HOUR, 0.6), burstRestoredAt(burst) + rng.logNormal(10 * HOUR, 0.8));
  } else if (rng.chance(pOver)) {
    reply = due + Math.min(40 * DAY, Math.max(2 * HOUR, rng.logNormal(2.5 * DAY, 0.9)));
  } else {
    const median = type === "咨询" ? 0.8 * DAY : 2.2 * DAY;
    reply = t + rng.logNormal(median, 0.6);
    if (reply > due - HOUR) reply = due - rng.int(1, 20) * HOUR;
  }
  const floor = Math.max(firstContact, cursor) + 30 * MINUTE;
  if (reply < floor) reply = floor + rng.int(0, 5 * 3600);
  reply = clampNight(rng, reply);
  const visitP = type === "咨询" ? 0.65 : 0.9;
  const visit = rng.chance(visitP) ? clampNight(rng, reply + Math.max(HOUR, rng.logNormal(22 * HOUR, 0.7))) : null;
  const closed = visit !== null ? visit + Math.max(5 * MINUTE, rng.logNormal(1.5 * HOUR, 0.8)) : clampNight(rng, reply + rng.logNormal(20 * HOUR, 0.8));
  return { dispatched, signed, firstContact, returns, reply, visit, closed, due };
}

export async function writeHotline(rng: Rng, slotRng: Rng, plan: Plan, out: CsvWriter): Promise<number> {
  const { win } = plan;
  const slots = channelSlots(slotRng, plan, "hotline", 30000, bankByKey);

  const nextSeq = dailySequence(rng, [1, 40], [1, 3]);
  for (const slot of slots) {
    const { t, bank, burst } = slot;
    const day = ymd(t);
    const seq = nextSeq(day);
    const id = `RX${day}${String(seq).padStart(6, "0")}`;
    const row = burst ? burstItem(rng, slot, burst) : baseItem(rng, slot);
    const hard = HARD_TOPICS.has(bank.key);
    const lc = lifecycle(rng, t, row.type, hard, burst);
    const now = win.now;

    let status: string;
    const shownReturns = lc.returns.filter((r) => r.at <= now).length;
    const inReturn = lc.returns.some((r) => r.at <= now && now < r.redispatch);
    const show = (x: number | null) => (x !== null && x <= now ? fmt(x) : "");
    if (lc.dispatched > now) status = "待派单";
    else if (inReturn) status = "已退单";
    else if (lc.signed > now) status = "已派单";
    else if (lc.reply === null || lc.reply > now) status = "办理中";
    else if (lc.closed === null || lc.closed > now) status = "已答复";
    else status = "已办结";

    const overdue = lc.reply !== null ? lc.reply > lc.due : now > lc.due;
    const sat = satisfactionFor(rng, overdue, hard, burst?.id === "water");
    const outcome = outcomeFor(rng, sat);
    const replied = lc.reply !== null && lc.reply <= now;
    const visited = lc.visit !== null && lc.visit <= now;
    const replyText = replied ? (burst ? row.ctx.fill(rng.pick(burst.replies)) : hotlineReply(rng, row.ctx, bank, row.phrase, row.unitShort, outcome)) : "";
    const solved = visited && !(sat === "未评价" && rng.chance(0.6)) ? outcome : "";

    await out.row([
      id, fmt(t), row.type, row.title, row.body, callerName(rng), row.unit, bank.key,
      show(lc.dispatched), show(lc.signed), show(lc.firstContact), show(lc.reply), show(lc.closed), fmt(lc.due),
      shownReturns, status, replyText, show(lc.visit), visited ? sat : "", solved, row.location,
    ]);
  }
  return slots.length;
}

interface ItemText {
  type: ClaimType;
  title: string;
  body: string;
  unit: string;
  unitShort: string;
  location: string;
  ctx: Ctx;
  phrase: Phrase;
}

function baseItem(rng: Rng, slot: Slot): ItemText {
  const { t, bank } = slot;
  const person = rng.chance(0.55) ? 3 : 1;
  const ctx = new Ctx(rng, t, person, bank.place === "village" ? { district: "临江县" } : undefined);
  const type = rng.choose(typesOf(bank));
  const phrase = pickPhrase(rng, bank, type);
  primePhrase(ctx, phrase);
  const location = ctx.location(bank.place);
  const unit = renderUnit(rng, chooseUnit(rng, bank, phrase), ctx.district.name);
  const body = hotlineBody(rng, ctx, bank, type, phrase, {
    withPii: rng.chance(0.03), withAside: rng.chance(0.05), asciiPunct: rng.chance(0.03), location,
  });
  const title = hotlineTitle(rng, ctx, type, phrase);
  return { type, title, body, unit: unit.written, unitShort: unit.short, location: rng.chance(0.04) ? "" : location, ctx, phrase };
}

/** Near-duplicate items of a hot issue from different callers. */
export function burstItem(rng: Rng, slot: Slot, b: Burst, person?: 1 | 3): ItemText {
  const { t, bank } = slot;
  const p = person ?? (rng.chance(0.5) ? 3 : 1);
  const community = b.id === "water" ? BURST_COMMUNITY : CITYDATA.communities.find((c) => c.name === rng.pick(METRO_SITE.near))!;
  const ctx = new Ctx(rng, t, p, { community });
  for (const [k, v] of Object.entries(burstFill(b, t, (xs) => rng.pick(xs)))) ctx.set(k, v);
  const type = rng.choose(b.types);
  const after = b.after.length > 0 && t > burstRestoredAt(b);
  const [short, text] = rng.pick(after ? b.after : b.phrases).split("|");
  const phrase: Phrase = { short, body: text, kind: "problem" };
  const unitChoice = rng.choose(b.units);
  const unit = renderUnit(rng, unitChoice, ctx.district.name, unitChoice === "水务局" ? { preferAlias: ["自来水公司", "市供水公司"] } : undefined);
  const fakeBank = { ...bank, details: b.details };
  const body = hotlineBody(rng, ctx, fakeBank, type, phrase, { withPii: rng.chance(0.04), withAside: false, asciiPunct: rng.chance(0.03) });
  const title = rng.chance(0.5) ? short : hotlineTitle(rng, ctx, type, phrase);
  const location = b.id === "water" ? `${community.district}${community.street}${community.name}${ctx.get("dong")}` : `${METRO_SITE.district}${METRO_SITE.road}地铁${METRO_SITE.line}${METRO_SITE.station}施工工地`;
  return { type, title, body, unit: unit.written, unitShort: unit.short, location, ctx, phrase };
}
