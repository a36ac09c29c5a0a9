// Composes titles, bodies and replies from independently chosen parts, so that no class has a single template.
import { BANK, type ClaimType, type TopicBank } from "./bank";
import { fakeIdCard, fakePhone, fullName } from "./city";
import type { Ctx } from "./fill";
import type { Rng } from "./random";

export interface Phrase {
  short: string;
  body: string;
  /** Department short name override from the phrase ("*" = general units). */
  dept?: string;
  kind: "problem" | "question" | "suggestion";
}

function split(p: string, kind: Phrase["kind"]): Phrase {
  const [short, body, dept] = p.split("|");
  return { short: short.replace(/问题$/, ""), body, dept, kind };
}

/** Resolves phrase-specific placeholders ({shop=…}) early, so 事发地点 matches the text. */
export function primePhrase(ctx: Ctx, phrase: Phrase): void {
  for (const m of phrase.body.matchAll(/\{shop=[^}]+\}/g)) ctx.fill(m[0]);
}

export function pickPhrase(rng: Rng, bank: TopicBank, type: ClaimType): Phrase {
  if (type === "咨询" && bank.questions.length && rng.chance(0.8)) return split(rng.pick(bank.questions), "question");
  if (type === "建议" && bank.suggestions.length && rng.chance(0.75)) return split(rng.pick(bank.suggestions), "suggestion");
  return split(rng.pick(bank.problems), "problem");
}

const GENERIC_DETAILS = [
  "前后已经反映了{n}次，一直没有解决", "之前打过12345，回复说已经处理，实际上没有任何变化", "周围邻居也都有意见", "{wo}已经拍了照片和视频",
  "{date}{tod}又出现了同样的情况", "每天{tod}最严重", "找过相关单位，对方说不归他们管", "附近住户有{nnn}多户", "这已经不是第一次了",
  "上个月也出现过",
];
const DURATIONS = ["从{date}开始一直是这样", "这个问题已经存在{dur}了", "问题持续了{dur}", "已经{dur}了", "前前后后拖了{dur}", "{dur}了一直没人管"];
const NEUTRAL_DETAILS: Record<"question" | "suggestion", string[]> = {
  question: ["{wo}是{qu}的居民", "之前在网上查过，没有找到明确的说法", "身边很多人都有同样的疑问", "打过相关部门的电话没人接", "家里情况比较特殊", "窗口和网上的说法不一样"],
  suggestion: ["周边居民都有这个需求", "相信很多市民都有同感", "{wo}观察了很长时间", "其他城市已经有类似的做法", "这样能方便很多人"],
};
const KIND_REQUESTS: Partial<Record<ClaimType, string[]>> = {
  建议: ["建议相关部门加强监管", "建议有关部门尽快整改", "建议加强日常巡查", "建议相关部门出台管理办法"],
  咨询: ["想咨询一下这种情况该找哪个部门", "想问一下这种情况怎么处理", "请告知处理渠道", "想了解相关规定"],
};
const TIME_OF_DAY = ["早上", "上午", "中午", "下午", "傍晚", "晚上", "半夜", "凌晨"];

const REQUESTS: Record<ClaimType, string[]> = {
  投诉: ["请相关部门尽快核实处理", "希望有关部门管一管", "强烈要求尽快解决", "请督促相关单位整改", "希望能给个说法", "恳请相关部门重视", "请尽快处理"],
  咨询: ["想咨询一下具体怎么办理", "请问应该找哪个部门", "请告知相关政策", "希望相关部门给予解答", "麻烦给个准确的答复", "请帮忙查询一下"],
  求助: ["请求帮助协调解决", "实在没有办法了，请政府帮帮忙", "请尽快安排人员处理", "希望能得到帮助", "请帮帮{wo}们"],
  建议: ["希望相关部门研究采纳", "供相关部门参考", "建议相关部门考虑", "希望能够采纳"],
  举报: ["请执法部门依法查处", "希望严肃处理", "请核查后依法处理", "举报人要求对其信息保密", "请有关部门查实处理"],
};

