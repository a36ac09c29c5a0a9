// npm run bulletin -- --period 2026-10 [--assessment] [--department NAME] --format docx|xlsx|html --out FILE
// Arguments, checks and exit codes only; the bulletin is model.server.ts + render.server.ts.
// Exit codes: 0 written; 2 usage errors (bad or missing option, bad period, unknown department or format,
// unwritable --out, missing database); 1 anything unexpected.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../../db/client";
import { resolveDatabasePath } from "../../db/env";
import { BulletinRequestError, buildBulletinModel, findDepartment } from "./model.server";
import { renderBulletin } from "./render.server";
import { BULLETIN_FORMATS, type BulletinFormat } from "./types";

const USAGE = `Usage: npm run bulletin -- --period PERIOD --format docx|xlsx|html --out FILE [options]
  --period PERIOD          the period, as on the dashboard: 2026-10 (also 2026-Q3, 2026-W40, 2026, A2026-10, 2026-10-01~2026-10-31)
  --assessment             the assessment month (考核月) named by --period's month instead of the calendar month
  --assessment-start-day N day of month an assessment month starts on, 1–28 (default 1: the calendar month)
  --department NAME        one department (its name, short name or an alias; default: the whole city)
  --scope all              全口径: count excluded items too (default 不含剔除)
  --format FORMAT          docx (Word), xlsx (Excel) or html (print-ready page); default from --out's extension
  --out FILE               where to write the bulletin
  --db PATH                database file (default: DATABASE_PATH or data/minyi.db)
  --json                   print {"file":…,"bytes":…,"ms":…} as the last line of stdout`;

class UsageError extends Error {}

interface Options {
  period: string;
  assessment: boolean;
  assessmentStartDay?: number;
  department?: string;
  includeExcluded: boolean;
  format: BulletinFormat;
  out: string;
  db?: string;
  json: boolean;
}

function parseOptions(argv: string[]): Options | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        period: { type: "string" },
        assessment: { type: "boolean", default: false },
        "assessment-start-day": { type: "string" },
        department: { type: "string" },
        scope: { type: "string" },
        format: { type: "string" },
        out: { type: "string" },
        db: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return "help";
  if (!values.period) throw new UsageError("--period is required (e.g. --period 2026-10)");
  if (!values.out) throw new UsageError("--out is required (the file to write)");
  const format = (values.format ?? path.extname(values.out).slice(1)).toLowerCase();
  if (!(BULLETIN_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(values.format ? `unknown --format "${values.format}" (expected ${BULLETIN_FORMATS.join(", ")})` : `--format is required when --out has no .docx, .xlsx or .html extension`);
  }
  let assessmentStartDay: number | undefined;
  if (values["assessment-start-day"] !== undefined) {
    assessmentStartDay = Number(values["assessment-start-day"]);
    if (!Number.isInteger(assessmentStartDay) || assessmentStartDay < 1 || assessmentStartDay > 28) throw new UsageError(`--assessment-start-day: expected a whole number 1–28, got "${values["assessment-start-day"]}"`);
    if (!values.assessment) throw new UsageError("--assessment-start-day needs --assessment");
  }
  if (values.scope !== undefined && values.scope !== "all") throw new UsageError(`--scope: the only value is "all" (全口径), got "${values.scope}"`);
  return {
    period: values.period, assessment: values.assessment ?? false, assessmentStartDay, department: values.department,
    includeExcluded: values.scope === "all", format: format as BulletinFormat, out: values.out, db: values.db, json: values.json ?? false,
  };
}

/** Fails before any work when the output cannot be written: a missing folder, a folder given as file, no permission. */
function checkWritable(out: string): void {
  const file = path.resolve(out);
  const dir = path.dirname(file);
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (st?.isDirectory()) throw new UsageError(`--out ${out}: is a directory`);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out ${out}: folder ${dir} does not exist`);
  try {
    fs.accessSync(st ? file : dir, fs.constants.W_OK);
  } catch {
    throw new UsageError(`--out ${out}: not writable`);
  }
}

export async function main(argv: string[]): Promise<number> {
  let o: Options | "help";
  try {
    o = parseOptions(argv);
    if (o === "help") {
      console.log(USAGE);
      return 0;
    }
    checkWritable(o.out);
    const dbFile = resolveDatabasePath(o.db);
    if (!fs.existsSync(dbFile)) throw new UsageError(`database ${dbFile} does not exist (set --db or DATABASE_PATH)`);
  } catch (e) {
    if (e instanceof UsageError) return usageError(e.message);
    throw e;
  }
  const started = performance.now();
  const db = openDatabase(o.db);
  try {
    const departmentId = o.department === undefined ? undefined : findDepartment(db, { name: o.department }).id;
    const model = buildBulletinModel(db, { period: o.period, assessment: o.assessment, assessmentStartDay: o.assessmentStartDay, departmentId, includeExcluded: o.includeExcluded });
    const rendered = await renderBulletin(model, o.format);
    try {
      fs.writeFileSync(o.out, rendered.bytes);
    } catch (e) {
      return usageError(`--out ${o.out}: ${(e as Error).message}`);
    }
    const ms = Math.round(performance.now() - started);
    const line = `${o.out}: ${model.title}${model.subtitle} (${o.format}, ${rendered.bytes.length.toLocaleString("en-US")} bytes, ${ms} ms)`;
    if (o.json) {
      console.error(line);
      console.log(JSON.stringify({ file: o.out, format: o.format, bytes: rendered.bytes.length, ms, title: model.title, period: model.period.key, asOf: model.asOf }));
    } else console.log(line);
    return 0;
  } catch (e) {
    if (e instanceof BulletinRequestError) return usageError(e.message);
    throw e;
  } finally {
    db.$client.close();
  }
}

function usageError(message: string): number {
  console.error(`error: ${message}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exitCode = 1;
  },
);
