// The bad-input suite, beyond tests/ingest/bad-input.test.ts (empty and header-only files, unbalanced quotes,
// ragged rows, impossible dates, GBK / BOM / UTF-16, duplicate ids): NUL bytes, binary files, mixed and wrong
// encodings, 1 MB fields and runaway quotes across the 1 MB read chunks, dates in many formats, duplicate ids in
// different transactions, HTML / script / SQL-looking text, and XLSX merged cells and formulas. Every problem row
// is rejected (or flagged) with its line and field, and every valid row around it is loaded.
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { ingestFile } from "../../ingest/load";
import { parseMapping, type Mapping } from "../../ingest/mapping-schema";
import { findPreset } from "../../ingest/presets";
import { runCli } from "../helpers/cli";
import { tempDb } from "../helpers/temp";
import { encodeGbk as gbk } from "../helpers/gbk";

const HEADER = "工单编号,受理时间,诉求内容,承办单位,办理状态";
const CHUNK = 1 << 20; // the readers' chunk size

interface Reject {
  line: number;
  severity: string;
  field: string;
  reason: string;
  raw: string;
}

const made: { dir: string; close: () => void }[] = [];
afterAll(() => {
  for (const m of made) {
    m.close();
    fs.rmSync(m.dir, { recursive: true, force: true });
  }
});

/** A fresh database in a temp folder (removed after the file's tests). */
function fresh() {
  const t = tempDb();
  made.push({ dir: t.dir, close: () => t.db.$client.open && t.db.$client.close() });
  return t;
}

function setup(name: string, content: string | Buffer, mapping?: Mapping) {
  const t = fresh();
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, content);
  const run = () => ingestFile({ db: t.db, file, channel: "hotline", ...(mapping ? { mapping } : { preset: "minyi-hotline" }), reportDir: t.dir });
  const rejects = () => t.db.$client.prepare("SELECT line, severity, field, reason, raw FROM import_rejects ORDER BY id").all() as Reject[];
  const items = () =>
    t.db.$client.prepare("SELECT external_id id, source_line line, body, received_at FROM items JOIN item_texts ON item_id = items.id ORDER BY items.id").all() as {
      id: string; line: number; body: string | null; received_at: number;
    }[];
  return { ...t, file, run, rejects, items };
}

const row = (id: string, body: string, at = "2026-03-01 09:00:00") => `${id},${at},${body},市住建局,已派单`;

