// 管理 › 数据导入: a file uploaded from the browser is imported exactly as `npm run ingest` imports it (the same
// ingestFile: same validation, same rejects file and report, the same NLP pass and rollup refresh afterwards),
// within the request. The page lists recent import runs; a running one (this upload seen from another tab, or a
// command-line import) shows the counters of its last written batch. Rejects files download through
// rejectsDownload, only from the reports folders.
import { once } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createReadableStreamFromReadable, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { recordAudit } from "../../db/auth/audit";
import { openDatabase } from "../../db/client";
import { env, projectRoot, resolveDatabasePath } from "../../db/env";
import { refreshDerived } from "../../db/refresh";
import { firstRejects, hasUnanalysedItems, importRunById, listImportRuns } from "../../db/queries/import-runs";
import { CHANNELS, type Channel } from "../../db/schema";
import { parseDateTime } from "../../ingest/dates";
import { ingestFile } from "../../ingest/load";
import { runNlpPass } from "../../ingest/nlp/nlp-pass";
import { parseMapping, type Mapping } from "../../ingest/mapping-schema";
import { PRESETS } from "../../ingest/presets";
import { badRequest } from "./http-errors.server";
import { clientAddress, requireCsrf, requireRole, type Session } from "./auth.server";
import { getDb } from "./db.server";
import { contentDisposition } from "./exports.server";
// Downloads paced by the client under remix-serve (see the file).
import "./http-backpressure.server";

/** The largest file the upload form accepts (UPLOAD_MAX_MB, default 500). */
export const MAX_UPLOAD_BYTES = env.UPLOAD_MAX_MB * 1024 * 1024;
/** Text fields of the upload form are short; anything longer is not from the form. */
const MAX_FIELD_BYTES = 64 * 1024;
/** A mapping file is a few KB of JSON. */
const MAX_MAPPING_BYTES = 256 * 1024;
/** A run still "running" after this long is shown as such but no longer refreshes the page (a killed process leaves one). */
const REFRESH_WINDOW_MS = 6 * 60 * 60 * 1000;
const RUNS_SHOWN = 30;

const dataDir = () => path.dirname(resolveDatabasePath(env.DATABASE_PATH));
/** Where web imports write their reports and rejects files: beside the database, as the CLI's default data/imports. */
export const reportsDir = () => path.join(dataDir(), "imports");
const uploadsDir = () => path.join(dataDir(), "uploads");
/** Folders a rejects file may be downloaded from: the web imports' and the command line's default. */
const downloadDirs = () => [...new Set([reportsDir(), path.join(projectRoot, "data", "imports")])];

/** The import this server process is running (one at a time: a second upload waits for it to finish). */
let current: { fileName: string; startedAt: number; by: string } | null = null;

export function importsPage(request: Request) {
  requireRole(request, ["admin"]);
  const runs = listImportRuns(getDb(), RUNS_SHOWN);
  const now = Date.now();
  return {
    runs: runs.map((r) => ({ ...r, rejectsFile: r.rejectsFile !== null })),
    presets: PRESETS.map((p) => ({ name: p.name, channel: p.channel, description: p.description ?? "" })),
    channels: CHANNELS,
    maxUploadMB: MAX_UPLOAD_BYTES / 1024 / 1024,
    current,
    refresh: current !== null || runs.some((r) => r.status === "running" && now - r.startedAt < REFRESH_WINDOW_MS),
  };
}

export type ImportActionResult =
  | {
      ok: true;
      runId: number; fileName: string; preset: string; source: string; encoding: string;
      read: number; inserted: number; updated: number; unchanged: number; rejected: number; warnings: number; seconds: number;
      rejectsFile: boolean;
      firstRejects: { line: number; field: string | null; reason: string }[];
      unmatchedUnits: [string, number][];
      unmatchedCount: number;
      calendarWarnings: string[];
      nlp: { analysed: number; needsReview: number; caughtUp: number } | null;
    }
  | { ok: false; errors: Record<string, string>; errorValues: Record<string, string | number>; values: Record<string, string>; runId: number | null };