const OPEN3: Record<Phrase["kind"], string[]> = {
  problem: ["市民来电反映：", "来电人反映，", "来电人称：", "市民反映，", "来电反映：", "来电人表示，", "{qu}市民来电反映，", "", "来电人来电反映："],
  question: ["来电人咨询：", "市民来电咨询，", "来电人想了解：", "咨询：", "来电人来电咨询，"],
  suggestion: ["市民来电建议：", "来电人建议，", "来电人提出建议：", "市民建议："],
};
const OPEN1: Record<Phrase["kind"], string[]> = {
  problem: ["您好，", "你好，", "", "", "我想反映一个问题，", "我是{xq}的业主，", "我是{qu}{jd}的居民，", "我住在{qu}，", "打扰了，", "麻烦你们一下，"],
  question: ["您好，", "你好，", "我想咨询一下，", "请问一下，", "", "打扰一下，"],
  suggestion: ["您好，", "我有个建议，", "我想提个建议，", "", "作为{qu}的居民，"],
};
const TYPE_OPEN1: Partial<Record<ClaimType, string[]>> = {
  投诉: ["我要投诉，", "我要反映一个情况，"],
  举报: ["我要举报，", "实名举报，", "我想举报一件事，"],
  求助: ["实在没办法了，", "想请政府帮帮忙，"],
};
const CLOSE3 = ["", "", "", "来电人要求回复。", "来电人希望尽快得到处理。", "来电人要求保密。", "请承办单位与来电人联系。", "（需回复）"];
const CLOSE1 = ["", "", "谢谢！", "麻烦了。", "辛苦了。", "谢谢你们。", "希望尽快回复。", "盼回复。"];

function sentence(s: string): string {
  return s.replace(/[，。；、\s]+$/, "");
}

/** Joins sentence fragments with 。 (sometimes ，), ending with 。 or the fragment's own ？/！. */
function joinSentences(rng: Rng, frags: string[]): string {
  let out = "";
  const list = frags.map(sentence).filter((f) => f.length > 0);
  for (let i = 0; i < list.length; i++) {
    const f = list[i];
    out += f;
    if (/[？！?!]$/.test(f)) continue;
    if (i === list.length - 1) out += "。";
    else out += rng.chance(0.3) ? "，" : "。";
  }
  return out;
}