describe("bad input: bytes", () => {
  it("NUL bytes are removed from their cell with a warning naming line and column; the rows load", async () => {
    const t = setup("nul.csv", `${HEADER}\n${row("A1", "有\0空\0字符")}\n${row("A2", "正常")}\nA3\0,2026-03-01 11:00:00,尾部,市住建局\0,已派单\n`);
    const s = await t.run();
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected, warnings: s.warnings }).toEqual({ read: 3, inserted: 3, rejected: 0, warnings: 3 });
    expect(t.items().map((i) => [i.id, i.body])).toEqual([["A1", "有空字符"], ["A2", "正常"], ["A3", "尾部"]]);
    const r = t.rejects();
    expect(r.map((x) => [x.line, x.severity, x.field])).toEqual([[2, "warning", "诉求内容"], [4, "warning", "工单编号"], [4, "warning", "承办单位"]]);
    expect(r[0].reason).toMatch(/NUL characters .* removed/);
    // Nothing with a NUL reached the database (SQLite's text functions would stop at it).
    expect(t.db.$client.prepare("SELECT count(*) FROM item_texts WHERE instr(raw, char(0)) > 0 OR instr(body, char(0)) > 0").pluck().get()).toBe(0);
  });

  it("a binary file (a spreadsheet renamed .csv) is refused as not text, naming the file", async () => {
    const bytes = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(bytes);
    for (let i = 512; i < bytes.length; i += 7) bytes[i] = (i * 31) & 0xff;
    const t = setup("工单.csv", bytes);
    await expect(t.run()).rejects.toThrow(/工单\.csv: this is not a text file \(\d+ NUL bytes/);
  });

  it("mixed encodings: only the rows with bytes from another encoding are rejected, naming line and column", async () => {
    // 1,000 UTF-8 rows (~90 KB, past the 64 KB the encoding is detected from), then a GBK row, a UTF-8 row
    // straddling the 1 MB read-chunk boundary, a GBK row straddling the next one, and UTF-8 rows to the end.
    const parts: Buffer[] = [Buffer.from(`${HEADER}\r\n`)];
    let size = parts[0].length;
    let line = 1;
    let n = 0;
    const add = (b: Buffer) => {
      parts.push(b);
      size += b.length;
      return ++line;
    };
    const utf8Row = (body = "小区门口道路破损，请尽快修复") => add(Buffer.from(`${row(`U${++n}`, body)}\r\n`));
    /** One ASCII row sized so that the file then ends exactly at byte `target`. */
    const fillTo = (target: number) => {
      const overhead = Buffer.byteLength(`${row(`U${n + 1}`, "")}\r\n`);
      utf8Row("x".repeat(target - size - overhead));
    };
    for (let i = 0; i < 1000; i++) utf8Row();
    const g1 = add(gbk(`${row("G1", "从GBK文件粘贴来的诉求")}\r\n`));
    for (let i = 0; i < 2000; i++) utf8Row("长".repeat(100));
    fillTo(CHUNK - 150);
    const straddling = `跨越边界${"界".repeat(200)}`;
    utf8Row(straddling);
    while (size < 2 * CHUNK - 2000) utf8Row("长".repeat(100));
    fillTo(2 * CHUNK - 50);
    const g2 = add(gbk(`${row("G2", "第二个GBK行跨越第二个读块的边界，内容较长".repeat(8))}\r\n`));
    for (let i = 0; i < 50; i++) utf8Row("之后的正常行");
    const t = setup("mixed.csv", Buffer.concat(parts));
    const s = await t.run();
    expect(s.encoding).toBe("utf-8");
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected }).toEqual({ read: n + 2, inserted: n, rejected: 2 });
    const r = t.rejects();
    // G1's id is ASCII but its body is not: the column named is the first one holding the bad bytes.
    expect(r.map((x) => [x.line, x.severity, x.field])).toEqual([[g1, "error", "诉求内容"], [g2, "error", "诉求内容"]]);
    for (const x of r) {
      expect(x.reason).toMatch(/not valid utf-8 .*mixes encodings/);
      expect(x.raw).toContain("\uFFFD");
      expect(x.raw).not.toContain("\uFFFF");
    }
    // Lines stay exact after the rejected rows, and the row across the chunk boundary is intact.
    const items = t.items();
    expect(items.at(-1)).toMatchObject({ id: `U${n}`, line, body: "之后的正常行" });
    expect(items.find((i) => i.body?.startsWith("跨越边界"))?.body).toBe(straddling);
    expect(fs.readFileSync(s.rejectsFile!, "utf8")).toContain(`\r\n${g1},error,诉求内容,`);
  });

  it("mixed encodings with old Mac line ends (CR only): the GBK row alone is rejected", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(`U${i}`, "小区门口道路破损，请尽快修复"));
    const file = Buffer.concat([Buffer.from(`${HEADER}\r${rows.slice(0, 1500).join("\r")}\r`), gbk(`${row("G1", "停水噪音")}\r`), Buffer.from(`${rows.slice(1500).join("\r")}\r`)]);
    const t = setup("cr.csv", file);
    const s = await t.run();
    expect({ encoding: s.encoding, inserted: s.inserted, rejected: s.rejected }).toEqual({ encoding: "utf-8", inserted: 3000, rejected: 1 });
    expect(t.rejects().map((x) => x.line)).toEqual([1502]);
    expect(t.items().at(-1)).toMatchObject({ id: "U2999", line: 3002 });
  });

  it("wrong encoding: a GBK file declared UTF-8 rejects each non-ASCII row and keeps the ASCII ones", async () => {
    const mapping = parseMapping({ ...findPreset("minyi-hotline")!, name: "declared-utf8", encoding: "utf-8" }, "inline");
    const text = `${HEADER}\r\n${row("A1", "停水")}\r\nA2,2026-03-01 09:00:00,no water,city,open\r\n${row("A3", "噪音")}\r\n`;
    const t = setup("gbk.csv", gbk(text), mapping);
    await expect(t.run()).rejects.toThrow(/gbk\.csv: line 1: the header row has bytes that are not valid utf-8/);
    // With an ASCII header, the rows themselves are judged one by one.
    const t2 = setup("gbk2.csv", gbk(text.replace(HEADER, "id,at,body,unit,state")), parseMapping(
      { name: "ascii-header", channel: "hotline", source: "gbk2", encoding: "utf-8", externalId: "id", fields: { receivedAt: { column: "at", required: true }, body: "body", departmentRaw: "unit" } },
      "inline",
    ));
    const s = await t2.run();
    expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: 1, rejected: 2 });
    // The column named is the first whose bytes could not be decoded: GBK "停水" happens to be valid UTF-8 (as
    // mojibake), its unit "市住建局" is not.
    expect(t2.rejects().map((x) => [x.line, x.field])).toEqual([[2, "unit"], [4, "body"]]);
  });

  it("JSON Lines: a line with undecodable bytes is rejected alone, naming line and field; an escaped NUL is removed with a warning", async () => {
    const mapping = parseMapping({ name: "jsonl-letters", channel: "hotline", source: "jsonl", externalId: "id", fields: { receivedAt: { column: "at", required: true }, body: "body" } }, "inline");
    const ok = [JSON.stringify({ id: "J1", at: "2026-03-01 09:00", body: "正常" }), JSON.stringify({ id: "J2", at: "2026-03-01 10:00", body: "含\0空字符" })].join("\n") + "\n";
    const t = setup("letters.jsonl", ok, mapping);
    const s = await t.run();
    expect({ inserted: s.inserted, warnings: s.warnings }).toEqual({ inserted: 2, warnings: 1 });
    expect(t.rejects()[0]).toMatchObject({ line: 2, severity: "warning", field: "body" });
    expect(t.items().map((i) => i.body)).toEqual(["正常", "含空字符"]);
    // A GBK line (市) pasted among UTF-8 ones: that line is rejected, the lines around it load.
    const after = JSON.stringify({ id: "J4", at: "2026-03-01 12:00", body: "之后" }) + "\n";
    const bad = Buffer.concat([Buffer.from(ok), Buffer.from('{"id":"J3","at":"2026-03-01 11:00","body":"'), Buffer.from([0xca, 0xd0]), Buffer.from('"}\n'), Buffer.from(after)]);
    const m = setup("mixed.jsonl", bad, mapping);
    const s2 = await m.run();
    expect({ inserted: s2.inserted, rejected: s2.rejected }).toEqual({ inserted: 3, rejected: 1 });
    expect(m.rejects().find((r) => r.severity === "error")).toMatchObject({ line: 3, field: "body", reason: expect.stringMatching(/bytes that are not valid utf-8/) });
    expect(m.items().map((i) => i.id)).toEqual(["J1", "J2", "J4"]);
  });

  it("UTF-16 big-endian without a BOM is recognised", async () => {
    const text = `${HEADER}\r\n${row("A1", "噪音扰民")}\r\n`;
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.alloc(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1], le[i]];
    const t = setup("utf16be.csv", be);
    const s = await t.run();
    expect({ encoding: s.encoding, inserted: s.inserted }).toEqual({ encoding: "utf-16be", inserted: 1 });
    expect(t.items()[0].body).toBe("噪音扰民");
  });

  it("blank files: only a BOM or only line breaks is empty; a header without a newline reads no rows", async () => {
    await expect(setup("bom.csv", "\uFEFF").run()).rejects.toThrow(/bom\.csv: the file is empty: no header row/);
    await expect(setup("blank.csv", "\r\n\r\n\n").run()).rejects.toThrow(/blank\.csv: the file is empty/);
    const s = await setup("header.csv", HEADER).run();
    expect({ read: s.read, rejected: s.rejected }).toEqual({ read: 0, rejected: 0 });
  });
});

