import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openXlsx } from "../../../ingest/read/xlsx";
import type { SourceRecord } from "../../../ingest/read/types";
import { readAll, unreadable } from "../../helpers/read";

let dir: string;
let book: string;


beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "minyi-xlsx-"));
  book = path.join(dir, "book.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("工单");
  // Row 1 is left empty: the header is the first non-empty row.
  ws.getRow(2).values = ["编号", "标题", "受理时间", "数量", "合计", "备注", "", "标题"];
  ws.getRow(3).values = [
    4987654321098765,
    "噪音扰民",
    new Date(Date.UTC(2024, 0, 15, 8, 30, 5)),
    3,
    { formula: "D3*2", result: 6 },
    { richText: [{ text: "红", font: { bold: true } }, { text: "色" }] },
    "",
    true,
  ];
  ws.getRow(4).values = [
    1e21,
    { text: "百度一下", hyperlink: "https://www.baidu.com" },
    { formula: "C3+1", result: new Date(Date.UTC(2024, 0, 16, 8, 30, 5)) },
    0.1 + 0.2,
    { formula: 'A2&"-"&B2', result: "编号-标题" },
    { error: "#N/A" },
    null,
    { formula: "1/0", result: { error: "#DIV/0!" } },
  ];
  ws.getCell("D4").numFmt = "0.00";
  ws.getCell("C4").numFmt = "yyyy-mm-dd hh:mm:ss";
  // Row 5 blank (skipped); row 6: merged B6:C7 and a cell beyond the header.
  ws.getCell("A6").value = 7;
  ws.mergeCells("B6:C7");
  ws.getCell("B6").value = "合并单元格";
  ws.getCell("J6").value = "多出来的";
  ws.getCell("A8").value = 8;
  ws.getCell("C8").value = 0.5; // a time of day without a date
  ws.getCell("C8").numFmt = "hh:mm:ss";
  const other = wb.addWorksheet("明细");
  other.addRow(["id", "内容"]);
  other.addRow([1, "第二个工作表"]);
  await wb.xlsx.writeFile(book);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("openXlsx", () => {
  it("reads the first worksheet: header from the first non-empty row, lines = row numbers, cell values as text", async () => {
    const source = await openXlsx(book, {});
    expect(source.format).toBe("xlsx");
    expect(source.headers).toEqual(["编号", "标题", "受理时间", "数量", "合计", "备注", "column_7", "标题_2"]);
    const records = await readAll(source);
    expect(records.map((r) => r.line)).toEqual([3, 4, 6, 8]);

    expect(records[0].values).toEqual({
      编号: "4987654321098765",
      标题: "噪音扰民",
      受理时间: "2024-01-15 08:30:05",
      数量: "3",
      合计: "6",
      备注: "红色",
      column_7: "",
      标题_2: "true",
    });
    expect(records[1].values).toEqual({
      编号: "1000000000000000000000",
      标题: "百度一下",
      受理时间: "2024-01-16 08:30:05",
      数量: "0.3",
      合计: "编号-标题",
      备注: "",
      column_7: "",
      标题_2: "",
    });
    // Merged cells: only the top-left cell has the value; extra cells beyond the header go to `extra`.
    expect(records[2].values).toMatchObject({ 编号: "7", 标题: "合并单元格", 受理时间: "" });
    expect(records[2].extra).toEqual(["", "多出来的"]);
    expect(records[3].values).toMatchObject({ 编号: "8", 标题: "", 受理时间: "12:00:00" });
    expect(records.every((r) => !r.problem)).toBe(true);

    expect(JSON.parse(records[0].raw)).toEqual(records[0].values);
    expect(JSON.parse(records[2].raw)).toEqual({ ...records[2].values, _extra: ["", "多出来的"] });
    expect(source.bytesRead()).toBe(source.totalBytes);
    expect(source.totalBytes).toBe(fs.statSync(book).size);
  });

  it("never returns formula text", async () => {
    const records = await readAll(await openXlsx(book, {}));
    for (const r of records) for (const v of Object.values(r.values)) expect(v).not.toMatch(/D3\*2|C3\+1|&"-"&|1\/0/);
  });

  it("reads a named worksheet, tolerating case and spaces", async () => {
    const source = await openXlsx(book, { sheet: " 明细 " });
    expect(source.headers).toEqual(["id", "内容"]);
    expect((await openXlsx(path.join(dir, "..", path.basename(dir), "book.xlsx"), { sheet: "工单" })).headers[0]).toBe("编号");
    expect(await readAll(source)).toEqual([{ line: 2, values: { id: "1", 内容: "第二个工作表" }, raw: '{"id":"1","内容":"第二个工作表"}' }]);
  });

  it("lists the worksheets when the named one is missing", async () => {
    const message = await unreadable(openXlsx(book, { sheet: "Sheet1" }));
    expect(message).toContain('worksheet "Sheet1" not found');
    expect(message).toContain('"工单", "明细"');
  });

  it("yields batches of batchSize and keeps Chinese text intact across compressed chunk boundaries", async () => {
    const file = path.join(dir, "big.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("数据");
    ws.addRow(["id", "内容"]);
    const text = (i: number) => `市民反映${i}号小区夜间施工噪音扰民，希望有关部门尽快处理。`;
    for (let i = 0; i < 6000; i++) ws.addRow([i, text(i)]);
    await wb.xlsx.writeFile(file);

    const source = await openXlsx(file, { batchSize: 1000 });
    const sizes: number[] = [];
    const records: SourceRecord[] = [];
    for await (const batch of source.batches) {
      sizes.push(batch.length);
      records.push(...batch);
    }
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    const wrong = records.filter((r, i) => r.values["内容"] !== text(i) || r.line !== i + 2);
    expect(wrong).toEqual([]);
  });

  it("can be abandoned after the first batch", async () => {
    const source = await openXlsx(book, { batchSize: 1 });
    for await (const batch of source.batches) {
      expect(batch).toHaveLength(1);
      break;
    }
    // And the file can be read again.
    expect(await readAll(await openXlsx(book, {}))).toHaveLength(4);
  });

  it("rejects a file that is not an xlsx with a clear message", async () => {
    const csv = path.join(dir, "text.xlsx");
    fs.writeFileSync(csv, "a,b\n1,2\n");
    expect(await unreadable(openXlsx(csv, {}))).toMatch(/not a valid \.xlsx file \(it is not a ZIP archive\)/);

    const xls = path.join(dir, "old.xlsx");
    fs.writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(await unreadable(openXlsx(xls, {}))).toMatch(/Excel 97-2003 \.xls/);

    const empty = path.join(dir, "empty.xlsx");
    fs.writeFileSync(empty, "");
    expect(await unreadable(openXlsx(empty, {}))).toMatch(/empty/);

    expect(await unreadable(openXlsx(path.join(dir, "missing.xlsx"), {}))).toMatch(/ENOENT/);

    const zip = path.join(dir, "notes.xlsx");
    fs.writeFileSync(zip, storedZip([["readme.txt", "hello"]]));
    expect(await unreadable(openXlsx(zip, {}))).toMatch(/no worksheets found/);
  });

  it("rejects a truncated or damaged xlsx instead of hanging", { timeout: 15_000 }, async () => {
    const bytes = fs.readFileSync(book);
    const truncated = path.join(dir, "truncated.xlsx");
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await unreadable(openXlsx(truncated, {}))).toMatch(/not a valid \.xlsx file or damaged/);

    // Garbage in the compressed data of one entry: the zip parser reports it, exceljs would wait forever.
    for (const entry of ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml"]) {
      const file = path.join(dir, "damaged.xlsx");
      fs.writeFileSync(file, damageEntry(bytes, entry));
      const message = await unreadable(openXlsx(file, {}).then(readAll));
      expect(message).toMatch(/not a valid \.xlsx file or damaged/);
    }
  });

  // Also guards against unzipper ending before the last small (here uncompressed) parts were handed out.
  it("reads the same records whatever the order of the parts inside the ZIP", async () => {
    const expected = await readAll(await openXlsx(book, {}));
    const expectedOther = await readAll(await openXlsx(book, { sheet: "明细" }));
    const parts = unzipEntries(fs.readFileSync(book));
    const rank = (order: RegExp[]) => (name: string) => {
      const i = order.findIndex((re) => re.test(name));
      return i === -1 ? order.length : i;
    };
    const orders: Record<string, RegExp[]> = {
      // Worksheets parsed on the spot, the first one skipped when reading the second.
      workbookFirst: [/^\[Content_Types]/, /^_rels/, /workbook\.xml$/, /workbook\.xml\.rels$/, /styles/, /sharedStrings/, /sheet1\.xml$/, /sheet2\.xml$/],
      // Styles (date formats) after the worksheets.
      stylesLast: [/^\[Content_Types]/, /^_rels/, /workbook\.xml$/, /workbook\.xml\.rels$/, /sharedStrings/, /sheet\d\.xml$/, /./, /styles/],
      // Sheet names after the worksheets.
      workbookLast: [/^\[Content_Types]/, /^_rels/, /workbook\.xml\.rels$/, /sharedStrings/, /styles/, /sheet\d\.xml$/, /./, /workbook\.xml$/],
      // Shared strings last.
      sharedStringsLast: [/^\[Content_Types]/, /./, /sharedStrings/],
    };
    for (const [label, order] of Object.entries(orders)) {
      const by = rank(order);
      const file = path.join(dir, `order-${label}.xlsx`);
      fs.writeFileSync(file, storedZip([...parts].sort((a, b) => by(a[0]) - by(b[0]))));
      expect({ label, records: await readAll(await openXlsx(file, {})) }).toEqual({ label, records: expected });
      expect({ label, records: await readAll(await openXlsx(file, { sheet: "明细" })) }).toEqual({ label, records: expectedOther });
    }
    // Without styles.xml (allowed): dates can't be told from numbers, everything else reads the same.
    const file = path.join(dir, "no-styles.xlsx");
    fs.writeFileSync(file, storedZip(parts.filter(([name]) => !name.includes("styles"))));
    expect(await readAll(await openXlsx(file, { sheet: "明细" }))).toEqual(expectedOther);
    const plain = await readAll(await openXlsx(file, {}));
    expect(plain[0].values).toEqual({ ...expected[0].values, 受理时间: "45306.354224537" });
  });

  it("rejects a worksheet without any non-empty row", async () => {
    const file = path.join(dir, "blank.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("空表").getCell("B3").value = "";
    await wb.xlsx.writeFile(file);
    expect(await unreadable(openXlsx(file, {}))).toMatch(/worksheet "空表" is empty: no header row/);
  });
});

/** The xlsx with the middle of one entry's compressed data overwritten. */
function damageEntry(zip: Buffer, entry: string): Buffer {
  const out = Buffer.from(zip);
  const at = out.indexOf(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04])]), 0);
  for (let pos = at; pos !== -1; pos = out.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), pos + 4)) {
    const nameLength = out.readUInt16LE(pos + 26);
    const extraLength = out.readUInt16LE(pos + 28);
    const size = out.readUInt32LE(pos + 18);
    if (out.toString("utf8", pos + 30, pos + 30 + nameLength) !== entry) continue;
    const data = pos + 30 + nameLength + extraLength;
    const compressedSize = size || 64; // sizes may be in a data descriptor after the data
    for (let i = data + Math.floor(compressedSize / 3); i < data + Math.floor((2 * compressedSize) / 3); i++) out[i] ^= 0x55;
    return out;
  }
  throw new Error(`no entry ${entry}`);
}

/** The files of a ZIP archive, in archive order (read through the central directory). */
function unzipEntries(zip: Buffer): [string, Buffer][] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let pos = zip.readUInt32LE(eocd + 16);
  const out: [string, Buffer][] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(pos + 10);
    const compressedSize = zip.readUInt32LE(pos + 20);
    const nameLength = zip.readUInt16LE(pos + 28);
    const skip = nameLength + zip.readUInt16LE(pos + 30) + zip.readUInt16LE(pos + 32);
    const name = zip.toString("utf8", pos + 46, pos + 46 + nameLength);
    const local = zip.readUInt32LE(pos + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressedSize);
    if (!name.endsWith("/")) out.push([name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data)]);
    pos += 46 + skip;
  }
  return out;
}

/** A ZIP archive of uncompressed files, in the given order. */
function storedZip(files: [string, Buffer | string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}
