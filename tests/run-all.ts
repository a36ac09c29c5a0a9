// `npm test`: runs every vitest suite and ends with one summary line "N passed, N failed, N skipped".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "minyi-test-")), "report.json");
const vitest = path.join(process.cwd(), "node_modules", "vitest", "vitest.mjs");
const result = spawnSync(process.execPath, [vitest, "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  stdio: "inherit",
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number };
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTestSuites > 0 && json.numFailedTests === 0 ? json.numFailedTestSuites : 0);
  skipped = json.numPendingTests + json.numTodoTests;
} else failed = 1;
// A worker that crashed (or an error outside any test) fails the run even when no test reported failing: its
// file's remaining tests never ran and show as pending, so count the run as a failure rather than a skip.
const crashed = result.status !== 0 && failed === 0;
if (crashed) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped${crashed ? " (vitest exited with an error outside the tests: see above)" : ""}`);
process.exit(result.status === 0 && failed === 0 ? 0 : 1);
