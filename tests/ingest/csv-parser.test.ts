import { describe, expect, it } from "vitest";
import { CsvParser, type CsvRow } from "../../ingest/read/csv-parser";

function parseAll(text: string, chunkSizes?: number[]): CsvRow[] {
  const p = new CsvParser();
  const rows: CsvRow[] = [];
  if (!chunkSizes) rows.push(...p.push(text));
  else {
    let pos = 0;
    let i = 0;
    while (pos < text.length) {
      const size = chunkSizes[i++ % chunkSizes.length];
      rows.push(...p.push(text.slice(pos, pos + size)));
      pos += size;
    }
  }
  rows.push(...p.end());
  return rows;
}

describe("CsvParser", () => {
  it("parses quoted fields with commas, doubled quotes and embedded newlines, tracking lines", () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"multi\nline\ntext",z\r\n3,,\r\n';
    const rows = parseAll(text);
    expect(rows.map((r) => r.cells)).toEqual([
      ["a", "b", "c"],
      ["1", "x, y", 'say "hi"'],
      ["2", "multi\nline\ntext", "z"],
      ["3", "", ""],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 6]);
    expect(rows[1].raw).toBe('1,"x, y","say ""hi"""');
  });

  it("gives the same rows whatever the chunk boundaries", () => {
    const text = 'id,text\n1,"a ""quoted"" word, and\r\nmore"\r\n2,plain\r3,"end"\n4,"x"';
    const whole = parseAll(text);
    for (const sizes of [[1], [2], [3, 1], [5, 7, 2], [13]]) {
      expect(parseAll(text, sizes)).toEqual(whole);
    }
    expect(whole.map((r) => r.cells[0])).toEqual(["id", "1", "2", "3", "4"]);
  });

  it("keeps ragged rows as they are and skips blank lines", () => {
    const rows = parseAll("a,b,c\n1,2\n\n1,2,3,4\n");
    expect(rows.map((r) => r.cells.length)).toEqual([3, 2, 4]);
    expect(rows[2].line).toBe(4);
  });

  it("rejects only the row with an unbalanced quote and reads the rest", () => {
    const rows = parseAll('a,b\n1,"never closed\n2,ok\n3,fine\n');
    const bad = rows.find((r) => r.problem);
    expect(bad?.line).toBe(2);
    expect(bad?.problem).toMatch(/unbalanced quote/);
    expect(rows.filter((r) => !r.problem).map((r) => r.cells)).toEqual([["a", "b"], ["2", "ok"], ["3", "fine"]]);
  });

  it("handles a last row without a newline and a trailing comma", () => {
    expect(parseAll("a,b\n1,").map((r) => r.cells)).toEqual([["a", "b"], ["1", ""]]);
  });
});
