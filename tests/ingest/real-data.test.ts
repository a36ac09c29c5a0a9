// Every real channel sample in ../shared/data/real is ingested, checked, and re-ingested without change.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { ingestFile, type IngestOptions } from "../../ingest/load";
import { hasRealData, REAL_DATA, tempDb } from "../helpers/temp";

const real = (p: string) => path.join(REAL_DATA, p);
const crawl = Date.parse("2020-01-14T12:30:00Z"); // 20:30 Beijing, the evening the comments were crawled

interface Case {
  file: string;
  options: Omit<IngestOptions, "db" | "file">;
  expected: { read: number; inserted: number; rejected: number; preset: string };
}

const cases: Case[] = [
  { file: "teddy-cup-2020-c/attachment2_messages_labeled_sample.csv", options: { channel: "mailbox" }, expected: { read: 449, inserted: 448, rejected: 1, preset: "teddy-cup-labeled" } },
  { file: "teddy-cup-2020-c/attachment2_test_data_unlabeled.csv", options: { channel: "mailbox", preset: "teddy-cup-unlabeled" }, expected: { read: 2801, inserted: 2801, rejected: 0, preset: "teddy-cup-unlabeled" } },
  { file: "teddy-cup-2020-c/attachment3_messages_with_votes.csv", options: { channel: "mailbox" }, expected: { read: 4326, inserted: 4326, rejected: 0, preset: "teddy-cup-votes" } },
  { file: "teddy-cup-2020-c/attachment4_messages_with_replies.csv", options: { channel: "mailbox" }, expected: { read: 2816, inserted: 2816, rejected: 0, preset: "teddy-cup-replies" } },
  { file: "weibo-gov-gongqingtuan/posts.csv", options: { channel: "weibo", account: "共青团中央" }, expected: { read: 23, inserted: 23, rejected: 0, preset: "weibospider-posts" } },
  { file: "weibo-gov-gongqingtuan/comments.csv", options: { channel: "weibo", crawledAt: crawl }, expected: { read: 4849, inserted: 4849, rejected: 0, preset: "weibospider-comments" } },
  { file: "weibo-media-cctv-news-sample/posts.csv", options: { channel: "weibo", account: "央视新闻" }, expected: { read: 200, inserted: 200, rejected: 0, preset: "weibo-crawler-posts" } },
  { file: "nyc-311-sample/nyc311_export_format_1000.csv", options: { channel: "hotline" }, expected: { read: 1000, inserted: 1000, rejected: 0, preset: "nyc311-export" } },
  { file: "nyc-311-sample/nyc311_api_format_1000.csv", options: { channel: "hotline" }, expected: { read: 1000, inserted: 1000, rejected: 0, preset: "nyc311-api" } },
];

describe.skipIf(!hasRealData)("real data samples", () => {
  let db: Db;
  let reportDir: string;
  beforeAll(() => {
    const t = tempDb();
    db = t.db;
    reportDir = t.dir;
  });
  const one = <T>(sql: string, ...params: unknown[]) => db.$client.prepare(sql).get(...params) as T;

  for (const c of cases) {
    it(`ingests ${c.file}, then re-ingests it without change`, async () => {
      const first = await ingestFile({ db, file: real(c.file), reportDir, ...c.options });
      expect(first.preset).toBe(c.expected.preset);
      expect({ read: first.read, inserted: first.inserted, rejected: first.rejected }).toEqual({
        read: c.expected.read, inserted: c.expected.inserted, rejected: c.expected.rejected,
      });
      const again = await ingestFile({ db, file: real(c.file), reportDir, ...c.options });
      expect({ inserted: again.inserted, updated: again.updated, rejected: again.rejected }).toEqual({ inserted: 0, updated: 0, rejected: c.expected.rejected });
      expect(again.unchanged).toBe(c.expected.inserted + (first.unchanged ?? 0));
    });
  }

  it("keeps field values as the sources give them", () => {
    const letter = one<Record<string, unknown>>("SELECT * FROM items i JOIN item_texts t ON t.item_id = i.id WHERE source = 'teddy-cup-replies' AND external_id = '2549'");
    expect(new Date(letter.received_at as number).toISOString()).toBe("2019-04-25T01:32:09.000Z");
    expect(letter.title).toBe("A2区景蓉华苑物业管理有问题");
    expect(String(letter.body)).toMatch(/^2019年4月以来/); // scraped indentation trimmed
    expect(letter.reply_text).toBeTruthy();
    expect(letter.status).toBe("replied");
    expect(letter.source_line).toBe(2);

    const labelled = one<{ topic_raw: string; topic: string }>(
      "SELECT topic_raw, t.name topic FROM items i JOIN topics t ON t.id = i.topic_id WHERE source = 'teddy-cup-board' AND external_id = '24'",
    );
    expect(labelled).toEqual({ topic_raw: "城乡建设", topic: "城乡建设" });
    // Every Teddy Cup label is a first-level topic of the default catalogue.
    expect(one<{ n: number }>("SELECT count(*) n FROM items WHERE source = 'teddy-cup-board' AND topic_id IS NULL").n).toBe(0);
    const dupReject = one<{ reason: string }>("SELECT reason FROM import_rejects WHERE severity = 'error' AND reason LIKE '%37042%'");
    expect(dupReject.reason).toMatch(/duplicate id 37042/);

    const votes = one<{ n: number; likes: number }>("SELECT count(*) n, sum(likes) likes FROM items WHERE source = 'teddy-cup-votes'");
    expect(votes).toEqual({ n: 4326, likes: 12512 });

    const cctv = one<Record<string, unknown>>("SELECT p.*, a.name account FROM weibo_posts p JOIN weibo_accounts a ON a.id = p.account_id WHERE external_id = '5106121943814622'");
    expect(cctv.account).toBe("央视新闻");
    expect(cctv.bid).toBe("P2zg6g0ma");
    expect(one<{ n: number }>("SELECT count(*) n FROM weibo_posts p JOIN weibo_accounts a ON a.id = p.account_id WHERE a.name = '央视新闻' AND is_original = 0").n).toBe(5);

    const comments = one<{ n: number; linked: number; latest: number }>(
      "SELECT count(*) n, count(weibo_post_id) linked, max(received_at) latest FROM items WHERE channel = 'weibo' AND source = 'weibo'",
    );
    expect(comments.n).toBe(4849);
    expect(comments.linked).toBe(4849 - 159); // 159 comments belong to a post missing from posts.csv
    expect(comments.latest).toBeLessThanOrEqual(crawl);

    const nyc = one<Record<string, unknown>>("SELECT * FROM items WHERE source = 'nyc-311' AND external_id = '39573567'");
    expect(new Date(nyc.received_at as number).toISOString()).toBe("2018-06-26T14:58:54.000Z");
    expect(nyc.department_raw).toBe("NYPD");
    expect(nyc.status).toBe("closed");
    const closedBeforeCreated = one<{ n: number }>("SELECT count(DISTINCT line) n FROM import_rejects r JOIN import_runs u ON u.id = r.import_run_id WHERE u.preset = 'nyc311-export' AND field = 'closedAt'");
    expect(closedBeforeCreated.n).toBe(10);
  });
});