interface MappingUpload {
  name: string;
  /** null when over MAX_MAPPING_BYTES. */
  text: string | null;
}

interface Upload {
  file: string;
  dir: string;
  name: string;
  size: number;
}

/** A file name as the user's system wrote it, safe as one path segment (the importer names its reports after it). */
function safeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? "";
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "_").replace(/^\.+/, "").trim();
  const name = cleaned || "upload.csv";
  if (name.length <= 120) return name;
  const ext = path.extname(name).slice(0, 10);
  return name.slice(0, 120 - ext.length) + ext;
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of data) void _;
}

/** A part read to its end as UTF-8 text, or null when it is longer than `cap` bytes (then nothing is kept). */
async function readText(data: AsyncIterable<Uint8Array>, cap: number): Promise<string | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.byteLength;
    if (size <= cap) chunks.push(chunk);
  }
  return size <= cap ? Buffer.concat(chunks).toString("utf8") : null;
}

/** Reads and discards the rest of a request body: answering before the client has sent it all resets the connection. */
async function discardBody(request: Request): Promise<void> {
  const reader = request.body?.getReader();
  if (!reader) return;
  try {
    while (!(await reader.read()).done) {
      /* discard */
    }
  } catch {
    /* the client went away */
  }
}

/**
 * Reads the multipart form: text fields into the FormData, the one file (field "file") streamed to
 * <data>/uploads/<random>/<name stem>/<name> with backpressure and the size cap. The form's CSRF field comes
 * before its file field, so a post without the session's token stores nothing (requireCsrf then refuses it).
 * A file over the cap is read to its end but not kept (`tooLarge`), so the client gets the page, not a reset.
 */
