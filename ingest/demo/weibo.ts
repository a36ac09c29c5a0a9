// Government Weibo posts (notices, 提示, 通报, reposts) and citizen comments with occasional account replies.
import { BANK, bankByKey } from "./bank";
import { burstFill, burstRestoredAt, bursts, type Burst } from "./bursts";
import { BURST_COMMUNITY, CITYDATA, METRO_SITE, fakePhone, weiboNick } from "./city";
import { Ctx } from "./fill";
import type { Rng } from "./random";
import type { Plan, Window } from "./schedule";
import { shortComplaint } from "./texts";
import { DAY, HOUR, MINUTE, dayStart, fmt, parts } from "./timeline";
import { ACCOUNTS, BURST_POSTS, COMPLAINTS, EMOJI, MIXED, PRAISE, QUESTIONS, REPLIES, TOOLS, type Account } from "./weibo-bank";
import type { CsvWriter } from "./writers";

export const POST_HEADERS = ["账号", "微博id", "发布时间", "正文", "是否原创", "转发数", "评论数", "点赞数", "发布工具"] as const;
export const COMMENT_HEADERS = ["评论id", "微博id", "账号", "评论用户", "评论时间", "评论内容", "点赞数", "回复时间", "回复内容"] as const;

/** The account that goes quiet before the end of the window. */
export const QUIET_ACCOUNT = "江城生态环境";
const QUIET_DAYS = 21;

interface Post {
  account: Account;
  id: string;
  t: number;
  text: string;
  original: boolean;
  topic: string;
  q: string[];
  burst?: Burst;
  fills: Record<string, string>;
  weight: number;
  comments: number;
}

const B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const POST_HOURS = [0, 0, 0, 0, 0, 0, 0.2, 1, 3, 5, 5, 4, 3, 2, 3, 3, 3, 4, 3, 3, 3, 2, 1, 0.3];
const HOURS = Array.from({ length: 24 }, (_, i) => i);

