// Demo data generator: determinism, formats, volumes, realism properties (bursts, seasonality, delays, variety).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEPARTMENTS } from "../../db/catalog/departments";
import { DEFAULT_TOPICS } from "../../db/catalog/topics";
import { generateDemo, type DemoResult } from "../../ingest/demo/generate";
import { csvCell } from "../../ingest/demo/writers";

const HEADERS = {
  hotline: "工单编号,受理时间,诉求类型,标题,诉求内容,来电人,承办单位,问题分类,派单时间,签收时间,首次联系时间,答复时间,办结时间,办理时限,退单次数,办理状态,答复内容,回访时间,满意度,是否解决,事发地点",
  mailbox: "信件编号,标题,来信内容,信件类型,来信人,来信时间,收信单位,问题分类,答复单位,答复内容,答复时间,是否公开,办理状态,点赞数,反对数",
  weiboPosts: "账号,微博id,发布时间,正文,是否原创,转发数,评论数,点赞数,发布工具",
  weiboComments: "评论id,微博id,账号,评论用户,评论时间,评论内容,点赞数,回复时间,回复内容",
} as const;

type Row = Record<string, string>;
const dirs: string[] = [];

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "minyi-demo-"));
  dirs.push(d);
  return d;
}

function sha(file: string): string {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function read(file: string): Row[] {
  return parse(fs.readFileSync(file), { columns: true, bom: true, relax_column_count: false }) as Row[];
}

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const ms = (s: string) => Date.parse(s.replace(" ", "T") + "Z");

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("csv cells", () => {
  it("quotes per RFC 4180", () => {
    expect(csvCell("a")).toBe("a");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("x\ny")).toBe('"x\ny"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(true)).toBe("True");
    expect(csvCell(3)).toBe("3");
  });
});

describe("determinism (small scale)", () => {
  it("same seed → byte-identical files; other seed → different files", async () => {
    const a = await generateDemo(tempDir(), { scale: 0.05 });
    const b = await generateDemo(tempDir(), { scale: 0.05 });
    const c = await generateDemo(tempDir(), { scale: 0.05, seed: 7 });
    for (const k of Object.keys(a.files) as (keyof DemoResult["files"])[]) {
      expect(sha(a.files[k]), k).toBe(sha(b.files[k]));
      expect(sha(a.files[k]), k).not.toBe(sha(c.files[k]));
    }
    expect(a.counts).toEqual(b.counts);
  });

  it("honours months / endMonth", async () => {
    const r = await generateDemo(tempDir(), { scale: 0.02, months: 3, endMonth: "2026-08" });
    const months = new Set(read(r.files.hotline).map((x) => x["受理时间"].slice(0, 7)));
    expect([...months].sort()).toEqual(["2026-06", "2026-07", "2026-08"]);
  });
});

describe("full-scale demo data", () => {
  let res: DemoResult;
  let hotline: Row[];
  let mailbox: Row[];
  let posts: Row[];
  let comments: Row[];
  let seconds = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    res = await generateDemo(tempDir());
    seconds = (performance.now() - t0) / 1000;
    hotline = read(res.files.hotline);
    mailbox = read(res.files.mailbox);
    posts = read(res.files.weiboPosts);
    comments = read(res.files.weiboComments);
  });

  it("is fast enough and has the expected volumes", () => {
    expect(seconds).toBeLessThan(30);
    const { counts } = res;
    expect(counts.hotline + counts.mailbox + counts.weiboPosts + counts.weiboComments).toBeGreaterThanOrEqual(40_000);
    expect(counts).toEqual({ hotline: hotline.length, mailbox: mailbox.length, weiboPosts: posts.length, weiboComments: comments.length });
    expect(counts.hotline).toBeGreaterThan(25_000);
    expect(counts.mailbox).toBeGreaterThan(7_000);
    expect(counts.weiboPosts).toBeGreaterThan(500);
    expect(counts.weiboComments).toBeGreaterThan(6_000);
  });

  it("writes exactly the documented header rows", () => {
    for (const k of Object.keys(HEADERS) as (keyof typeof HEADERS)[]) {
      const first = fs.readFileSync(res.files[k], "utf8").split("\n", 1)[0];
      expect(first, k).toBe(HEADERS[k]);
    }
  });

  it("uses unique ids and well-formed times and enumerations", () => {
    expect(new Set(hotline.map((r) => r["工单编号"])).size).toBe(hotline.length);
    expect(hotline.every((r) => /^RX\d{14}$/.test(r["工单编号"]))).toBe(true);
    expect(new Set(mailbox.map((r) => r["信件编号"])).size).toBe(mailbox.length);
    expect(new Set(posts.map((r) => r["微博id"])).size).toBe(posts.length);
    expect(new Set(comments.map((r) => r["评论id"])).size).toBe(comments.length);
    const bad: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && bad.length < 20) bad.push(what);
    };
    const oneOf = (v: string, xs: string[]) => xs.includes(v);
    for (const r of hotline) {
      for (const k of ["受理时间", "派单时间", "签收时间", "首次联系时间", "答复时间", "办结时间", "办理时限", "回访时间"]) {
        check(r[k] === "" || TIME.test(r[k]), `${k}=${r[k]}`);
      }
      check(oneOf(r["诉求类型"], ["咨询", "投诉", "求助", "建议", "举报"]), r["诉求类型"]);
      check(oneOf(r["办理状态"], ["待派单", "已派单", "办理中", "已答复", "已办结", "已退单"]), r["办理状态"]);
      check(oneOf(r["满意度"], ["满意", "基本满意", "不满意", "未评价", ""]), r["满意度"]);
      check(oneOf(r["是否解决"], ["是", "部分", "否", ""]), r["是否解决"]);
      check(/^\d+$/.test(r["退单次数"]), r["退单次数"]);
    }
    for (const r of mailbox) {
      check(TIME.test(r["来信时间"]), r["来信时间"]);
      check(oneOf(r["是否公开"], ["是", "否"]), r["是否公开"]);
      check(oneOf(r["办理状态"], ["待处理", "办理中", "已答复"]), r["办理状态"]);
    }
    expect(bad).toEqual([]);
    expect(posts.every((r) => r["是否原创"] === "True" || r["是否原创"] === "False")).toBe(true);
  });

  it("keeps hotline lifecycles in order and respects the deadline roughly (5 working days)", () => {
    let bad = 0;
    for (const r of hotline) {
      const seq = ["受理时间", "派单时间", "签收时间"].map((k) => r[k]).filter(Boolean);
      if (seq.join() !== [...seq].sort().join()) bad++;
      if (r["答复时间"] && r["答复时间"] < r["首次联系时间"]) bad++;
      if (r["办结时间"] && r["办结时间"] < r["答复时间"]) bad++;
      if (r["回访时间"] && r["回访时间"] < r["答复时间"]) bad++;
      const days = (ms(r["办理时限"]) - ms(r["受理时间"])) / 86400000;
      if (days < 5 || days > 20) bad++; // 5 working days; up to ~15 calendar days over the Spring Festival
    }
    expect(bad).toBe(0);
    const replied = hotline.filter((r) => r["答复时间"]);
    const overdue = replied.filter((r) => r["答复时间"] > r["办理时限"]).length / replied.length;
    expect(overdue).toBeGreaterThan(0.04);
    expect(overdue).toBeLessThan(0.2);
  });

  it("uses ≥ 15 catalogue departments, aliases and district governments", () => {
    const names = new Map<string, string>();
    for (const d of DEFAULT_DEPARTMENTS) for (const n of [d.name, ...d.aliases]) names.set(n, d.name);
    const units = hotline.map((r) => r["承办单位"]);
    const matched = new Set(units.map((u) => names.get(u)).filter(Boolean));
    expect(matched.size).toBeGreaterThanOrEqual(15);
    const full = units.filter((u) => DEFAULT_DEPARTMENTS.some((d) => d.name === u)).length / units.length;
    expect(full).toBeGreaterThan(0.6);
    expect(units.some((u) => names.has(u) && !DEFAULT_DEPARTMENTS.some((d) => d.name === u))).toBe(true);
    expect(units.some((u) => /区人民政府$/.test(u))).toBe(true);
  });

  it("classifies every item with a two-level catalogue topic", () => {
    const keys = new Set(DEFAULT_TOPICS.flatMap((t) => t.children.map((c) => `${t.name}/${c.name}`)));
    expect(hotline.every((r) => keys.has(r["问题分类"]))).toBe(true);
    expect(mailbox.every((r) => keys.has(r["问题分类"]))).toBe(true);
    expect(new Set(hotline.map((r) => r["问题分类"])).size).toBeGreaterThanOrEqual(30);
  });

  it("spans ≥ 12 months with a Spring-Festival dip and seasonal topics", () => {
    const byMonth = new Map<string, Row[]>();
    for (const r of hotline) {
      const m = r["受理时间"].slice(0, 7);
      byMonth.set(m, [...(byMonth.get(m) ?? []), r]);
    }
    expect(byMonth.size).toBeGreaterThanOrEqual(12);
    expect(byMonth.get("2025-10")).toBeDefined();
    expect(byMonth.get("2026-10")).toBeDefined();
    const n = (m: string) => byMonth.get(m)!.length;
    expect(n("2026-02")).toBeLessThan(n("2026-03") * 0.8);
    const share = (m: string, topic: string) => byMonth.get(m)!.filter((r) => r["问题分类"] === topic).length / n(m);
    expect(share("2026-08", "水电气暖/供电")).toBeGreaterThan(2 * share("2026-04", "水电气暖/供电"));
    expect(share("2026-01", "水电气暖/燃气与供暖")).toBeGreaterThan(3 * share("2026-07", "水电气暖/燃气与供暖"));
    expect(share("2026-09", "教育文体/学前与义务教育")).toBeGreaterThan(2 * share("2026-01", "教育文体/学前与义务教育"));
    expect(share("2026-01", "劳动和社会保障/欠薪与劳动关系")).toBeGreaterThan(2 * share("2026-06", "劳动和社会保障/欠薪与劳动关系"));
  });

  it("contains the July water-outage burst and the metro-noise burst", () => {
    const water = hotline.filter((r) => r["事发地点"].includes("翠湖花园") && r["受理时间"] >= "2026-07-08" && r["受理时间"] < "2026-07-17");
    expect(water.length).toBeGreaterThanOrEqual(250);
    expect(water.filter((r) => r["问题分类"] === "水电气暖/供水").length / water.length).toBeGreaterThan(0.8);
    const callers = new Set(water.map((r) => r["来电人"]));
    expect(callers.size).toBeGreaterThan(30);
    const metro = hotline.filter((r) => r["事发地点"].includes("地铁6号线花桥路站"));
    expect(metro.length).toBeGreaterThan(120);
    expect(metro.every((r) => r["受理时间"] >= "2026-03" && r["受理时间"] < "2026-05")).toBe(true);
    expect(posts.some((p) => p["正文"].includes("翠湖花园小区停水"))).toBe(true);
  });

  it("has realistic satisfaction, delays and open items", () => {
    const rated = hotline.filter((r) => r["满意度"]);
    const share = (v: string) => rated.filter((r) => r["满意度"] === v).length / rated.length;
    expect(share("满意")).toBeGreaterThan(0.68);
    expect(share("满意")).toBeLessThan(0.82);
    expect(share("不满意")).toBeGreaterThan(0.04);
    expect(share("不满意")).toBeLessThan(0.12);
    const overdueUnhappy = rated.filter((r) => r["答复时间"] > r["办理时限"]);
    const unhappy = (rows: Row[]) => rows.filter((r) => r["满意度"] === "不满意").length / rows.length;
    expect(unhappy(overdueUnhappy)).toBeGreaterThan(2 * unhappy(rated));
    const lastMonth = hotline.filter((r) => r["受理时间"].startsWith("2026-10"));
    expect(lastMonth.filter((r) => !["已办结"].includes(r["办理状态"])).length).toBeGreaterThan(50);

    const delays = mailbox.filter((r) => r["答复时间"]).map((r) => (ms(r["答复时间"]) - ms(r["来信时间"])) / 86400000).sort((a, b) => a - b);
    const median = delays[Math.floor(delays.length / 2)];
    expect(median).toBeGreaterThan(5);
    expect(median).toBeLessThan(11);
    expect(delays[delays.length - 1]).toBeLessThanOrEqual(46);
    const unreplied = mailbox.filter((r) => !r["答复时间"]).length / mailbox.length;
    expect(unreplied).toBeGreaterThan(0.06);
    expect(unreplied).toBeLessThan(0.15);
    expect(mailbox.some((r) => r["答复内容"] === "您的来信已收悉，我们将尽快处理。")).toBe(true);
  });

  it("has varied texts (not one template per class)", () => {
    const distinct = (xs: string[]) => new Set(xs).size / xs.length;
    expect(distinct(hotline.map((r) => r["诉求内容"]))).toBeGreaterThan(0.95);
    expect(distinct(mailbox.map((r) => r["来信内容"]))).toBeGreaterThan(0.95);
    // Within one topic, the first 12 characters of bodies vary a lot.
    const noise = hotline.filter((r) => r["问题分类"] === "环境保护/噪声污染").map((r) => r["诉求内容"].slice(0, 12));
    expect(new Set(noise).size).toBeGreaterThan(noise.length * 0.5);
    // Multi-line fields and ASCII commas exist, so readers must honour quoting.
    expect(mailbox.some((r) => r["来信内容"].includes("\n"))).toBe(true);
    expect(hotline.some((r) => r["诉求内容"].includes(","))).toBe(true);
  });

  it("includes fake personal data in a few percent of items", () => {
    const pii = /1[3-9]\d{9}|\d{17}[\dX]/;
    const share = hotline.filter((r) => pii.test(r["诉求内容"])).length / hotline.length;
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.08);
  });

  it("models Weibo accounts, reposts, replies and a quiet account", () => {
    const accounts = new Set(posts.map((p) => p["账号"]));
    expect(accounts.size).toBe(8);
    expect(posts.some((p) => p["是否原创"] === "False" && p["正文"].includes("//@"))).toBe(true);
    const postTime = new Map(posts.map((p) => [p["微博id"], p["发布时间"]]));
    expect(comments.every((c) => postTime.has(c["微博id"]) && c["评论时间"] > postTime.get(c["微博id"])!)).toBe(true);
    const replied = comments.filter((c) => c["回复内容"]);
    expect(replied.length / comments.length).toBeGreaterThan(0.22);
    expect(replied.length / comments.length).toBeLessThan(0.38);
    expect(replied.every((c) => TIME.test(c["回复时间"]) && c["回复时间"] > c["评论时间"])).toBe(true);
    expect(comments.filter((c) => !c["回复内容"]).every((c) => c["回复时间"] === "")).toBe(true);
    const last = new Map<string, string>();
    for (const p of posts) if ((last.get(p["账号"]) ?? "") < p["发布时间"]) last.set(p["账号"], p["发布时间"]);
    const end = ms("2026-10-31 20:00:00");
    const gaps = [...last.entries()].map(([a, t]) => [a, (end - ms(t)) / 86400000] as const);
    expect(gaps.filter(([, d]) => d > 14).map(([a]) => a)).toEqual(["江城生态环境"]);
    for (const p of posts) expect(Number(p["评论数"])).toBeGreaterThanOrEqual(comments.filter((c) => c["微博id"] === p["微博id"]).length);
  });
});
