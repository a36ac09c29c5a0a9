// The ingest command line: presets list, JSON summary as the last line, exit codes and messages.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hotlineCsv, runCli } from "../helpers/cli";
import { tempDir } from "../helpers/temp";

describe("npm run ingest", () => {
  it("lists the presets", () => {
    const r = runCli(["--list-presets"]);
    expect(r.status).toBe(0);
    for (const name of ["teddy-cup-labeled", "teddy-cup-votes", "teddy-cup-replies", "teddy-cup-unlabeled", "weibo-crawler-posts", "weibospider-comments", "nyc311-export", "nyc311-api", "minyi-hotline"]) {
      expect(r.stdout).toContain(name);
    }
  });

  it("prints the JSON summary as the last line and is idempotent", () => {
    const dir = tempDir();
    const file = path.join(dir, "orders.csv");
    fs.writeFileSync(file, hotlineCsv(50));
    const args = [file, "--channel", "hotline", "--db", path.join(dir, "t.db"), "--report-dir", dir, "--json"];
    const first = runCli(args);
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout.trim().split("\n").at(-1)!);
    expect(summary).toMatchObject({ read: 50, inserted: 50, updated: 0, unchanged: 0, rejected: 0, rejectsFile: null });
    expect(first.stderr).toContain("江南区人民政府"); // unmatched unit names are listed for an admin
    const second = JSON.parse(runCli(args).stdout.trim().split("\n").at(-1)!);
    expect(second).toMatchObject({ read: 50, inserted: 0, updated: 0, unchanged: 50, rejected: 0 });
  });

  it("exits non-zero with a clear message for a file it cannot read", () => {
    const dir = tempDir();
    const missing = runCli([path.join(dir, "nope.csv"), "--channel", "hotline", "--db", path.join(dir, "t.db")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope.csv: cannot open file \(ENOENT\)/);
    const binary = path.join(dir, "binary.csv");
    fs.writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x81, 0x00, 0x00]));
    const r = runCli([binary, "--channel", "hotline", "--db", path.join(dir, "t.db")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/binary.csv:/);
  });

  it("rejects bad arguments with usage", () => {
    const r = runCli(["x.csv", "--channel", "fax"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--channel must be one of hotline, mailbox, weibo/);
  });
});
