// CSV cells and streams: RFC 4180 quoting, CRLF, the UTF-8 BOM, the formula-injection guard, typed values.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvField, csvLine, csvStream, UTF8_BOM } from "../../db/exports/csv";
import { shanghaiMinute, tableFromArray, type ExportColumn } from "../../db/exports/table";

const read = async (s: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(s).arrayBuffer());

describe("CSV cells", () => {
  it("quotes fields with quotes, commas or line breaks, and doubles the quotes", () => {
    expect(csvField("plain 文本")).toBe("plain 文本");
    expect(csvField('他说"你好"')).toBe('"他说""你好"""');
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField("第一行\r\n第二行")).toBe('"第一行\r\n第二行"');
    expect(csvField("第一行\n第二行")).toBe('"第一行\n第二行"');
    expect(csvField("")).toBe("");
    expect(csvField(null)).toBe("");
  });

  it("puts an apostrophe before text that Excel would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://evil.example","点击")')).toBe(`"'=HYPERLINK(""http://evil.example"",""点击"")"`);
    expect(csvField("+86 138")).toBe("'+86 138");
    expect(csvField("-5℃ 供暖不热")).toBe("'-5℃ 供暖不热");
    expect(csvField("@江城发布 噪音")).toBe("'@江城发布 噪音");
    expect(csvField("\t=1+1")).toBe("'\t=1+1");
    expect(csvField("a=1")).toBe("a=1");
    // Numbers are numbers, not text: a negative change is written as it is.
    expect(csvField(-0.125, "percent")).toBe("-12.5%");
    expect(csvField(-3, "integer")).toBe("-3");
  });

  it("writes rates as percentages, decimals with at most two places, and instants in Shanghai time", () => {
    expect(csvField(0.85274, "percent")).toBe("85.27%");
    expect(csvField(1, "percent")).toBe("100%");
    expect(csvField(2.3456, "decimal")).toBe("2.35");
    expect(csvField(12, "integer")).toBe("12");
    expect(csvField(Date.parse("2026-01-31T17:05:00Z"), "datetime")).toBe("2026-02-01 01:05");
    expect(csvField(Number.NaN, "decimal")).toBe("");
    expect(shanghaiMinute(Date.parse("2024-02-29T15:59:59Z"))).toBe("2024-02-29 23:59");
  });

  it("ends each record with CRLF", () => {
    const cols: ExportColumn[] = [{ header: "a", type: "text" }, { header: "b", type: "integer" }];
    expect(csvLine(["x,y", 3], cols)).toBe('"x,y",3\r\n');
    expect(csvLine([null, null], cols)).toBe(",\r\n");
  });
});

describe("CSV stream", () => {
  const columns: ExportColumn[] = [{ header: "编号", type: "text" }, { header: "内容", type: "text" }, { header: "受理时间", type: "datetime" }];
  const rows = Array.from({ length: 500 }, (_, i) => [`N${i}`, i % 2 ? `含"引号",逗号\n换行 ${i}` : `=cmd|${i}`, Date.parse("2026-10-08T01:00:00Z") + i * 60_000]);

  it("starts with the UTF-8 BOM and a header, and round-trips through a CSV parser", async () => {
    const bytes = await read(csvStream(tableFromArray("t", columns, rows), { chunkChars: 1000 }));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(`${UTF8_BOM}编号,内容,受理时间\r\n`)).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    const parsed = parse(text, { bom: true }) as string[][];
    expect(parsed).toHaveLength(501);
    expect(parsed[2]).toEqual(["N1", `含"引号",逗号\n换行 1`, "2026-10-08 09:01"]);
    expect(parsed[1][1]).toBe("'=cmd|0");
  });

  it("reads rows only as they are pulled, and releases the table when cancelled", async () => {
    let pulled = 0;
    let closed = 0;
    const source = rows[Symbol.iterator]();
    const table = {
      sheetName: "t", columns,
      rows: { next: () => { pulled++; return source.next(); } },
      close: () => closed++,
    };
    const reader = csvStream(table, { chunkChars: 100 }).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 10));
    // One chunk read, at most one more produced ahead of it: a few rows, never the whole table.
    expect(pulled).toBeLessThan(10);
    await reader.cancel();
    expect(closed).toBe(1);
  });

  it("an empty table is a BOM and the header", async () => {
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await read(csvStream(tableFromArray("t", columns, []))));
    expect(text).toBe(`${UTF8_BOM}编号,内容,受理时间\r\n`);
  });
});
