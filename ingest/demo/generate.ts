// Deterministic demo data for Minyi: 12345 hotline, mayor's mailbox and government Weibo of the fictional 江城市.
import fs from "node:fs";
import path from "node:path";
import { writeHotline, HOTLINE_HEADERS } from "./hotline";
import { writeMailbox, MAILBOX_HEADERS } from "./mailbox";
import { Rng, deriveSeed } from "./random";
import type { Plan, Window } from "./schedule";
import { HOUR, addMonths, monthStart, parseMonth } from "./timeline";
import { COMMENT_HEADERS, POST_HEADERS, writeWeibo } from "./weibo";
import { CsvWriter } from "./writers";

export const DEFAULT_SEED = 20261122;
export const DEFAULT_MONTHS = 13;
export const DEFAULT_END_MONTH = "2026-10";

export interface DemoOptions {
  seed?: number;
  /** Number of months in the window, ending with endMonth (inclusive). */
  months?: number;
  /** Last month, "YYYY-MM". */
  endMonth?: string;
  /** Volume multiplier (1 = ~30k hotline, ~9k mailbox, ~600 posts, ~8k comments). */
  scale?: number;
}

export interface DemoResult {
  files: { hotline: string; mailbox: string; weiboPosts: string; weiboComments: string };
  counts: { hotline: number; mailbox: number; weiboPosts: number; weiboComments: number };
}

/** The data window: from the first day of the first month to the export time (last day of endMonth, 20:00). */
export function demoWindow(months: number, endMonth: string): Window {
  const end = parseMonth(endMonth);
  const start = monthStart(addMonths(end, -(months - 1)));
  const now = monthStart(addMonths(end, 1)) - 4 * HOUR;
  return { start, now };
}

export async function generateDemo(outDir: string, options: DemoOptions = {}): Promise<DemoResult> {
  const seed = (options.seed ?? DEFAULT_SEED) >>> 0;
  const months = options.months ?? DEFAULT_MONTHS;
  const endMonth = options.endMonth ?? DEFAULT_END_MONTH;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(months) || months < 1) throw new Error(`months must be a positive integer, got ${months}`);
  if (!(scale > 0)) throw new Error(`scale must be positive, got ${scale}`);
  const end = parseMonth(endMonth);
  const win = demoWindow(months, endMonth);

  fs.mkdirSync(outDir, { recursive: true });
  const files = {
    hotline: path.join(outDir, "hotline.csv"),
    mailbox: path.join(outDir, "mailbox.csv"),
    weiboPosts: path.join(outDir, "weibo_posts.csv"),
    weiboComments: path.join(outDir, "weibo_comments.csv"),
  };
  const rng = (label: string) => new Rng(deriveSeed(seed, label));

  const hotlineOut = new CsvWriter(files.hotline, HOTLINE_HEADERS);
  const plan: Plan = { win, end, months, scale };
  const hotline = await writeHotline(rng("hotline"), rng("hotline-slots"), plan, hotlineOut);
  await hotlineOut.close();

  const mailboxOut = new CsvWriter(files.mailbox, MAILBOX_HEADERS);
  const mailbox = await writeMailbox(rng("mailbox"), rng("mailbox-slots"), plan, mailboxOut);
  await mailboxOut.close();

  const postsOut = new CsvWriter(files.weiboPosts, POST_HEADERS);
  const commentsOut = new CsvWriter(files.weiboComments, COMMENT_HEADERS);
  const weibo = await writeWeibo(rng("weibo"), plan, postsOut, commentsOut);
  await postsOut.close();
  await commentsOut.close();

  return { files, counts: { hotline, mailbox, weiboPosts: weibo.posts, weiboComments: weibo.comments } };
}