describe("bad input: structure", () => {
  it("a 1 MB field with quotes, commas and line breaks, across a chunk boundary, is kept whole", async () => {
    const unit = '段落，含"引号"和,逗号\r\n第二行\n';
    let big = "";
    while (big.length < 500_000) big += unit; // ~1.2 MB of UTF-8
    const quoted = `"${big.replace(/"/g, '""')}"`;
    const lines = [HEADER, row("A1", "前"), row("A2", quoted), row("A3", "后")];
    const t = setup("big-field.csv", lines.join("\r\n") + "\r\n");
    const s = await t.run();
    expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: 3, rejected: 0 });
    const items = t.items();
    expect(Buffer.byteLength(items[1].body!)).toBeGreaterThan(CHUNK);
    // Cells are trimmed of surrounding whitespace (the trailing line break), nothing else changes.
    expect(items[1].body).toBe(big.trim());
    const breaks = (big.match(/\r\n|\n|\r/g) ?? []).length;
    expect(items.map((i) => i.line)).toEqual([2, 3, 4 + breaks]);
  });

  it("a quote that never closes in a 17 MB file rejects its own line only; every later row loads", async () => {
    // Past the parser's 16 M-character limit for one quoted field, so it gives up on the quote before the end.
    const body = "road surface broken, please fix ".replace(",", ";").repeat(31); // ~1,000 characters a row
    const lines = [HEADER, row("A1", "ok"), row("BAD", '"runaway quote, never closed')];
    for (let i = 0; i < 16_500; i++) lines.push(row(`R${i}`, body));
    const t = setup("runaway.csv", lines.join("\n") + "\n");
    const s = await t.run();
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected }).toEqual({ read: 16_502, inserted: 16_501, rejected: 1 });
    expect(t.rejects()[0]).toMatchObject({ line: 3, severity: "error", reason: expect.stringMatching(/unbalanced quote: a field opened with " at line 3 is never closed/) });
    expect(t.items().at(-1)).toMatchObject({ id: "R16499", line: 16_503 });
  }, 60_000);

  it("a row of only commas is rejected for its missing id; a longer row keeps its extra cells in raw", async () => {
    const t = setup("commas.csv", `${HEADER}\n,,,,\n${row("A1", "ok")},多余1,多余2\n`);
    const s = await t.run();
    expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: 1, rejected: 1 });
    expect(t.rejects()[0]).toMatchObject({ line: 2, field: "工单编号", reason: expect.stringMatching(/missing id/) });
    expect(t.db.$client.prepare("SELECT raw FROM item_texts").pluck().get()).toContain("多余2");
  });

  it("duplicate ids with different content in different transactions: the later row is rejected naming the first", async () => {
    const lines = [HEADER, row("DUP", "第一次")];
    for (let i = 0; i < 2500; i++) lines.push(row(`F${i}`, "填充"));
    lines.push(row("DUP", "内容不同"), row("DUP", "第一次"));
    const t = setup("dups.csv", lines.join("\n") + "\n");
    const s = await t.run();
    expect({ inserted: s.inserted, unchanged: s.unchanged, rejected: s.rejected }).toEqual({ inserted: 2501, unchanged: 1, rejected: 1 });
    const r = t.rejects();
    expect(r.find((x) => x.severity === "error")).toMatchObject({ line: 2503, field: "externalId", reason: expect.stringMatching(/duplicate id DUP: line 2 has the same id with different content/) });
    expect(r.find((x) => x.severity === "warning")).toMatchObject({ line: 2504, reason: expect.stringMatching(/duplicate of line 2/) });
    expect(t.items().find((i) => i.id === "DUP")?.body).toBe("第一次");
  });
});

