// A 200 MB CSV, generated at test time (streamed to a temp folder, never in git), is read, mapped and prepared
// (the import's read side, ingest/producer.ts) with memory that does not grow with the file: it runs in a process
// whose JavaScript heap is capped at 128 MB, and that process's RSS stays under 300 MB (the file alone is 200 MB,
// its text in memory twice that).
// Bad rows spread through it (impossible dates, a NUL, a GBK row past the first megabyte) are rejected or
// flagged with their exact lines and every other row comes through.
// Writing 200 MB to SQLite is the ingest benchmark's job (npm run bench:ingest -- --items 270000 is about this size);
// tests/robustness/readers.test.ts imports a large file through the CLI while reading from it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tempDir } from "../helpers/temp";

const TARGET_BYTES = 200 * 1024 * 1024;
const HEAP_MB = 128;
const RSS_LIMIT_MB = 300;
const dir = tempDir("minyi-200mb-");

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Expected {
  rows: number;
  badDates: number[];
  nulLine: number;
  gbkLine: number;
}

/** Streams the file to disk; returns what a correct read must find. */
async function generate(file: string): Promise<Expected> {
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  const write = async (s: string | Buffer) => {
    if (!out.write(s)) await new Promise<void>((r) => out.once("drain", () => r()));
  };
  const header = "工单编号,受理时间,诉求内容,承办单位,办理状态\r\n";
  await write(header);
  const filler = "小区门口道路破损，夜间施工噪音扰民，请尽快处理。".repeat(14);
  let bytes = Buffer.byteLength(header);
  let line = 1;
  const expected: Expected = { rows: 0, badDates: [], nulLine: 0, gbkLine: 0 };
  for (let i = 0; bytes < TARGET_BYTES; i++) {
    line++;
    expected.rows++;
    let text: string | Buffer;
    if (i > 0 && i % 50_000 === 0) {
      expected.badDates.push(line);
      text = `RX${i},2026-02-30 09:15:00,"坏日期 ${i}",市住建局,已派单\r\n`;
    } else if (i === 77_777) {
      expected.nulLine = line;
      text = `RX${i},2026-03-01 09:15:00,"含\0空字符",市住建局,已派单\r\n`;
    } else if (i === 5_000) {
      expected.gbkLine = line;
      // "市住建局" in GBK bytes inside an otherwise UTF-8 file.
      text = Buffer.concat([Buffer.from(`RX${i},2026-03-01 09:15:00,"GBK 行",`), Buffer.from([0xca, 0xd0, 0xd7, 0xa1, 0xbd, 0xa8, 0xbe, 0xd6]), Buffer.from(",已派单\r\n")]);
    } else {
      // A quoted body with a doubled quote and a line break inside, as real exports have.
      text = `RX${i},2026-03-${String(1 + (i % 28)).padStart(2, "0")} ${String(i % 24).padStart(2, "0")}:15:00,"第${i}号诉求，""原文""：${filler}\n（续）",市住建局,已派单\r\n`;
      line++; // the embedded line break
    }
    bytes += Buffer.byteLength(text);
    await write(text);
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return expected;
}

describe("a 200 MB file", () => {
  it("is read, mapped and prepared in bounded memory, its bad rows named by line", async () => {
    const file = path.join(dir, "hotline-200mb.csv");
    const started = Date.now();
    const expected = await generate(file);
    const generatedMs = Date.now() - started;
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(TARGET_BYTES);

    // A separate process with a 128 MB heap: reading that kept rows (or the file) in memory would run out of it.
    const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", "tests/robustness/lib/produce-file.ts", file], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as {
      records: number; outOfOrder: number; peakRss: number; ms: number;
      rejects: { line: number; field: string; reason: string }[]; warnings: { line: number; field: string; reason: string }[];
    };
    const peakMb = out.peakRss / 1024 / 1024;
    console.log(
      `200 MB file: ${expected.rows} rows generated in ${(generatedMs / 1000).toFixed(1)} s, read in ${(out.ms / 1000).toFixed(1)} s ` +
        `with a ${HEAP_MB} MB heap; peak RSS ${peakMb.toFixed(0)} MB (limit ${RSS_LIMIT_MB} MB)`,
    );

    expect(out.records).toBe(expected.rows);
    expect(out.outOfOrder).toBe(0);
    expect(out.rejects.map((r) => r.line)).toEqual([expected.gbkLine, ...expected.badDates].sort((a, b) => a - b));
    const byLine = new Map(out.rejects.map((r) => [r.line, r]));
    expect(byLine.get(expected.gbkLine)).toMatchObject({ field: "承办单位", reason: expect.stringMatching(/not valid utf-8/) });
    for (const line of expected.badDates) expect(byLine.get(line)).toMatchObject({ field: "受理时间", reason: expect.stringMatching(/impossible day 2026-2-30/) });
    expect(out.warnings).toEqual([{ line: expected.nulLine, field: "诉求内容", reason: expect.stringMatching(/NUL characters/) }]);
    expect(peakMb).toBeLessThan(RSS_LIMIT_MB);
  }, 120_000);
});