function uniqueId(used: Set<string>, make: () => string): string {
  for (;;) {
    const id = make();
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

/** Largest-remainder split of `total` by weights. */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}

function stopAt(account: Account, win: Window): number {
  return account.name === QUIET_ACCOUNT ? win.now - QUIET_DAYS * DAY : win.now;
}

function fillWith(ctx: Ctx, fills: Record<string, string>, s: string): string {
  for (const [k, v] of Object.entries(fills)) ctx.set(k, v);
  return ctx.fill(s);
}

function buildPosts(rng: Rng, plan: Plan): Post[] {
  const { win, scale } = plan;
  const posts: Post[] = [];
  const bs = bursts(plan.end, plan.months);
  const water = bs.find((b) => b.id === "water")!;
  const metro = bs.find((b) => b.id === "metro")!;
  const special: { key: keyof typeof BURST_POSTS; t: number; burst: Burst; topic: string; weight: number }[] = [
    { key: "waterNotice", t: water.start + DAY + 11 * HOUR + 20 * MINUTE, burst: water, topic: "水电气暖/供水", weight: 14 },
    { key: "waterUpdate", t: water.start + 3 * DAY + 17 * HOUR + 5 * MINUTE, burst: water, topic: "水电气暖/供水", weight: 12 },
    { key: "waterRestored", t: burstRestoredAt(water) + 2 * HOUR, burst: water, topic: "水电气暖/供水", weight: 7 },
    { key: "metroNotice", t: metro.start - 2 * DAY + 10 * HOUR, burst: metro, topic: "环境保护/噪声污染", weight: 6 },
    { key: "metroReply", t: metro.start + 16 * DAY + 15 * HOUR + 30 * MINUTE, burst: metro, topic: "环境保护/噪声污染", weight: 8 },
  ];
  for (const s of special) {
    const bp = BURST_POSTS[s.key];
    const account = ACCOUNTS.find((a) => a.name === bp.account)!;
    if (s.t < win.start || s.t >= stopAt(account, win)) continue;
    const fills = burstFill(s.burst, s.t, (xs) => rng.pick(xs));
    const ctx = new Ctx(rng, s.t, 1, { community: s.burst.id === "water" ? BURST_COMMUNITY : CITYDATA.communities.find((c) => c.name === METRO_SITE.near[0])! });
    posts.push({
      account, id: "", t: s.t, text: fillWith(ctx, fills, bp.text), original: true, topic: s.topic, q: [...bp.q], burst: s.burst, fills,
      weight: s.weight * account.pop, comments: 0,
    });
  }

  const regular = Math.max(0, Math.round(600 * scale) - posts.length);
  const perAccount = allocate(regular, ACCOUNTS.map((a) => a.weight));
  ACCOUNTS.forEach((account, ai) => {
    const from = win.start;
    const to = stopAt(account, win);
    const days = Math.floor((to - from) / DAY);
    const times: number[] = [];
    for (let k = 0; k < perAccount[ai]; k++) {
      let t = 0;
      for (let tries = 0; tries < 5; tries++) {
        t = from + rng.int(0, days - 1) * DAY + rng.weighted(HOURS, POST_HOURS) * HOUR + rng.int(0, 3599);
        if (t < to) break;
      }
      if (t >= to) t = to - rng.int(HOUR, 2 * DAY);
      times.push(t);
    }
    // Active accounts keep posting until the end: the only long final silence is the quiet account's.
    const recent = to - Math.min(7 * DAY, Math.floor((to - from) / 2));
    if (account.name !== QUIET_ACCOUNT && times.length > 0 && !times.some((t) => t >= recent)) {
      const i = times.indexOf(Math.max(...times));
      times[i] = recent + rng.int(0, Math.max(1, to - recent - HOUR));
    }
    for (const t of times) {
      const month = parts(t).month;
      const usable = account.posts.filter((p) => !p.months || p.months.includes(month));
      const tpl = rng.pick(usable.length ? usable : account.posts);
      const ctx = new Ctx(rng, t, 1);
      let text = ctx.fill(tpl.text);
      if (rng.chance(0.4)) text = rng.chance(0.5) ? `${rng.pick(account.tags)}${text}` : `${text}${rng.pick(account.tags)}`;
      posts.push({ account, id: "", t, text, original: true, topic: tpl.topic, q: tpl.q, fills: {}, weight: account.pop * rng.logNormal(1, 0.9), comments: 0 });
    }
  });
  posts.sort((a, b) => a.t - b.t || a.account.name.localeCompare(b.account.name));

  // Some posts are reposts of another account's recent original.
  for (let i = 0; i < posts.length; i++) {
    const p = posts[i];
    if (p.burst || !rng.chance(0.15)) continue;
    const candidates: Post[] = [];
    for (let j = i - 1; j >= 0 && posts[j].t > p.t - 7 * DAY; j--) {
      if (posts[j].original && posts[j].account !== p.account) candidates.push(posts[j]);
    }
    if (candidates.length === 0) continue;
    const orig = rng.pick(candidates);
    const lead = rng.pick(["转发微博", "扩散！", "请相互转告", "关注", "【转发】", "转发周知"]);
    p.text = `${lead}//@${orig.account.name}:${orig.text}`;
    p.original = false;
    p.topic = orig.topic;
    p.q = orig.q;
    p.fills = orig.fills;
    p.weight *= 0.3;
    p.t = Math.max(p.t, orig.t + rng.int(10 * MINUTE, 6 * HOUR));
    if (p.t >= stopAt(p.account, win)) p.t = orig.t + 10 * MINUTE;
  }
  posts.sort((a, b) => a.t - b.t || a.account.name.localeCompare(b.account.name));
  const used = new Set<string>();
  for (const p of posts) p.id = uniqueId(used, () => Array.from({ length: 9 }, () => B62[rng.int(0, 61)]).join(""));
  return posts;
}

type Kind = "question" | "complaint" | "praise" | "mixed" | "issue";

function commentText(rng: Rng, ctx: Ctx, post: Post, kind: Kind): string {
  const fill = (s: string) => fillWith(ctx, post.fills, s);
  let s: string;
  switch (kind) {
    case "question":
    {
      const q = rng.chance(0.4) ? rng.pick(post.q) : rng.pick(QUESTIONS);
      const pre = rng.pick(["", "", "", "小编，", "请问", "想问一下，", "弱弱地问一句，"]);
      s = fill(q.startsWith("请问") || /^[^\u4e00-\u9fa5]/.test(q) ? q : pre + q);
    }
      break;
    case "complaint":
      s = rng.chance(0.5) ? fill(rng.pick(COMPLAINTS)) : shortComplaint(rng, ctx, bankByKey(post.topic));
      if (post.burst) {
        const r = rng.next();
        const after = post.burst.after.length > 0 && post.t > burstRestoredAt(post.burst);
        if (r < 0.5) s = fill(rng.pick(after ? post.burst.after : post.burst.phrases).split("|")[1]);
        else if (r < 0.8) s = fill(rng.pick(post.q));
      }
      break;
    case "praise":
      s = fill(rng.pick(["", "", "", "小编辛苦了，", "这个必须点赞，", "好评，", "作为{qu}居民，", "终于，"])) + rng.pick(PRAISE);
      if (rng.chance(0.3)) s = s.replace(/[！!。]?$/, "，") + rng.pick(["希望多发这样的消息", "继续加油", "江城越来越好", "实实在在的好事", "我们{xq}的居民都很支持"]);
      s = fill(s);
      break;
    case "mixed":
      s = fill(rng.pick(MIXED));
      if (rng.chance(0.3)) s += fill(rng.pick(["，比如{xq}", "，{jd}就是例子", "，希望下次改进", "，大家说是不是"]));
      break;
    case "issue": {
      const bank = rng.chance(0.5) ? bankByKey(post.topic) : rng.pick(BANK);
      s = `@${post.account.name} ` + shortComplaint(rng, ctx, bank) + rng.pick(["，有人管吗？", "，能不能管一管", "。", "！", "，求回复"]);
      break;
    }
  }
  if (rng.chance(0.08) && kind !== "issue") s = `@${post.account.name} ${s}`;
  if (rng.chance(0.25) && !/\]$/.test(s)) s += rng.pick(EMOJI[kind === "praise" ? "positive" : kind === "complaint" || kind === "issue" ? "negative" : "neutral"]);
  if (rng.chance(0.008)) s += `，我电话${fakePhone(rng)}`;
  if (rng.chance(0.03)) s = s.replaceAll("，", ",");
  return s;
}