function pii(rng: Rng, ctx: Ctx): string {
  const phone = fakePhone(rng);
  const r = rng.next();
  if (ctx.person === 3) {
    if (r < 0.5) return `来电人联系电话：${phone}`;
    if (r < 0.75) return `来电人身份证号${fakeIdCard(rng)}，联系电话${phone}`;
    return `来电人姓名${fullName(rng)}，电话${phone}`;
  }
  if (r < 0.4) return `我的电话是${phone}，请联系我`;
  if (r < 0.6) return `联系方式：${phone}`;
  if (r < 0.8) return `本人${fullName(rng)}，身份证号${fakeIdCard(rng)}，电话${phone}`;
  return `有问题可以打我电话${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
}

/** A sentence borrowed from another topic (the classes overlap a little). */
function aside(rng: Rng, ctx: Ctx, own: TopicBank): string {
  let other = rng.pick(BANK);
  if (other === own) other = rng.pick(BANK);
  const p = split(rng.pick(other.problems), "problem");
  return rng.pick(["另外，", "还有，", "顺便说一下，", "此外，"]) + ctx.fill(p.body);
}

export interface ComposeOptions {
  withPii: boolean;
  withAside: boolean;
  asciiPunct: boolean;
  /** 事发地点, sometimes repeated at the end of an operator's summary. */
  location?: string;
}

function ascii(s: string): string {
  return s.replaceAll("，", ",").replaceAll("：", ":").replaceAll("？", "?");
}

function requestPool(rng: Rng, bank: TopicBank, type: ClaimType, phrase: Phrase): string[] {
  if (phrase.kind === "question") return /咨询|想了解|想问/.test(phrase.body) ? REQUESTS.咨询.filter((r) => !/咨询/.test(r)) : REQUESTS.咨询;
  if (phrase.kind === "suggestion") return REQUESTS.建议;
  if (KIND_REQUESTS[type] && rng.chance(0.7)) return KIND_REQUESTS[type]!;
  return rng.chance(0.4) ? bank.asks : REQUESTS[type];
}

/** 诉求内容 of a hotline work order (operator's third-person summary or first-person transcript). */
export function hotlineBody(rng: Rng, ctx: Ctx, bank: TopicBank, type: ClaimType, phrase: Phrase, o: ComposeOptions): string {
  const fr: string[] = [];
  const third = ctx.person === 3;
  let open = third ? rng.pick(OPEN3[phrase.kind]) : rng.pick(OPEN1[phrase.kind]);
  if (!third && phrase.kind === "problem" && TYPE_OPEN1[type] && rng.chance(0.35)) open = rng.pick(TYPE_OPEN1[type]!);
  if (third && type === "举报" && phrase.kind === "problem" && rng.chance(0.5)) open = rng.pick(["来电人举报：", "市民来电举报，"]);
  if (/^(想咨询|想了解|想问|请问)/.test(phrase.body) && /咨询|了解|请问|想问/.test(open)) open = third ? "" : rng.pick(["您好，", "你好，", ""]);
  let main = ctx.fill(phrase.body);
  if (phrase.kind === "question" && rng.chance(0.5)) main += "？";
  fr.push(ctx.fill(open) + main);
  const nDetails = phrase.kind === "problem" ? rng.weighted([0, 1, 2, 3], [2, 4, 3, 1]) : rng.weighted([0, 1, 2], [5, 4, 1]);
  const detailPool = phrase.kind !== "problem" ? NEUTRAL_DETAILS[phrase.kind] : rng.chance(0.6) ? bank.details : GENERIC_DETAILS;
  for (const d of rng.sample(detailPool, nDetails)) fr.push(ctx.fill(d.replace("{tod}", rng.pick(TIME_OF_DAY))));
  if (phrase.kind === "problem" && rng.chance(0.3)) fr.splice(rng.int(1, fr.length), 0, ctx.fill(rng.pick(DURATIONS)));
  if (o.withAside) fr.push(aside(rng, ctx, bank));
  if (o.withPii) fr.push(pii(rng, ctx));
  const ask = ctx.fill(rng.pick(requestPool(rng, bank, type, phrase)));
  if (third && rng.chance(0.45)) {
    const lead = rng.pick(["来电人诉求：", "诉求：", "来电人希望", "来电人要求"]);
    fr.push(lead + (lead.endsWith("：") ? ask : ask.replace(/^请/, "")));
  }
  else if (rng.chance(0.85)) fr.push(ask);
  let body = joinSentences(rng, fr);
  const close = third ? rng.pick(CLOSE3) : rng.pick(CLOSE1);
  if (close) body += close;
  if (third && o.location && rng.chance(0.12)) body += `事发地址：${o.location}。`;
  return o.asciiPunct ? ascii(body) : body;
}

/** 标题 of a hotline work order. */
export function hotlineTitle(rng: Rng, ctx: Ctx, type: ClaimType, phrase: Phrase): string {
  const s = phrase.short;
  const place = rng.pick([ctx.community.name, ctx.district.name, ctx.street, ""]);
  const r = rng.next();
  if (r < 0.22) return s;
  if (r < 0.45) return place + s;
  if (r < 0.58) return `关于${place}${s}的问题`;
  if (r < 0.68) return `反映${s}问题`;
  if (r < 0.78) return `${type}：${s}`;
  if (r < 0.86) return `${ctx.district.name}${s}`;
  if (r < 0.93) return `${s}问题`;
  if (r < 0.96) return `关于"${s}"的${type}`;
  return `${s}，${rng.pick(["请求处理", "要求解决", "希望答复", "请尽快处理"])}`;
}

const MAIL_OPEN = ["尊敬的市长：您好！", "市长您好！", "领导您好：", "您好！", "尊敬的领导：", "市长信箱的工作人员你们好，", "", "尊敬的各位领导："];
const MAIL_INTRO = ["我是{qu}{jd}{xq}的业主。", "我是一名在江城工作了{yrs}年的市民。", "我是{xq}的居民。", "我家住在{qu}。", "", "", "本人是{qu}的一名普通市民。"];
const MAIL_CLOSE = ["盼复！", "此致\n敬礼！", "谢谢！", "期待您的回复。", "望领导重视，谢谢！", "", "恳请领导在百忙之中关注一下。", "不胜感激！"];

/** 来信内容 of a mayor's-mailbox letter (first person, longer, sometimes several paragraphs). */
export function letterBody(rng: Rng, ctx: Ctx, bank: TopicBank, type: ClaimType, phrase: Phrase, o: ComposeOptions): string {
  const head = ctx.fill(rng.pick(MAIL_OPEN)) + ctx.fill(rng.pick(MAIL_INTRO));
  const fr: string[] = [ctx.fill(phrase.body) + (phrase.kind === "question" && rng.chance(0.5) ? "？" : "")];
  const pool = phrase.kind === "problem" ? [...bank.details, ...GENERIC_DETAILS] : NEUTRAL_DETAILS[phrase.kind];
  for (const d of rng.sample(pool, rng.weighted([0, 1, 2, 3], [1, 3, 4, 2]))) {
    fr.push(ctx.fill(d.replace("{tod}", rng.pick(TIME_OF_DAY))));
  }
  if (phrase.kind === "problem" && rng.chance(0.4)) fr.splice(rng.int(1, fr.length), 0, ctx.fill(rng.pick(DURATIONS)));
  if (phrase.kind === "problem" && rng.chance(0.3)) {
    const second = split(rng.pick(bank.problems), "problem");
    if (second.body !== phrase.body) fr.push(rng.pick(["还有，", "另外，", "同时，"]) + ctx.fill(second.body));
  }
  if (o.withAside) fr.push(aside(rng, ctx, bank));
  if (o.withPii) fr.push(pii(rng, ctx));
  fr.push(ctx.fill(rng.pick(requestPool(rng, bank, type, phrase))));
  const main = joinSentences(rng, fr);
  const close = rng.pick(MAIL_CLOSE);
  const sep = rng.chance(0.15) ? "\n" : "";
  const body = (head ? head + sep : "") + main + (close ? sep + close : "");
  return o.asciiPunct ? ascii(body) : body;
}

export function letterTitle(rng: Rng, ctx: Ctx, type: ClaimType, phrase: Phrase): string {
  const s = phrase.short;
  const place = rng.pick([ctx.community.name, ctx.district.name, ctx.street, ""]);
  const r = rng.next();
  if (phrase.kind === "question") {
    if (r < 0.3) return `关于${s}的咨询`;
    if (r < 0.5) return `咨询${s}`;
    if (r < 0.65) return `请问${s}相关问题`;
    if (r < 0.8) return `${s}怎么办理？`;
    return s;
  }
  if (phrase.kind === "suggestion") {
    if (r < 0.35) return `关于${s}的建议`;
    if (r < 0.55) return `建议${s}`;
    if (r < 0.7) return `对${s}的几点建议`;
    return s;
  }
  if (r < 0.2) return `关于${place}${s}的问题`;
  if (r < 0.35) return `${place}${s}`;
  if (r < 0.47) return `强烈要求解决${place}${s}问题`;
  if (r < 0.57) return `${place}${s}，何时能解决？`;
  if (r < 0.65) return `恳请领导关注${s}`;
  if (r < 0.75) return `反映${place}${s}`;
  if (r < 0.85) return s;
  if (r < 0.93) return `${type}${s}`;
  return `${s}，谁来管？`;
}

const PRAISE = [
  "特别感谢{unit}的工作人员，{wo}反映的{short}问题{n}天就解决了，效率很高",
  "前段时间反映了{short}的问题，{unit}很快派人来处理，态度也很好，在此提出表扬",
  "{qu}{jd}的工作人员耐心帮{wo}解决了{short}的问题，想通过市长信箱表示感谢",
];

export function praiseLetter(rng: Rng, ctx: Ctx, unit: string, phrase: Phrase): { title: string; body: string } {
  ctx.set("unit", unit);
  ctx.set("short", phrase.short);
  const body = ctx.fill(rng.pick(MAIL_OPEN)) + ctx.fill(rng.pick(PRAISE)) + "。" + rng.pick(["谢谢！", "为你们点赞！", "希望多一些这样负责任的干部。", ""]);
  const title = rng.pick([`表扬${unit}`, `感谢${unit}工作人员`, `为${unit}点赞`, "表扬信", `感谢解决${phrase.short}问题`]);
  return { title, body };
}

export type Outcome = "是" | "部分" | "否";

const REPLY_OPEN = [
  "经核实，", "您好，关于您反映的{short}问题，经我单位调查核实，", "{unit}答复：", "承办单位答复：经现场核查，",
  "接到工单后，我单位立即安排工作人员与来电人联系，", "经{qu}相关部门现场查看，", "", "经调查，",
];
const REPLY_CLOSE: Record<Outcome, string[]> = {
  是: ["已电话告知来电人，来电人表示认可。", "已与来电人沟通，来电人对处理结果表示满意。", "感谢您对我们工作的支持！", ""],
  部分: ["已向来电人做好解释工作，后续将持续跟进。", "我单位将继续关注该问题。", "已电话告知来电人。", ""],
  否: ["已向来电人做好解释工作。", "来电人对答复不认可。", "已电话联系来电人说明情况。", ""],
};

const GENERIC_SOLVED = [
  "针对来电人反映的{short}问题，我单位已安排工作人员现场核查，问题已处理完毕", "来电人反映的{short}情况属实，已督促责任单位整改到位",
  "已联系相关责任单位对{short}问题进行处理，目前已解决", "已会同{jd}对{short}问题进行处置，现已整改完成",
];
const GENERIC_EXPLAIN = [
  "来电人反映的{short}问题涉及多方责任，需协调解决，已向来电人说明情况", "{short}问题暂不具备解决条件，已纳入后续工作计划",
  "该诉求不属于我单位职责范围，已告知来电人向相关部门反映", "{short}问题已转属地街道跟进处理",
];
const GENERIC_SUGGEST = [
  "已将{short}的建议转相关单位研究，将结合实际统筹考虑", "感谢来电人提出的{short}建议，我单位将认真研究，在后续工作中予以吸收",
  "{short}的建议已纳入相关规划论证，条件成熟后逐步实施",
];
const GENERIC_ANSWER = [
  "已电话联系来电人，详细解答了{short}相关政策和办理流程", "已告知来电人办理渠道及所需材料", "已向来电人解释相关政策规定，来电人表示清楚",
];

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const t = s.replace(/\{[^}]*\}|[，。、；：！？\s]/g, "|");
  for (let i = 0; i + 1 < t.length; i++) if (t[i] !== "|" && t[i + 1] !== "|") out.add(t.slice(i, i + 2));
  return out;
}

/** Topic replies that share wording with the phrase (a reply about 电梯 for a complaint about 电梯). */
function matchingReplies(pool: string[], phrase: Phrase): string[] {
  const p = bigrams(phrase.short + phrase.body);
  let best = 1;
  let out: string[] = [];
  for (const r of pool) {
    let score = 0;
    for (const g of bigrams(r)) if (p.has(g)) score++;
    if (score > best) {
      best = score;
      out = [r];
    } else if (score === best && best > 1) out.push(r);
  }
  return out;
}

/** Reply fragment: a topic reply that fits the phrase, or a generic one that names the matter, by outcome. */
function replyFragment(rng: Rng, bank: TopicBank, phrase: Phrase, outcome: Outcome): string {
  if (phrase.kind === "question") {
    const fit = matchingReplies(bank.explains, phrase);
    return fit.length > 0 && rng.chance(0.3) ? rng.pick(fit) : rng.pick(GENERIC_ANSWER);
  }
  if (phrase.kind === "suggestion" && rng.chance(0.8)) return rng.pick(GENERIC_SUGGEST);
  const solved = outcome === "是" || (outcome === "部分" && rng.chance(0.5));
  const fitting = matchingReplies(solved ? bank.replies : bank.explains, phrase);
  if (fitting.length > 0 && rng.chance(0.75)) return rng.pick(fitting);
  if (rng.chance(0.85)) return rng.pick(solved ? GENERIC_SOLVED : GENERIC_EXPLAIN);
  return rng.pick(solved ? bank.replies : bank.explains);
}

/** 答复内容 of a hotline work order. */
export function hotlineReply(rng: Rng, ctx: Ctx, bank: TopicBank, phrase: Phrase, unitShort: string, outcome: Outcome): string {
  ctx.set("unit", unitShort);
  ctx.set("short", phrase.short);
  const parts: string[] = [];
  const frag = ctx.fill(replyFragment(rng, bank, phrase, outcome));
  let open = ctx.fill(rng.pick(REPLY_OPEN));
  if (phrase.kind === "question") open = rng.pick(["您好，", "经核实，现答复如下：", ""]);
  if (/^经/.test(frag) && /经[^，]*，$/.test(open)) open = rng.pick(["", "您好，", `${unitShort}答复：`]);
  if (frag.includes(phrase.short) && open.includes(phrase.short)) open = rng.pick(["", "经核实，", `${unitShort}答复：`]);
  parts.push(open + frag);
  if (outcome === "部分" && rng.chance(0.5)) parts.push("因涉及多个部门，需进一步协调");
  const close = rng.pick(REPLY_CLOSE[outcome]);
  return joinSentences(rng, parts) + close;
}

const MAIL_PLACEHOLDERS = [
  "您的来信已收悉，我们将尽快处理。", "来信已转相关部门办理。", "您好，您的来信已收悉，已转交相关单位核实处理，请耐心等待。",
  "感谢来信，已转办。",
];

export function mailPlaceholder(rng: Rng): string {
  return rng.pick(MAIL_PLACEHOLDERS);
}

/** 答复内容 of a mailbox letter (formal, addressed to the writer). */
export function letterReply(
  rng: Rng, ctx: Ctx, bank: TopicBank, phrase: Phrase, unitFull: string, unitShort: string, author: string, title: string, outcome: Outcome,
  replyDate: string,
): string {
  ctx.set("unit", unitShort);
  ctx.set("short", phrase.short);
  const who = author === "匿名" || author.endsWith("**") ? rng.pick(["网友", "市民朋友", "尊敬的市民"]) : author;
  const head = rng.pick([`${who}：\n您好！您反映的“${title}”问题收悉。`, `${who}您好！来信收悉。`, "您好！关于您来信反映的问题，现答复如下：", `${who}：您好！`]);
  const frag = ctx.fill(replyFragment(rng, bank, phrase, outcome)).replace(/^经核实，/, "").replaceAll("来电人", "您");
  const mid = (/^(经|已电话)/.test(frag) ? "" : `经${unitShort}调查核实，`) + frag + "。";
  const level1 = bank.key.split("/")[0];
  const tail = rng.pick([`感谢您对我市${level1}工作的关心和支持！`, "感谢您的来信！", "如有疑问，请在工作日拨打12345热线咨询。", ""]);
  const sign = rng.chance(0.35) ? `\n${unitFull}\n${replyDate}` : "";
  return head + mid + tail + sign;
}

/** A short citizen sentence about a topic, for Weibo comments. */
export function shortComplaint(rng: Rng, ctx: Ctx, bank: TopicBank): string {
  const p = split(rng.pick(rng.chance(0.8) ? bank.problems : bank.questions), "problem");
  return ctx.fill(p.body);
}
