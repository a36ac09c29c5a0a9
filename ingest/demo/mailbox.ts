// Mayor's-mailbox letters: longer first-person texts, slower replies, publication, likes.
import { bankByKey, type ClaimType } from "./bank";
import { burstRestoredAt } from "./bursts";
import { letterAuthor } from "./city";
import { Ctx } from "./fill";
import { burstItem, outcomeFor, satisfactionFor, typesOf } from "./hotline";
import type { Rng } from "./random";
import { channelSlots, dailySequence, ymd, type Plan, type Slot } from "./schedule";
import { letterBody, letterReply, letterTitle, mailPlaceholder, pickPhrase, praiseLetter, type Phrase } from "./texts";
import { DAY, HOUR, fmt, nextOfficeTime, officeShift } from "./timeline";
import { chooseUnit, renderUnit } from "./units";
import type { CsvWriter } from "./writers";

export const MAILBOX_HEADERS = [
  "信件编号", "标题", "来信内容", "信件类型", "来信人", "来信时间", "收信单位", "问题分类", "答复单位", "答复内容", "答复时间",
  "是否公开", "办理状态", "点赞数", "反对数",
] as const;

export async function writeMailbox(rng: Rng, slotRng: Rng, plan: Plan, out: CsvWriter): Promise<number> {
  const { win } = plan;
  const slots = channelSlots(slotRng, plan, "mailbox", 9000, bankByKey);

  const nextSeq = dailySequence(rng, [1, 9], [1, 2]);
  for (const slot of slots) {
    const { t, bank, burst } = slot;
    const day = ymd(t);
    const seq = nextSeq(day);
    const id = `XJ${day}${String(seq).padStart(4, "0")}`;
    const author = letterAuthor(rng);

    let type: ClaimType | "表扬";
    let title: string;
    let body: string;
    let ctx: Ctx;
    let unitChoice: string;
    let phrase: Phrase;
    if (burst) {
      const item = burstItem(rng, slot, burst, 1);
      ({ type, ctx, phrase } = item);
      title = letterTitle(rng, ctx, item.type, phrase);
      body = rng.pick(["尊敬的市长：您好！", "领导您好：", "您好！", ""]) + item.body;
      unitChoice = rng.choose(burst.units);
    } else {
      ctx = new Ctx(rng, t, 1, bank.place === "village" ? { district: "临江县" } : undefined);
      const claim = rng.choose(typesOf(bank));
      phrase = pickPhrase(rng, bank, claim);
      unitChoice = chooseUnit(rng, bank, phrase);
      if (rng.chance(0.015)) {
        type = "表扬";
        const u = renderUnit(rng, unitChoice, ctx.district.name);
        ({ title, body } = praiseLetter(rng, ctx, u.short, phrase));
      } else {
        type = claim;
        const o = { withPii: rng.chance(0.04), withAside: rng.chance(0.05), asciiPunct: rng.chance(0.05) };
        body = letterBody(rng, ctx, bank, claim, phrase, o);
        title = letterTitle(rng, ctx, claim, phrase);
      }
    }
    const unit = renderUnit(rng, unitChoice, ctx.district.name);
    const r = rng.next();
    const recipient = r < 0.55 ? "市长信箱" : r < 0.9 ? renderUnit(rng, unitChoice, ctx.district.name).written : `${ctx.district.name}人民政府`;

    // Lifecycle: assigned after ~1 day, replied after a median ~8 days, ~8% never replied.
    const never = rng.chance(0.075);
    const assigned = never && rng.chance(0.4) ? Infinity : nextOfficeTime(rng, t + rng.logNormal(1.1 * DAY, 0.6));
    let reply: number | null = null;
    if (!never) {
      if (burst?.id === "water") reply = Math.max(t + 2 * DAY, burstRestoredAt(burst)) + rng.logNormal(3 * DAY, 0.5);
      else reply = t + Math.min(45 * DAY, rng.chance(0.85) ? rng.logNormal(7.3 * DAY, 0.5) : rng.logNormal(20 * DAY, 0.35));
      reply = officeShift(rng, Math.max(reply, assigned + 2 * HOUR));
    }
    const replied = reply !== null && reply <= win.now;
    const status = replied ? "已答复" : assigned <= win.now ? "办理中" : "待处理";
    let replyText = "";
    if (replied) {
      const outcome = outcomeFor(rng, satisfactionFor(rng, reply! - t > 20 * DAY, false, burst !== undefined));
      replyText =
        rng.chance(0.07) || type === "表扬"
          ? type === "表扬" ? "感谢您对我们工作的肯定，我们将继续努力，为市民提供更好的服务。" : mailPlaceholder(rng)
          : burst
            ? ctx.fill(rng.pick(burst.replies))
            : letterReply(rng, ctx, bank, phrase, unit.catalogue ?? unit.written, unit.short, author, title, outcome, fmt(reply!).slice(0, 10));
    }
    const isPublic = rng.chance(type === "举报" ? 0.35 : 0.74);
    const likes = isPublic ? rng.heavyTail(burst ? 25 : 2, 1.3, 5000) : 0;
    const opposes = isPublic ? rng.heavyTail(0.2, 1.1, 500) : 0;

    await out.row([
      id, title, body, type, author, fmt(t), recipient, bank.key, status === "待处理" ? "" : unit.written, replyText,
      replied ? fmt(reply!) : "", isPublic ? "是" : "否", status, likes, opposes,
    ]);
  }
  return slots.length;
}
