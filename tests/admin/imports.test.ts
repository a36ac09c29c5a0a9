// 管理 › 数据导入 over HTTP: a multipart upload of a small file with good and bad rows is imported as the command
// line imports it (counts, rejects with line and reason, idempotent re-import), and its rejects file downloads.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../app/fixtures";
import { ensureTestUser, signedInFetch } from "../helpers/auth";
import { ensureBuild, startServer, type RunningServer } from "../helpers/server";

const CSV = [
  "工单编号,受理时间,诉求内容,承办单位,办理状态",
  "W1,2026-10-08 09:00:00,小区电梯经常困人，物业不处理,市住建局,已派单",
  "W2,2026-02-30 09:00:00,日期不存在的一行,市住建局,已派单",
  "W3,2026-10-09 10:30:00,道路施工夜间噪音扰民,江城市不存在局,办理中",
  "",
].join("\r\n");

describe("imports page (remix-serve over the production build)", () => {
  let tmp: TempDb;
  let server: RunningServer | undefined;
  let base = "";
  let admin: typeof fetch = fetch;
  let analyst: typeof fetch = fetch;

  beforeAll(async () => {
    await ensureBuild();
    tmp = createTempDb("minyi-admin-imports-");
    await ensureTestUser(tmp.db, "admin");
    await ensureTestUser(tmp.db, "analyst");
    tmp.db.$client.close();
    // A 1 MB cap, so a test can go over it cheaply.
    server = await startServer(tmp.file, { UPLOAD_MAX_MB: "1" });
    base = server.base;
    admin = await signedInFetch(base, "test-admin");
    analyst = await signedInFetch(base, "test-analyst");
  }, 300_000);

  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  const html = async (res: Response | Promise<Response>) => (await (await res).text()).replaceAll("<!-- -->", "");
  const csrf = async (f: typeof fetch = admin) => /name="_csrf" value="([^"]+)"/.exec(await (await f(`${base}/admin/imports`)).text())?.[1] ?? "";
  /** The upload form as a browser sends it: the CSRF field first, then the fields and the file. */
  const upload = async (name: string, content: string, fields: Record<string, string> = {}, token?: string, f: typeof fetch = admin) => {
    const form = new FormData();
    form.append("_csrf", token ?? (await csrf(f)));
    form.append("channel", fields.channel ?? "hotline");
    form.append("preset", fields.preset ?? "minyi-hotline");
    form.append("crawledAt", "");
    form.append("account", "");
    form.append("file", new Blob([content], { type: "text/csv" }), name);
    return f(`${base}/admin/imports`, { method: "POST", body: form });
  };

  it("imports an uploaded file with the command line's validation and offers its rejects file", async () => {
    const res = await upload("十月工单.csv", CSV);
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain("十月工单.csv 已导入");
    expect(page).toContain("读取 3 行：新增 2，更新 0，未变 0，拒绝 1，警告 0。");
    expect(page).toMatch(/十月工单\.csv:3<\/code>：受理时间: [^<]*2026-2-30/);
    expect(page).toContain("江城市不存在局（1）");
    expect(page).toContain("文本分析：2 条");
    const runId = /\/admin\/imports\/(\d+)\/rejects/.exec(page)![1];

    const list = await html(admin(`${base}/admin/imports`));
    expect(list).toMatch(new RegExp(`<tr data-status="done"><td>${runId}</td><td class="text-cell">十月工单\\.csv<span class="muted"> · minyi-hotline</span></td><td>热线</td>`));
    expect(list).not.toContain('http-equiv="refresh"');

    const csv = await admin(`${base}/admin/imports/${runId}/rejects`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`${runId}-十月工单.rejects.csv`)}`);
    // Response.text() would drop the byte-order mark: decode the bytes as they are.
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(body.startsWith("\uFEFFline,severity,field,reason,original_row\r\n3,error,受理时间,")).toBe(true);
    expect(body).toContain("日期不存在的一行");

    // The same file again changes nothing.
    const again = await html(upload("十月工单.csv", CSV));
    expect(again).toContain("读取 3 行：新增 0，更新 0，未变 2，拒绝 1");

    const audit = await html(admin(`${base}/admin/audit?action=import`));
    expect(audit).toContain("十月工单.csv");
    expect(audit).toContain("&quot;inserted&quot;:2");
    expect(await html(admin(`${base}/admin/audit?action=export`))).toContain(`import-rejects:${runId}`);
  });

  it("imports a file in no built-in format with an uploaded mapping file, and names what is wrong in a bad one", async () => {
    const mapping = {
      name: "district-export", channel: "hotline", source: "district", externalId: "流水号",
      fields: { receivedAt: { column: "登记时间", required: true }, body: "反映内容", departmentRaw: "主办单位" },
    };
    const csv = ["流水号,登记时间,反映内容,主办单位", "D1,2026-10-08 09:00:00,路灯不亮,市住建局", "D2,2026-10-09 10:00:00,垃圾未清运,市住建局", ""].join("\n");
    const post = async (mappingText: string, fields: Record<string, string> = {}) => {
      const form = new FormData();
      form.append("_csrf", await csrf());
      form.append("channel", fields.channel ?? "hotline");
      form.append("preset", fields.preset ?? "");
      form.append("file", new Blob([csv], { type: "text/csv" }), "区热线导出.csv");
      form.append("mapping", new Blob([mappingText], { type: "application/json" }), "district.json");
      return html(admin(`${base}/admin/imports`, { method: "POST", body: form }));
    };
    const done = await post(JSON.stringify(mapping));
    expect(done).toContain("区热线导出.csv 已导入");
    expect(done).toContain("读取 2 行：新增 2，更新 0，未变 0，拒绝 0，警告 0。");
    expect(done).toContain("格式 district-export，来源 district");
    // A field the schema does not know, JSON that is not JSON, a preset as well, another channel's mapping.
    expect(await post(JSON.stringify({ ...mapping, fields: { ...mapping.fields, colour: "颜色" } }))).toMatch(/映射文件有误：district\.json: invalid mapping: unknown field &quot;colour&quot;|映射文件有误：district\.json: invalid mapping: unknown field "colour"/);
    expect(await post("{ not json")).toContain("映射文件有误：district.json: not JSON");
    expect(await post(JSON.stringify(mapping), { preset: "minyi-hotline" })).toContain("请只选其一：内置格式，或映射文件。");
    expect(await post(JSON.stringify(mapping), { channel: "mailbox" })).toContain("映射文件属于“hotline”渠道，与所选渠道不符。");
  });

  it("names the file and the problem when a file cannot be imported, and checks the form", async () => {
    const wrong = await html(upload("错误表头.csv", "编号,内容\r\n1,x\r\n"));
    expect(wrong).toContain("导入失败：错误表头.csv: line 1: header lacks column(s)");
    expect(wrong).not.toContain("/uploads/");
    const mismatch = await html(upload("x.csv", CSV, { channel: "mailbox", preset: "minyi-hotline" }));
    expect(mismatch).toContain("所选格式不属于该渠道");
    const empty = await html(upload("空.csv", ""));
    expect(empty).toContain("文件为空");
    expect(await html(admin(`${base}/admin/imports?lang=en`))).toContain("<h1>Imports</h1>");
  });

  it("refuses a file over the size cap, whether it says so up front or not, and keeps nothing of it", async () => {
    const row = "W9,2026-10-08 09:00:00,超过上限的文件里的一行诉求内容,市住建局,已派单\r\n";
    const big = (bytes: number) => CSV + row.repeat(Math.ceil(bytes / Buffer.byteLength(row)));
    for (const size of [1.2, 3]) {
      const page = await html(upload("大文件.csv", big(size * 1024 * 1024)));
      expect(page, `${size} MB`).toContain("文件超过 1 MB 上限");
    }
    expect(fs.readdirSync(path.join(tmp.dir, "uploads"))).toEqual([]);
    expect(await html(admin(`${base}/admin/imports`))).not.toContain("大文件.csv");
  });

  it("refuses uploads without the session's CSRF token or from other roles, and downloads only known rejects files", async () => {
    expect((await upload("十月工单.csv", CSV, {}, "forged-token")).status).toBe(403);
    expect((await upload("十月工单.csv", CSV, {}, "", analyst)).status).toBe(403);
    expect((await admin(`${base}/admin/imports/999999/rejects`)).status).toBe(404);
    expect((await admin(`${base}/admin/imports/..%2F..%2Fetc%2Fpasswd/rejects`)).status).toBe(404);
    expect((await analyst(`${base}/admin/imports/1/rejects`)).status).toBe(403);
  });
});