describe("bad input: values", () => {
  it("dates in many formats give the same instant; impossible ones are rejected naming line, field and value", async () => {
    const same = [
      "2026-03-05 14:30:00", "2026/03/05 14:30:00", "2026/3/5 14:30", "2026-03-05T14:30:00", "2026-03-05T06:30:00Z",
      "2026-03-05T14:30:00+08:00", "2026-03-05 07:30:00+0100", "2026.03.05 14:30", "2026年3月5日 14时30分", "2026年03月05日 14:30:00",
      "20260305143000", "20260305 143000", "2026-03-05 02:30:00 PM", "2026-03-05 02:30 下午", "03/05/2026 02:30:00 PM", "46086.6041666667",
    ];
    const bad = ["2026-02-30 10:00", "2026-13-01", "2026-04-31", "2026-03-05 24:00", "2026-03-05 14:60", "2025-02-29", "1899-12-31", "2026-03-05 13:00 PM", "下周三", "0000-00-00 00:00:00"];
    const lines = [HEADER, ...same.map((d, i) => `S${i},${d},同一时刻,市住建局,已派单`), ...bad.map((d, i) => `B${i},${d},坏日期,市住建局,已派单`)];
    const t = setup("dates.csv", lines.join("\n") + "\n");
    const s = await t.run();
    expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: same.length, rejected: bad.length });
    const instants = new Set(t.items().map((i) => i.received_at));
    expect([...instants].map((ms) => new Date(ms).toISOString())).toEqual(["2026-03-05T06:30:00.000Z"]);
    const r = t.rejects();
    expect(r.map((x) => x.line)).toEqual(bad.map((_, i) => same.length + 2 + i));
    for (const [i, x] of r.entries()) {
      expect(x.field).toBe("受理时间");
      expect(x.reason).toContain(`"${bad[i]}"`);
      expect(x.reason).toMatch(/impossible|out of range|unrecognised/);
    }
  });

  it("an impossible date in an optional field rejects the row naming that field", async () => {
    const t = setup("optional.csv", `工单编号,受理时间,诉求内容,承办单位,答复时间\nA1,2026-03-01 09:00,x,市住建局,2026-03-02 10:00\nA2,2026-03-01 09:00,y,市住建局,2026-02-31 10:00\n`);
    const s = await t.run();
    expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: 1, rejected: 1 });
    expect(t.rejects()[0]).toMatchObject({ line: 3, field: "答复时间", reason: expect.stringMatching(/repliedAt: impossible day 2026-2-31/) });
  });

  it("HTML, script and SQL-looking text is stored exactly as written and harms nothing", async () => {
    const hostile = [
      "<script>alert(1)</script>", "'; DROP TABLE items;--", "\"); DELETE FROM items WHERE (\"1\"=\"1", "<img src=x onerror=alert(2)>",
      "{{constructor.constructor('alert(3)')()}}", "${process.exit(1)}", "=cmd|' /C calc'!A0", "\u202Egnp.exe", "Robert'); DROP TABLE item_texts;--",
    ];
    const csv = [HEADER, ...hostile.map((h, i) => `H${i},2026-03-01 09:00:00,"${h.replace(/"/g, '""')}","${h.replace(/"/g, '""')}",已派单`)].join("\n") + "\n";
    const t = setup("hostile.csv", csv);
    const s = await t.run();
    expect({ inserted: s.inserted, rejected: s.rejected }).toEqual({ inserted: hostile.length, rejected: 0 });
    expect(t.items().map((i) => i.body)).toEqual(hostile);
    const dept = t.db.$client.prepare("SELECT department_raw FROM items ORDER BY id").pluck().all();
    expect(dept).toEqual(hostile);
    const tables = t.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('items', 'item_texts')").pluck().all();
    expect(tables.sort()).toEqual(["item_texts", "items"]);
    // Re-import: idempotent, nothing changed by the text.
    const again = await t.run();
    expect({ inserted: again.inserted, updated: again.updated, unchanged: again.unchanged }).toEqual({ inserted: 0, updated: 0, unchanged: hostile.length });
  });

  it("XLSX: formulas give their saved result, merged cells only their top-left; a merged-away required cell rejects its Excel row", async () => {
    const mapping = parseMapping(JSON.parse(fs.readFileSync("docs/mappings/example-district-hotline.json", "utf8")), "example");
    const t = fresh();
    const file = path.join(t.dir, "district.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("工单");
    ws.addRow(["流水号", "登记时间", "反映内容", "主办单位", "标题"]);
    ws.addRow(["D1", new Date(Date.UTC(2026, 2, 2, 9, 0)), "路灯不亮", "市城管局", "路灯"]); // row 2
    ws.addRow(["D2", { formula: "B2+1", result: new Date(Date.UTC(2026, 2, 3, 9, 0)) }, { formula: 'C2&"（又）"', result: "路灯不亮（又）" }, "市城管局", { formula: "1/0", result: { error: "#DIV/0!" } }]); // row 3
    ws.addRow(["D3", new Date(Date.UTC(2026, 2, 4, 9, 0)), "噪音", "市住建局", "噪音"]); // row 4
    ws.addRow(["D4", null, "合并后的空单元格", null, "合并"]); // row 5: B4:B5 and D4:D5 merged
    ws.mergeCells("B4:B5");
    ws.mergeCells("D4:D5");
    ws.getCell("B3").numFmt = "yyyy-mm-dd hh:mm";
    await wb.xlsx.writeFile(file);
    const s = await ingestFile({ db: t.db, file, channel: "hotline", mapping, reportDir: t.dir });
    expect({ read: s.read, inserted: s.inserted, rejected: s.rejected }).toEqual({ read: 4, inserted: 3, rejected: 1 });
    const rows = t.db.$client.prepare("SELECT external_id, received_at, title, body, department_raw, source_line FROM items JOIN item_texts ON item_id = items.id ORDER BY source_line").all() as Record<string, unknown>[];
    expect(rows.map((r) => [r.external_id, r.source_line, r.body, r.title, r.department_raw])).toEqual([
      ["D1", 2, "路灯不亮", "路灯", "市城管局"],
      ["D2", 3, "路灯不亮（又）", null, "市城管局"],
      ["D3", 4, "噪音", "噪音", "市住建局"],
    ]);
    expect(new Date(rows[1].received_at as number).toISOString()).toBe("2026-03-03T01:00:00.000Z");
    const reject = t.db.$client.prepare("SELECT line, field, reason FROM import_rejects").get();
    expect(reject).toMatchObject({ line: 5, field: "登记时间", reason: expect.stringMatching(/receivedAt is required/) });
  });
});

describe("bad input: the command's message", () => {
  it("names file, line and field of the first rejected rows", () => {
    const t = setup("报表.csv", `${HEADER}\n${row("A1", "ok")}\n${row("A2", "x", "2026-02-30 09:00")}\n,,,,\n`);
    const r = runCli([t.file, "--channel", "hotline", "--db", t.file.replace(/\.csv$/, ".db"), "--report-dir", t.dir, "--no-nlp"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("rejected 报表.csv:3: 受理时间: receivedAt: impossible day 2026-2-30");
    expect(r.stdout).toContain("rejected 报表.csv:4: 工单编号: missing id");
    expect(r.stdout).toMatch(/rejects and warnings: .*报表\.rejects\.csv/);
  });
});
