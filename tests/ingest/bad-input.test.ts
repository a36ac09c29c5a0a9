// Bad input: each problem gets a message naming file, line and field, and no valid row is lost.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ingestFile } from "../../ingest/load";
import { tempDb } from "../helpers/temp";
import { encodeGbk } from "../helpers/gbk";

const HEADER = "工单编号,受理时间,诉求内容,承办单位,办理状态";

function setup(name: string, content: string | Buffer) {
  const t = tempDb();
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, content);
  const run = () => ingestFile({ db: t.db, file, channel: "hotline", preset: "minyi-hotline", reportDir: t.dir });
  const rejects = () =>
    t.db.$client.prepare("SELECT line, severity, field, reason FROM import_rejects ORDER BY id").all() as { line: number; severity: string; field: string; reason: string }[];
  return { ...t, file, run, rejects };
}

describe("bad input", () => {
  it("an empty file cannot be read and says so", async () => {
    const t = setup("empty.csv", "");
    await expect(t.run()).rejects.toThrow(/empty.csv: the file is empty: no header row/);
  });

  it("a header-only file reads zero rows", async () => {
    const t = setup("header.csv", `${HEADER}\r\n`);
    const s = await t.run();
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected }).toEqual({ read: 0, inserted: 0, rejected: 0 });
  });

  it("a header without the preset's columns names the missing ones", async () => {
    const t = setup("wrong.csv", "a,b\n1,2\n");
    await expect(t.run()).rejects.toThrow(/wrong.csv: line 1: header lacks column\(s\) "工单编号"/);
  });

  it("an unbalanced quote rejects only its row", async () => {
    const t = setup("quotes.csv", `${HEADER}\nA1,2026-03-01 09:00:00,"never closed,市住建局,已派单\nA2,2026-03-01 10:00:00,ok,市住建局,已办结\nA3,2026-03-02 10:00:00,"fine, quoted",市教育局,办理中\n`);
    const s = await t.run();
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected }).toEqual({ read: 3, inserted: 2, rejected: 1 });
    expect(t.rejects()[0]).toMatchObject({ line: 2, severity: "error", reason: expect.stringMatching(/unbalanced quote/) });
    expect(fs.readFileSync(s.rejectsFile!, "utf8")).toMatch(/^\uFEFFline,severity,field,reason,original_row\r\n2,error,/);
  });

  it("ragged rows: a short row keeps what it has, a long row loads with its extra cells in raw", async () => {
    const t = setup("ragged.csv", `${HEADER}\nA1,2026-03-01 09:00:00,短行\nA2,2026-03-01 10:00:00,长行,市住建局,已办结,extra,cells\nA3,,缺少时间,市住建局,已办结\n`);
    const s = await t.run();
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected }).toEqual({ read: 3, inserted: 2, rejected: 1 });
    expect(t.rejects()[0]).toMatchObject({ line: 4, field: "受理时间", reason: expect.stringMatching(/receivedAt is required/) });
    const short = t.db.$client.prepare("SELECT department_raw, status FROM items WHERE external_id = 'A1'").get();
    expect(short).toEqual({ department_raw: null, status: "open" });
  });

  it("impossible dates are rejected with the field and value", async () => {
    const t = setup("dates.csv", `${HEADER}\nA1,2026-02-30 09:00:00,x,市住建局,已派单\nA2,2026-13-01,x,市住建局,已派单\nA3,2026-02-28 09:00:00,x,市住建局,已派单\n`);
    const s = await t.run();
    expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: 1, rejected: 2 });
    const [a, b] = t.rejects();
    expect(a).toMatchObject({ line: 2, field: "受理时间", reason: expect.stringMatching(/impossible day 2026-2-30/) });
    expect(b).toMatchObject({ line: 3, field: "受理时间", reason: expect.stringMatching(/impossible month 13/) });
  });

  it("reads a GBK (GB18030) file", async () => {
    // "工单编号,受理时间,诉求内容,承办单位\r\nA1,2026-03-01 09:00,小区停水,市住建局\r\n" in GBK bytes.
    const text = "工单编号,受理时间,诉求内容,承办单位\r\nA1,2026-03-01 09:00,小区停水,市住建局\r\n";
    const gbk = encodeGbk(text);
    const t = setup("gbk.csv", gbk);
    const s = await t.run();
    expect(s.encoding).toBe("gb18030");
    expect(s.inserted).toBe(1);
    expect(t.db.$client.prepare("SELECT body, department_id IS NOT NULL matched FROM items JOIN item_texts ON item_id = items.id").get()).toEqual({ body: "小区停水", matched: 1 });
  });

  it("reads UTF-8 with BOM and UTF-16LE with BOM", async () => {
    const text = `${HEADER}\r\nA1,2026-03-01 09:00,噪音扰民,市生态环境局,已派单\r\n`;
    const bom = setup("bom.csv", "\uFEFF" + text);
    expect((await bom.run()).inserted).toBe(1);
    // The run records the SHA-256 of the whole file, BOM included, computed while reading it.
    const recorded = bom.db.$client.prepare("SELECT file_sha256 FROM import_runs").get() as { file_sha256: string };
    expect(recorded.file_sha256).toBe(createHash("sha256").update(fs.readFileSync(bom.file)).digest("hex"));
    const utf16 = setup("utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const s = await utf16.run();
    expect({ encoding: s.encoding, inserted: s.inserted }).toEqual({ encoding: "utf-16le", inserted: 1 });
  });

  it("duplicate ids within one file: identical → unchanged with a warning, different → rejected naming the first line", async () => {
    const row = "A1,2026-03-01 09:00:00,同一工单,市住建局,已派单";
    const t = setup("dups.csv", `${HEADER}\n${row}\n${row}\nA1,2026-03-01 09:00:00,内容不同,市住建局,已派单\n`);
    const s = await t.run();
    expect({ read: s.read, inserted: s.inserted, unchanged: s.unchanged, rejected: s.rejected }).toEqual({ read: 3, inserted: 1, unchanged: 1, rejected: 1 });
    const r = t.rejects();
    expect(r.find((x) => x.severity === "warning")).toMatchObject({ line: 3, reason: expect.stringMatching(/duplicate of line 2/) });
    expect(r.find((x) => x.severity === "error")).toMatchObject({ line: 4, reason: expect.stringMatching(/duplicate id A1: line 2/) });
  });

  it("a changed row updates the item and keeps its previous version", async () => {
    const t = setup("v1.csv", `${HEADER}\nA1,2026-03-01 09:00:00,路灯不亮,市城管局,已派单\n`);
    await t.run();
    fs.writeFileSync(t.file, `${HEADER}\nA1,2026-03-01 09:00:00,路灯不亮,市城管局,已办结\n`);
    const s = await t.run();
    expect({ inserted: s.inserted, updated: s.updated }).toEqual({ inserted: 0, updated: 1 });
    const item = t.db.$client.prepare("SELECT id, status, version FROM items").get() as { id: number; status: string; version: number };
    expect(item).toMatchObject({ status: "closed", version: 2 });
    const history = t.db.$client.prepare("SELECT version, previous, changed_fields FROM item_history WHERE item_id = ?").get(item.id) as { version: number; previous: string; changed_fields: string };
    expect(history.version).toBe(1);
    expect(JSON.parse(history.previous).status).toBe("dispatched");
    expect(JSON.parse(history.changed_fields)).toContain("status");
  });
});