async function receive(request: Request, session: Session): Promise<{ form: FormData; upload: Upload | null; tooLarge: boolean; mapping: MappingUpload | null }> {
  let upload: Upload | null = null;
  let mapping: MappingUpload | null = null;
  let tooLarge = false;
  let csrf: string | null = null;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const value = await readText(data, MAX_FIELD_BYTES);
      if (value === null) return undefined; // not from the form
      if (name === "_csrf") csrf = value;
      return value;
    }
    const early = new FormData();
    early.set("_csrf", csrf ?? "");
    let tokenOk = true;
    try {
      requireCsrf(request, early, session);
    } catch {
      tokenOk = false;
    }
    if (name === "mapping" && filename && tokenOk && !mapping) {
      // A mapping file (JSON, a few KB) is read into memory; one over the cap is not kept.
      mapping = { name: safeFileName(filename), text: await readText(data, MAX_MAPPING_BYTES) };
      return undefined;
    }
    if (name !== "file" || upload || !filename || !tokenOk) {
      await drain(data); // no file chosen (an empty filename), a second file, or a forged post
      return undefined;
    }
    const fileName = safeFileName(filename);
    const dir = path.join(uploadsDir(), `${Date.now()}-${randomBytes(6).toString("hex")}`);
    // A posts file that names no account gets the name of its folder (as weibo-crawler's <account>/<uid>.csv
    // do on the command line): here that is the file's own name.
    const folder = path.join(dir, fileName.replace(/\.[^.]+$/, "") || "upload");
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, fileName);
    const u: Upload = { file, dir, name: fileName, size: 0 };
    upload = u;
    const out = fs.createWriteStream(file, { flags: "wx" });
    const failed = new Promise<never>((_, reject) => out.once("error", reject));
    failed.catch(() => {});
    try {
      for await (const chunk of data) {
        u.size += chunk.byteLength;
        if (tooLarge) continue;
        if (u.size > MAX_UPLOAD_BYTES) {
          tooLarge = true;
          continue;
        }
        if (!out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
      }
    } finally {
      out.end();
      await Promise.race([once(out, "close"), failed]).catch(() => {});
      if (tooLarge) fs.rmSync(dir, { recursive: true, force: true });
    }
    return undefined;
  };
  try {
    const form = await unstable_parseMultipartFormData(request, handler);
    return { form, upload, tooLarge, mapping };
  } catch (e) {
    if (upload) fs.rmSync((upload as Upload).dir, { recursive: true, force: true });
    throw e;
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** Imports an uploaded file with the command line's validation, then analyses it and refreshes the rollups. */
export async function importAction(request: Request): Promise<ImportActionResult> {
  const session = requireRole(request, ["admin"]);
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) {
    throw badRequest("请通过上传表单提交文件 / post the upload form (multipart/form-data)");
  }
  const fail = (errors: Record<string, string>, values: Record<string, string> = {}, errorValues: Record<string, string | number> = {}, runId: number | null = null): ImportActionResult =>
    ({ ok: false, errors, errorValues, values, runId });
  const tooLarge = () => fail({ file: "admin.imports.tooLarge" }, {}, { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
  if (current) {
    const busy = current;
    await discardBody(request);
    return fail({ file: "admin.imports.busy" }, {}, { file: busy.fileName, by: busy.by });
  }
  // Said to be too large up front: nothing is stored.
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_UPLOAD_BYTES + MAX_FIELD_BYTES * 8) {
    await discardBody(request);
    return tooLarge();
  }

  const { form, upload, tooLarge: over, mapping: mappingUpload } = await receive(request, session);
  try {
    requireCsrf(request, form, session);
    if (over) return tooLarge();
    const values = { channel: text(form, "channel"), preset: text(form, "preset"), crawledAt: text(form, "crawledAt"), account: text(form, "account") };
    const errors: Record<string, string> = {};
    const channel = (CHANNELS as readonly string[]).includes(values.channel) ? (values.channel as Channel) : null;
    if (!channel) errors.channel = "admin.imports.channelRequired";
    const preset = values.preset ? PRESETS.find((p) => p.name === values.preset) : undefined;
    if (values.preset && !preset) errors.preset = "admin.imports.presetUnknown";
    else if (preset && channel && preset.channel !== channel) errors.preset = "admin.imports.presetChannel";
    let crawledAt: number | undefined;
    if (values.crawledAt) {
      const parsed = parseDateTime(values.crawledAt, { timeZone: "Asia/Shanghai" });
      if (parsed.ok) crawledAt = parsed.value;
      else errors.crawledAt = "admin.imports.crawledAtInvalid";
    }
    if (values.account.length > 60) errors.account = "admin.imports.accountTooLong";
    // A mapping file, as `npm run ingest -- --mapping FILE`: the same schema and messages.
    let mapping: Mapping | undefined;
    const errorValues: Record<string, string | number> = {};
    if (mappingUpload) {
      if (values.preset) errors.mapping = "admin.imports.presetAndMapping";
      else if (mappingUpload.text === null) {
        errors.mapping = "admin.imports.mappingTooLarge";
        errorValues.kb = MAX_MAPPING_BYTES / 1024;
      } else {
        try {
          mapping = parseMapping(JSON.parse(mappingUpload.text), mappingUpload.name);
          if (channel && mapping.channel !== channel) {
            errors.mapping = "admin.imports.mappingChannel";
            errorValues.channel = mapping.channel;
          }
        } catch (e) {
          errors.mapping = "admin.imports.mappingInvalid";
          errorValues.message = e instanceof SyntaxError ? `${mappingUpload.name}: not JSON (${e.message})` : (e as Error).message;
        }
      }
    }
    if (!upload) errors.file = "admin.imports.fileRequired";
    else if (upload.size === 0) errors.file = "admin.imports.fileEmpty";
    if (Object.keys(errors).length || !upload || !channel) return fail(errors, values, errorValues);

    const started = Date.now();
    current = { fileName: upload.name, startedAt: started, by: session.user.name };
    const audit = (detail: Record<string, unknown>) =>
      recordAudit(getDb(), { action: "import", userId: session.user.id, userName: session.user.name, target: upload.name, detail: { channel, preset: values.preset || null, mapping: mapping?.name ?? null, size: upload.size, via: "web", ...detail }, ip: clientAddress(request) });
    // The import's own connection, as the command line has: the server's stays free for pages, and the import
    // keeps the database in WAL mode because the server has it open.
    const db = openDatabase(env.DATABASE_PATH);
    let runId: number | null = null;
    try {
      const summary = await ingestFile({
        db, file: upload.file, channel, preset: values.preset || undefined, mapping, crawledAt, account: values.account || undefined, reportDir: reportsDir(),
      });
      runId = summary.importRunId;
      const rejects = firstRejects(db, summary.importRunId);
      const nlp = runNlpPass(db, { importRunId: summary.importRunId });
      const caughtUp = hasUnanalysedItems(db) ? runNlpPass(db, { missingOnly: true }).analysed : 0;
      refreshDerived(db);
      const { read, inserted, updated, unchanged, rejected, warnings } = summary;
      audit({ importRunId: summary.importRunId, status: "done", read, inserted, updated, unchanged, rejected, warnings });
      const unmatched = Object.entries(summary.unmatchedUnits);
      return {
        ok: true, runId: summary.importRunId, fileName: upload.name, preset: summary.preset, source: summary.source, encoding: summary.encoding,
        read, inserted, updated, unchanged, rejected, warnings, seconds: Math.round(summary.seconds * 10) / 10,
        rejectsFile: summary.rejectsFile !== null, firstRejects: rejects,
        unmatchedUnits: unmatched.slice(0, 15), unmatchedCount: unmatched.length,
        calendarWarnings: summary.calendarWarnings.map((w) => w.message),
        nlp: { analysed: nlp.analysed, needsReview: nlp.needsReview, caughtUp },
      };
    } catch (e) {
      // A file that cannot be read (the CLI's exit code 2) or failed part-way: the message names the file and
      // the problem; rows of whole batches written before a failure stay, as on the command line.
      const message = (e instanceof Error ? e.message : String(e)).split(upload.file).join(upload.name).split(upload.dir + path.sep).join("");
      const failedRun = listImportRuns(db, 1)[0];
      runId = failedRun && failedRun.fileName === upload.name && failedRun.startedAt >= started ? failedRun.id : null;
      audit({ importRunId: runId, status: "failed", error: message });
      return fail({ file: "admin.imports.failed" }, values, { message }, runId);
    } finally {
      db.$client.close();
      current = null;
    }
  } finally {
    // The upload itself is not kept: the items, the report and the rejects file are.
    if (upload) fs.rmSync(upload.dir, { recursive: true, force: true });
  }
}

/** GET /admin/imports/:id/rejects: the run's rejects CSV, streamed; 404 unless it is a file under a reports folder. */
export function rejectsDownload(request: Request, rawId: string | undefined): Response {
  const session = requireRole(request, ["admin"]);
  const notFound = () => new Response("拒绝明细文件不存在 / no rejects file", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const id = rawId && /^\d{1,9}$/.test(rawId) ? Number(rawId) : null;
  const run = id === null ? null : importRunById(getDb(), id);
  if (!run?.rejectsFile) return notFound();
  let real: string;
  try {
    real = fs.realpathSync(run.rejectsFile);
  } catch {
    return notFound();
  }
  const inside = downloadDirs().some((d) => {
    let dir: string;
    try {
      dir = fs.realpathSync(d);
    } catch {
      return false;
    }
    return real.startsWith(dir + path.sep);
  });
  if (!inside || !real.endsWith(".rejects.csv") || !fs.statSync(real).isFile()) return notFound();
  // Rejected rows are citizens' original rows: downloading them is an export like any other.
  recordAudit(getDb(), { action: "export", userId: session.user.id, userName: session.user.name, target: `import-rejects:${run.id}`, detail: { file: path.basename(real) }, ip: clientAddress(request) });
  const body = createReadableStreamFromReadable(fs.createReadStream(real));
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(path.basename(real), `import-${run.id}-rejects.csv`),
      "Content-Length": String(fs.statSync(real).size),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
