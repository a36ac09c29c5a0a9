// Public-feedback and government-Weibo metrics on small hand-made data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountTable, topPosts } from "../../db/metrics/microblog";
import { parsePeriod } from "../../db/metrics/period";
import { negativeSpikes, sentimentByChannel } from "../../db/metrics/sentiment";
import type { TrendBucket } from "../../db/metrics/trends";
import { importRuns, items, itemTexts, weiboAccounts, weiboPosts } from "../../db/schema";
import { createTempDb, type TempDb } from "../app/fixtures";
import { addItems, sh } from "./fixture";

const bucket = (key: string, share: number | null, scored = 20): TrendBucket => ({
  key, label: key, start: 0, end: 0, received: scored, byChannel: { hotline: scored, mailbox: 0, weibo: 0 }, answered: 0, satisfied: 0,
  basicallySatisfied: 0, rated: 0, negative: share === null ? 0 : Math.round(share * scored), sentimentScored: scored, replyRate: null,
  satisfactionRate: null, negativeShare: share,
});

describe("negative spikes", () => {
  it("flag a bucket far above the trailing mean, not before three earlier buckets, not on tiny samples", () => {
    const s = negativeSpikes([bucket("a", 0.3), bucket("b", 0.32), bucket("c", 0.28), bucket("d", 0.6), bucket("e", 0.31), bucket("f", 0.9, 5)]);
    expect(s.map((x) => x.spike)).toEqual([false, false, false, true, false, false]);
    expect(s[3].baselineMean).toBeCloseTo(0.3, 10);
    expect(s[0].baselineMean).toBeNull(); // no history yet
  });

  it("need more than a wobble when the history is flat (a 2-point floor on the deviation)", () => {
    const flat = [bucket("a", 0.3), bucket("b", 0.3), bucket("c", 0.3)];
    expect(negativeSpikes([...flat, bucket("d", 0.33)])[3].spike).toBe(false);
    expect(negativeSpikes([...flat, bucket("d", 0.35)])[3].spike).toBe(true);
  });
});

describe("sentiment and Weibo accounts", () => {
  let t: TempDb;
  const october = parsePeriod("2026-10");
  const asOf = sh("2026-10-31 20:00");

  beforeAll(() => {
    t = createTempDb();
    addItems(t.db, [
      { channel: "hotline", received: "2026-10-02 10:00", sentiment: "negative" },
      { channel: "hotline", received: "2026-10-03 10:00", sentiment: "neutral" },
      { channel: "mailbox", received: "2026-10-04 10:00", sentiment: "positive" },
      { channel: "mailbox", received: "2026-09-04 10:00", sentiment: "negative" },
    ]);
    const db = t.db;
    const run = db.insert(importRuns).values({ startedAt: 0, status: "done", filePath: "/p.csv", fileName: "p.csv", channel: "weibo", source: "w" }).returning({ id: importRuns.id }).get().id;
    const active = db.insert(weiboAccounts).values({ source: "w", name: "江城发布" }).returning({ id: weiboAccounts.id }).get().id;
    const silent = db.insert(weiboAccounts).values({ source: "w", name: "江城生态环境" }).returning({ id: weiboAccounts.id }).get().id;
    const post = (accountId: number, at: string, isOriginal: boolean, reposts: number, comments: number, likes: number) =>
      db.insert(weiboPosts).values({ source: "w", externalId: `${accountId}-${at}`, accountId, postedAt: sh(at), isOriginal, reposts, comments, likes, raw: "{}", contentHash: at, importRunId: run, sourceFile: "p.csv", sourceLine: 2, updatedAt: 0, text: `微博 ${at}` }).returning({ id: weiboPosts.id }).get().id;
    const p1 = post(active, "2026-10-10 09:00", true, 10, 4, 100);
    post(active, "2026-10-20 09:00", false, 2, 0, 10);
    post(silent, "2026-10-05 09:00", true, 1, 1, 1); // 26 days before the cut-off
    const comment = (k: number, at: string, replied?: string) => {
      const id = db.insert(items).values({ channel: "weibo", source: "w", externalId: `c${k}`, receivedAt: sh(at), repliedAt: replied ? sh(replied) : null, status: "open", weiboPostRef: `${active}`, weiboPostId: p1, contentHash: `c${k}`, importRunId: run, sourceLine: k, updatedAt: 0 }).returning({ id: items.id }).get().id;
      db.insert(itemTexts).values({ itemId: id, raw: "{}", body: "评论" }).run();
    };
    comment(1, "2026-10-10 10:00", "2026-10-10 12:00");
    comment(2, "2026-10-10 11:00", "2026-10-10 17:00");
    comment(3, "2026-10-11 11:00");
  });
  afterAll(() => t.cleanup());

  it("count sentiment by channel in the period", () => {
    const s = sentimentByChannel(t.db, october, {});
    expect(s.hotline).toEqual({ negative: 1, neutral: 1, positive: 0 });
    expect(s.mailbox).toEqual({ negative: 0, neutral: 0, positive: 1 });
  });

  it("measure each account's posting, engagement, comment replies and silence", () => {
    const [active, silent] = accountTable(t.db, october, asOf);
    expect(active).toMatchObject({ name: "江城发布", posts: 2, citizenComments: 3, repliedComments: 2, silentWarning: false, daysSinceLastPost: 11 });
    expect(active.originalShare).toBeCloseTo(0.5, 10);
    expect(active.likesPerPost).toBeCloseTo(55, 10);
    expect(active.commentReplyRate).toBeCloseTo(2 / 3, 10);
    expect(active.replyHours).toEqual({ count: 2, median: 2, p90: 6 });
    expect(silent).toMatchObject({ name: "江城生态环境", posts: 1, daysSinceLastPost: 26, silentWarning: true });
    expect(topPosts(t.db, october)[0]).toMatchObject({ account: "江城发布", likes: 100 });
  });
});
