// Weibo comments go to the department that owns the government account they were written under: 江城住建's
// comments land on 市住房和城乡建设局, whether the posts or the comments are imported first, and old data catches up.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_DEPARTMENTS } from "../../db/catalog/departments";
import { DepartmentMatcher } from "../../ingest/department-matcher";
import { ingestFile } from "../../ingest/load";
import { runNlpPass } from "../../ingest/nlp/nlp-pass";
import { routeWeiboComments } from "../../ingest/weibo-routing";
import { createTempDb, type TempDb } from "../app/fixtures";

const catalogue = new DepartmentMatcher(DEFAULT_DEPARTMENTS.map((d, i) => ({ id: i + 1, name: d.name, shortName: d.shortName, aliases: JSON.stringify(d.aliases) })));
const nameOf = (m: { id: number } | null) => (m ? DEFAULT_DEPARTMENTS[m.id - 1].name : null);

describe("DepartmentMatcher.matchAccount", () => {
  it("matches government account names by name, alias and the <city><short name> / <word><city> rule", () => {
    expect(nameOf(catalogue.matchAccount("江城住建"))).toBe("市住房和城乡建设局");
    expect(catalogue.matchAccount("江城住建")?.kind).toBe("account");
    expect(nameOf(catalogue.matchAccount("石家庄住建"))).toBe("市住房和城乡建设局");
    expect(nameOf(catalogue.matchAccount("江城交通"))).toBe("市交通运输局");
    expect(nameOf(catalogue.matchAccount("江城生态环境"))).toBe("市生态环境局");
    expect(nameOf(catalogue.matchAccount("江城教育"))).toBe("市教育局");
    expect(nameOf(catalogue.matchAccount("江城文旅"))).toBe("市文化广电旅游局");
    expect(nameOf(catalogue.matchAccount("江城卫健委"))).toBe("市卫生健康委员会");
    expect(nameOf(catalogue.matchAccount("平安江城"))).toBe("市公安局");
    expect(nameOf(catalogue.matchAccount("健康江城"))).toBe("市卫生健康委员会");
    // Exact names and aliases as before.
    expect(catalogue.matchAccount("市住房和城乡建设局")?.kind).toBe("exact");
    expect(catalogue.matchAccount("住建局")?.kind).toBe("alias");
    // Accounts of units not in the catalogue stay unmatched.
    expect(catalogue.matchAccount("江城发布")).toBeNull();
    expect(catalogue.matchAccount("共青团中央")).toBeNull();
    expect(catalogue.matchAccount("")).toBeNull();
    // The plain unit-name matcher is unchanged: it does not guess from account names.
    expect(catalogue.match("江城住建")).toBeNull();
  });
});