export async function writeWeibo(rng: Rng, plan: Plan, postsOut: CsvWriter, commentsOut: CsvWriter): Promise<{ posts: number; comments: number }> {
  const { win } = plan;
  const posts = buildPosts(rng, plan);
  const counts = allocate(Math.round(8000 * plan.scale), posts.map((p) => p.weight));
  posts.forEach((p, i) => (p.comments = counts[i]));

  for (const p of posts) {
    const reposts = p.original ? rng.heavyTail(6 * p.account.pop * (p.burst ? 8 : 1), 1.1, 50000) : rng.heavyTail(1, 1);
    const likes = rng.heavyTail(30 * p.account.pop * (p.burst ? 3 : 1), 1.1, 200000);
    const shownComments = p.comments + rng.heavyTail(1.5, 1.2, 5000);
    await postsOut.row([p.account.name, p.id, fmt(p.t), p.text, p.original, reposts, shownComments, likes, rng.choose(TOOLS)]);
  }

  const usedIds = new Set<string>();
  let written = 0;
  for (const p of posts) {
    const stop = stopAt(p.account, win);
    const items: { t: number; text: string; kind: Kind }[] = [];
    for (let k = 0; k < p.comments; k++) {
      let t = p.t + Math.max(20, Math.min(10 * DAY, rng.logNormal(1.2 * HOUR, 1.3)));
      if (t >= win.now) t = p.t + Math.floor((win.now - p.t) * rng.next());
      const kind: Kind = p.burst
        ? rng.weighted<Kind>(["complaint", "question", "mixed", "praise", "issue"], [45, 35, 10, 5, 5])
        : rng.weighted<Kind>(["question", "complaint", "praise", "mixed", "issue"], [30, 25, 22, 13, 10]);
      const ctx = new Ctx(rng, t, 1, p.burst?.id === "water" ? { community: BURST_COMMUNITY } : undefined);
      items.push({ t, text: commentText(rng, ctx, p, kind), kind });
    }
    items.sort((a, b) => a.t - b.t);
    for (const c of items) {
      const replyP = { question: 0.42, complaint: 0.38, issue: 0.45, mixed: 0.2, praise: 0.12 }[c.kind];
      let replyAt: number | null = null;
      let replyText = "";
      if (rng.chance(replyP)) {
        let r = c.t + Math.max(3 * MINUTE, rng.logNormal(3 * HOUR, 1));
        const h = parts(r).hour;
        if (h < 7) r = dayStart(r) + 8 * HOUR + rng.int(0, 2 * 3600);
        if (r <= win.now && r <= stop) {
          replyAt = r;
          const ctx = new Ctx(rng, r, 1, p.burst?.id === "water" ? { community: BURST_COMMUNITY } : undefined);
          const pool = REPLIES[c.kind === "issue" ? "complaint" : c.kind];
          replyText =
            p.burst?.id === "water" && c.kind === "question" && rng.chance(0.6)
              ? "您好，抢修正在加紧进行，临时供水点设在小区东门，请关注后续通报。"
              : fillWith(ctx, p.fills, rng.pick(pool));
        }
      }
      const id = uniqueId(usedIds, () => "5" + String(rng.int(0, 2)) + rng.digits(14));
      await commentsOut.row([id, p.id, p.account.name, weiboNick(rng), fmt(c.t), c.text, rng.heavyTail(1.2, 1.4, 20000), replyAt ? fmt(replyAt) : "", replyText]);
      written++;
    }
  }
  return { posts: posts.length, comments: written };
}
