import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findJsonError, openJson, MAX_JSON_BYTES } from "../../../ingest/read/json";
import type { SourceRecord } from "../../../ingest/read/types";
import { readAll, unreadable } from "../../helpers/read";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minyi-json-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}


describe("openJson jsonl", () => {
  it("reads one object per line: physical lines, blank lines skipped, bad lines become problem records", async () => {
    const lines = [
      '{"id": 12345678901234567890, "标题": "噪音扰民", "回复": null, "标签": ["噪音", "夜间"], "用户": {"名": "张三"}}',
      "",
      '{"id": 2, "点赞": 15, "已办结": true, "得分": 4.5}',
      "{bad json}",
      "[1, 2]",
      '{"id": 3, "新字段": "后出现的列"}',
      "",
    ];
    const file = write("a.jsonl", lines.join("\r\n"));
    const source = await openJson(file, { format: "jsonl", batchSize: 3 });
    expect(source.format).toBe("jsonl");
    expect(source.encoding).toBe("utf-8");
    expect(source.headers).toEqual(["id", "标题", "回复", "标签", "用户", "点赞", "已办结", "得分", "新字段"]);
    const records = await readAll(source);

    expect(records.map((r) => r.line)).toEqual([1, 3, 4, 5, 6]);
    expect(records[0]).toEqual({
      line: 1,
      values: { id: "12345678901234567890", 标题: "噪音扰民", 回复: "", 标签: '["噪音","夜间"]', 用户: '{"名":"张三"}' },
      raw: lines[0],
    });
    expect(records[1].values).toEqual({ id: "2", 点赞: "15", 已办结: "true", 得分: "4.5" });
    expect(records[2]).toMatchObject({ line: 4, values: {}, raw: "{bad json}" });
    expect(records[2].problem?.reason).toMatch(/^invalid JSON: column 2: expected a property name/);
    expect(records[3].problem?.reason).toBe("invalid JSON: expected an object, found an array");
    expect(records[4]).toEqual({ line: 6, values: { id: "3", 新字段: "后出现的列" }, raw: lines[5] });
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it("takes headers from the records read ahead and appends keys that appear later", async () => {
    const n = 60_000; // ~2 MB: more than the first chunk read ahead, and lines cut by chunk boundaries
    const filler = Array.from({ length: n }, (_, i) => JSON.stringify({ id: i + 2, 内容: `填充${i}` }));
    const file = write("late-key.jsonl", [JSON.stringify({ id: 1, 标题: "a" }), ...filler, JSON.stringify({ id: 0, 晚到: "b" })].join("\n"));
    const source = await openJson(file, { format: "jsonl", batchSize: 3 });
    expect(source.headers).toEqual(["id", "标题", "内容"]);
    const records = await readAll(source);
    expect(records).toHaveLength(n + 2);
    expect(records.slice(1, -1).filter((r, i) => r.line !== i + 2 || r.values.内容 !== `填充${i}` || r.problem)).toEqual([]);
    expect(records[n + 1]).toMatchObject({ line: n + 2, values: { id: "0", 晚到: "b" } });
    expect(source.headers).toEqual(["id", "标题", "内容", "晚到"]);
  });

  it("detects GB18030/GBK text", async () => {
    const ascii = (s: string) => Buffer.from(s, "latin1");
    const nihao = Buffer.from([0xc4, 0xe3, 0xba, 0xc3]); // 你好
    const zhongwen = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文
    const file = write(
      "gbk.jsonl",
      Buffer.concat([ascii('{"id":1,"t":"'), nihao, ascii('"}\n{"id":2,"t":"'), zhongwen, ascii('"}\n{oops\n')]),
    );
    const source = await openJson(file, { format: "jsonl" });
    expect(source.encoding).toBe("gb18030");
    const records = await readAll(source);
    expect(records.map((r) => r.values.t)).toEqual(["你好", "中文", undefined]);
    expect(records[2]).toMatchObject({ line: 3, raw: "{oops" });
    expect(records[2].problem?.reason).toMatch(/^invalid JSON/);
  });

  it("detects UTF-16LE with a BOM", async () => {
    const text = '{"标题":"市民来信","id":1}\n{"标题":"热线工单","id":2}\n';
    const file = write("utf16.jsonl", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const source = await openJson(file, { format: "jsonl" });
    expect(source.encoding).toBe("utf-16le");
    expect(source.headers).toEqual(["标题", "id"]);
    expect((await readAll(source)).map((r) => r.values)).toEqual([
      { 标题: "市民来信", id: "1" },
      { 标题: "热线工单", id: "2" },
    ]);
  });

  it("reads a UTF-8 BOM and a last line without newline; batches have batchSize records", async () => {
    const rows = Array.from({ length: 25 }, (_, i) => JSON.stringify({ n: i }));
    const file = write("bom.jsonl", "\uFEFF" + rows.join("\n"));
    const source = await openJson(file, { format: "jsonl", batchSize: 10 });
    const sizes: number[] = [];
    const all: SourceRecord[] = [];
    for await (const batch of source.batches) {
      sizes.push(batch.length);
      all.push(...batch);
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(all.map((r) => r.values.n)).toEqual(rows.map((_, i) => String(i)));
    expect(all[0].raw).toBe('{"n":0}');
  });

  it("rejects an empty file and a JSON document given as JSON Lines", async () => {
    expect(await unreadable(openJson(write("empty.jsonl", "\n \n"), { format: "jsonl" }))).toMatch(/empty/);
    const pretty = write("pretty.jsonl", JSON.stringify([{ a: 1 }, { a: 2 }], null, 2));
    expect(await unreadable(openJson(pretty, { format: "jsonl" }))).toMatch(/not JSON Lines.*"format": "json"/);
    const oneLine = write("oneline.jsonl", JSON.stringify([{ a: 1 }, { a: 2 }]));
    expect(await unreadable(openJson(oneLine, { format: "jsonl" }))).toMatch(/not JSON Lines/);
  });
});

describe("openJson json", () => {
  it("reads a top-level array: line = index + 1, raw = the object's JSON, headers = union of keys", async () => {
    const items = [{ id: 1, 标题: "路灯不亮" }, { id: 2, 内容: { 详情: "x" }, 标题: null }, "not an object", { 点赞: 3 }];
    const file = write("a.json", JSON.stringify(items, null, 2));
    const source = await openJson(file, { format: "json", batchSize: 3 });
    expect(source.format).toBe("json");
    expect(source.headers).toEqual(["id", "标题", "内容", "点赞"]);
    expect(source.bytesRead()).toBe(0);
    const records = await readAll(source);
    expect(records).toEqual([
      { line: 1, values: { id: "1", 标题: "路灯不亮" }, raw: '{"id":1,"标题":"路灯不亮"}' },
      { line: 2, values: { id: "2", 内容: '{"详情":"x"}', 标题: "" }, raw: '{"id":2,"内容":{"详情":"x"},"标题":null}' },
      { line: 3, values: {}, raw: '"not an object"', problem: { reason: "invalid JSON: expected an object, found a string" } },
      { line: 4, values: { 点赞: "3" }, raw: '{"点赞":3}' },
    ]);
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it("finds the array at jsonPath, and keeps long integer ids exact", async () => {
    const text = '{"code": 0, "data": {"total": 2, "items": [{"mid": 4987654321098765432, "text": "你好"}, {"mid": 5, "text": "12345678901234567890"}]}}';
    const file = write("wrapped.json", text);
    for (const jsonPath of ["data.items", "$.data.items"]) {
      const source = await openJson(file, { format: "json", jsonPath });
      expect(source.headers).toEqual(["mid", "text"]);
      expect((await readAll(source)).map((r) => r.values)).toEqual([
        { mid: "4987654321098765432", text: "你好" },
        { mid: "5", text: "12345678901234567890" },
      ]);
    }
    const indexed = write("indexed.json", '{"pages": [{"rows": [{"a": 1}]}]}');
    expect((await readAll(await openJson(indexed, { format: "json", jsonPath: "pages.0.rows" })))[0].values).toEqual({ a: "1" });
  });

  it("explains a missing or wrong jsonPath", async () => {
    const file = write("wrapped2.json", JSON.stringify({ code: 0, data: { total: 2, items: [{ a: 1 }, { a: 2 }] } }));
    expect(await unreadable(openJson(file, { format: "json" }))).toMatch(/the JSON is an object, not an array of records; set "jsonPath".*"data\.items" \(2 items\)/);
    expect(await unreadable(openJson(file, { format: "json", jsonPath: "data.rows" }))).toMatch(/jsonPath "data\.rows": "rows" not found at "data" \(keys there: "total", "items"\)/);
    expect(await unreadable(openJson(file, { format: "json", jsonPath: "data" }))).toMatch(/points to an object, not an array/);
  });

  it("reports the line and column of a syntax error", async () => {
    const file = write("bad.json", '[\n  {"id": 1, "标题": "路灯"},\n  {"id": 2,, "标题": "井盖"}\n]\n');
    const message = await unreadable(openJson(file, { format: "json" }));
    expect(message).toContain("invalid JSON at line 3, column 12: expected a property name in double quotes, found \",\"");

    const cut = write("cut.json", '[{"id": 1}, {"id": 2');
    expect(await unreadable(openJson(cut, { format: "json" }))).toMatch(/line 1, column 21: unexpected end of file \(missing "}]"\)/);

    const jsonl = write("lines.json", '{"id": 1}\n{"id": 2}\n');
    expect(await unreadable(openJson(jsonl, { format: "json" }))).toMatch(/line 2, column 1: .*looks like JSON Lines/);

    expect(await unreadable(openJson(write("blank.json", "  \n"), { format: "json" }))).toMatch(/empty/);
  });

  it("reads GB18030 and UTF-16 JSON files", async () => {
    const gbk = write("gbk.json", Buffer.concat([Buffer.from('[{"t":"', "latin1"), Buffer.from([0xc4, 0xe3, 0xba, 0xc3]), Buffer.from('"}]', "latin1")]));
    const a = await openJson(gbk, { format: "json" });
    expect(a.encoding).toBe("gb18030");
    expect((await readAll(a))[0].values).toEqual({ t: "你好" });
    const utf16 = write("utf16.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('[{"t":"中文"}]', "utf16le")]));
    expect((await readAll(await openJson(utf16, { format: "json" })))[0].values).toEqual({ t: "中文" });
  });

  it("refuses JSON arrays above the size limit, pointing to JSON Lines", async () => {
    const file = path.join(dir, "huge.json");
    fs.writeFileSync(file, "[");
    fs.truncateSync(file, MAX_JSON_BYTES + 1); // sparse: takes no disk space
    expect(await unreadable(openJson(file, { format: "json" }))).toMatch(/limit is 512 MB.*JSON Lines/);
  });
});

describe("findJsonError", () => {
  it("locates syntax errors", () => {
    expect(findJsonError('{"a": 1}')).toBeNull();
    expect(findJsonError("[1,2,]")).toEqual({ offset: 5, reason: "trailing comma before ']'" });
    expect(findJsonError('{"a" 1}')).toEqual({ offset: 5, reason: "expected ':' after the property name, found \"1\"" });
    expect(findJsonError("{'a': 1}")?.reason).toContain("double quotes");
    expect(findJsonError('{"a": "x\ny"}')).toEqual({ offset: 8, reason: "unterminated string (line break inside a string)" });
    expect(findJsonError('{"a": "\\q"}')).toEqual({ offset: 7, reason: "invalid escape '\\q' in a string" });
    expect(findJsonError("[1] 2")).toEqual({ offset: 4, reason: 'unexpected "2" after the end of the JSON value' });
    expect(findJsonError('{"a": tru}')).toEqual({ offset: 6, reason: 'expected a value, found "t"' });
  });
});