describe("routing Weibo comments by their account", () => {
  let t: TempDb;
  let posts = "";
  let comments = "";
  beforeEach(() => {
    t = createTempDb("minyi-weibo-routing-");
    posts = path.join(t.dir, "posts.csv");
    comments = path.join(t.dir, "comments.csv");
    fs.writeFileSync(posts, [
      "账号,微博id,发布时间,正文,是否原创,转发数,评论数,点赞数,发布工具",
      "江城住建,P1,2026-10-08 09:00,关于老旧小区改造的通知,是,1,2,3,",
      "江城发布,P2,2026-10-08 10:00,国庆假期出行提示,是,1,1,3,",
    ].join("\n"));
    fs.writeFileSync(comments, [
      "评论id,微博id,账号,评论用户,评论时间,评论内容,点赞数,回复时间,回复内容",
      "C1,P1,江城住建,网友甲,2026-10-08 12:00,我们小区的电梯什么时候改造？,0,,",
      "C2,P1,江城住建,网友乙,2026-10-08 13:00,物业不作为,0,,",
      "C3,P2,江城发布,网友丙,2026-10-08 14:00,高速堵车了,0,,",
    ].join("\n"));
  });
  afterEach(() => t.cleanup());

  const load = (file: string, preset: string) => ingestFile({ db: t.db, file, channel: "weibo", preset, reportDir: t.dir, worker: false });
  const departmentsOfComments = () =>
    Object.fromEntries(
      (t.db.$client
        .prepare("SELECT i.external_id AS id, d.name FROM items i LEFT JOIN departments d ON d.id = i.department_id ORDER BY i.external_id")
        .all() as { id: string; name: string | null }[]).map((r) => [r.id, r.name]),
    );
  const housing = () => t.db.$client.prepare("SELECT id FROM departments WHERE name = '市住房和城乡建设局'").pluck().get() as number;

  it("posts first: a comment on a 江城住建 post lands on the housing bureau; 江城发布's stay unassigned", async () => {
    await load(posts, "minyi-weibo-posts");
    await load(comments, "minyi-weibo-comments");
    expect(t.db.$client.prepare("SELECT name, department_id FROM weibo_accounts ORDER BY name").all()).toEqual([
      { name: "江城住建", department_id: housing() },
      { name: "江城发布", department_id: null },
    ]);
    expect(departmentsOfComments()).toEqual({ C1: "市住房和城乡建设局", C2: "市住房和城乡建设局", C3: null });
    // The routed department (what the dashboard filters on) follows, and the NLP pass does not override it.
    runNlpPass(t.db);
    const routed = t.db.$client.prepare("SELECT routed_department_id FROM items WHERE external_id = 'C1'").pluck().get();
    expect(routed).toBe(housing());
  });

  it("comments first: they are routed when their posts arrive", async () => {
    await load(comments, "minyi-weibo-comments");
    expect(departmentsOfComments()).toEqual({ C1: null, C2: null, C3: null });
    await load(posts, "minyi-weibo-posts");
    expect(departmentsOfComments()).toEqual({ C1: "市住房和城乡建设局", C2: "市住房和城乡建设局", C3: null });
  });

  it("a re-import keeps the account's department, and a person's correction still wins", async () => {
    await load(posts, "minyi-weibo-posts");
    await load(comments, "minyi-weibo-comments");
    fs.appendFileSync(comments, "\nC4,P1,江城住建,网友丁,2026-10-09 09:00,电梯坏了,0,,");
    fs.writeFileSync(comments, fs.readFileSync(comments, "utf8").replace("物业不作为,0,,", "物业不作为！,0,,"));
    const again = await load(comments, "minyi-weibo-comments");
    expect([again.inserted, again.updated]).toEqual([1, 1]);
    expect(departmentsOfComments()).toMatchObject({ C2: "市住房和城乡建设局", C4: "市住房和城乡建设局" });
    const police = t.db.$client.prepare("SELECT id FROM departments WHERE name = '市公安局'").pluck().get() as number;
    t.db.$client.prepare("UPDATE items SET human_department_id = ? WHERE external_id = 'C1'").run(police);
    expect(t.db.$client.prepare("SELECT routed_department_id FROM items WHERE external_id = 'C1'").pluck().get()).toBe(police);
  });

  it("catches up a database loaded before accounts were matched", async () => {
    await load(posts, "minyi-weibo-posts");
    await load(comments, "minyi-weibo-comments");
    // As an older version left it: no account department, no comment department.
    t.db.$client.prepare("UPDATE weibo_accounts SET department_id = NULL").run();
    t.db.$client.prepare("UPDATE items SET department_id = NULL").run();
    const matcher = new DepartmentMatcher(t.db.$client.prepare("SELECT id, name, short_name AS shortName, aliases FROM departments").all() as never);
    expect(routeWeiboComments(t.db, matcher)).toEqual({ accounts: 1, comments: 2 });
    expect(departmentsOfComments()).toEqual({ C1: "市住房和城乡建设局", C2: "市住房和城乡建设局", C3: null });
    expect(routeWeiboComments(t.db, matcher)).toEqual({ accounts: 0, comments: 0 });
    // Any later Weibo import does the same catch-up.
    t.db.$client.prepare("UPDATE weibo_accounts SET department_id = NULL").run();
    t.db.$client.prepare("UPDATE items SET department_id = NULL").run();
    await load(posts, "minyi-weibo-posts");
    expect(departmentsOfComments()).toEqual({ C1: "市住房和城乡建设局", C2: "市住房和城乡建设局", C3: null });
  });
});
