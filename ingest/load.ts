// Ingests one file: read → map → validate → batched idempotent upserts, with import-run bookkeeping.
// Each batch is one transaction, so a killed run leaves whole batches and a re-run converges to the same state.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { createIngestStore, type IngestStore, type RunCounts } from "../db/ingest-store";
import type { Channel } from "../db/schema";
import { contentHash, mergeItemFields, mergePostFields, timelineWarnings } from "./canonical";
import { DepartmentMatcher } from "./department-matcher";
import type { FieldProblem, ItemDraft, WeiboPostDraft } from "./item";
import { RecordMapper, type MappedRecord } from "./mapper";
import type { Mapping } from "./mapping-schema";
import { detectPreset, findPreset } from "./presets";
import { openRecords } from "./read";
import { UnreadableFileError } from "./read/types";
import { RejectsFile } from "./rejects-file";

export interface IngestOptions {
  db: Db;
  file: string;
  channel: Channel;
  /** A built-in preset name; or `mapping`; or neither to recognise the format from its header. */
  preset?: string;
  mapping?: Mapping;
  /** Overrides the mapping's source (the id space of external ids). */
  source?: string;
  /** Reference instant for relative times like 3小时前. */
  crawledAt?: number;
  /** Weibo account for post files that do not name it. */
  account?: string;
  /** Folder for the report and rejects CSV (default data/imports). */
  reportDir?: string;
  batchSize?: number;
  onProgress?: (p: IngestProgress) => void;
}

export interface IngestProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface IngestSummary extends RunCounts {
  importRunId: number;
  file: string;
  preset: string;
  source: string;
  encoding: string;
  rejectsFile: string | null;
  reportFile: string;
  unmatchedUnits: Record<string, number>;
  seconds: number;
}

export async function ingestFile(options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const file = path.resolve(options.file);
  const mapping = chooseMappingByName(options);
  const records = await openRecords(file, {
    format: mapping?.format,
    encoding: mapping?.encoding,
    sheet: mapping?.sheet,
    jsonPath: mapping?.jsonPath,
    batchSize: options.batchSize,
  });
  const resolved = mapping ?? detectPreset(records.headers, options.channel);
  if (!resolved) {
    throw new UnreadableFileError(
      file,
      `no preset recognises the header (${records.headers.slice(0, 8).join(", ")}…); pass --preset NAME or --mapping FILE (see --list-presets)`,
    );
  }
  if (resolved.channel !== options.channel) {
    throw new UnreadableFileError(file, `preset/mapping "${resolved.name}" is for channel ${resolved.channel}, not ${options.channel}`);
  }
  const overrides: Record<string, string> = {};
  if (options.account) overrides.accountName = options.account;
  const mapper = new RecordMapper(resolved, { crawledAt: options.crawledAt, overrides });
  const missing = mapper.missingColumns(records.headers);
  if (missing.length) {
    throw new UnreadableFileError(file, `line 1: header lacks column(s) ${missing.map((c) => `"${c}"`).join(", ")} that ${resolved.name} needs`);
  }
  const source = options.source ?? resolved.source ?? resolved.name;
  const store = createIngestStore(options.db);
  store.markInterruptedRuns();
  const stat = fs.statSync(file);
  const runId = store.createRun({
    startedAt: started, filePath: file, fileName: path.basename(file), fileSize: stat.size, fileSha256: await sha256(file),
    encoding: records.encoding, channel: options.channel, source, preset: findPreset(resolved.name) ? resolved.name : null,
    mappingName: findPreset(resolved.name) ? null : resolved.name,
  });
  const reportDir = path.resolve(options.reportDir ?? "data/imports");
  fs.mkdirSync(reportDir, { recursive: true });
  const stem = `${runId}-${path.basename(file).replace(/\.[^.]+$/, "")}`;
  const rejects = new RejectsFile(path.join(reportDir, `${stem}.rejects.csv`));
  const loader = new BatchLoader(store, runId, source, file, options.channel, options.account ?? defaultAccountName(file), rejects);
  const counts: RunCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0 };

  let status = "done";
  let message: string | null = null;
  let summary: IngestSummary | undefined;
  try {
    for await (const batch of records.batches) {
      const mapped = batch.map((r) => mapper.map(r));
      store.transaction(() => {
        for (const m of mapped) loader.load(m, counts);
        store.updateRunCounts(runId, counts);
      });
      options.onProgress?.({ rows: counts.read, bytesRead: records.bytesRead(), totalBytes: records.totalBytes, elapsedMs: Date.now() - started });
    }
  } catch (e) {
    status = "failed";
    message = e instanceof Error ? e.message : String(e);
    throw e;
  } finally {
    const rejectsFile = rejects.close();
    const reportFile = path.join(reportDir, `${stem}.report.json`);
    const unmatchedUnits = Object.fromEntries([...loader.unmatched].sort((a, b) => b[1] - a[1]));
    summary = {
      importRunId: runId, file, preset: resolved.name, source, encoding: records.encoding, ...counts, rejectsFile,
      reportFile, unmatchedUnits, seconds: (Date.now() - started) / 1000,
    };
    fs.writeFileSync(reportFile, JSON.stringify({ ...summary, status, message }, null, 2));
    store.finishRun(runId, { status, rejectsFile, reportFile, unmatchedUnits, message });
  }
  return summary;
}

function chooseMappingByName(options: IngestOptions): Mapping | undefined {
  if (options.mapping) return options.mapping;
  if (!options.preset) return undefined;
  const preset = findPreset(options.preset);
  if (!preset) throw new UnreadableFileError(options.file, `unknown preset "${options.preset}" (see --list-presets)`);
  return preset;
}

function defaultAccountName(file: string): string {
  return path.basename(path.dirname(path.resolve(file)));
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Loads mapped records one by one inside the caller's transaction. */
class BatchLoader {
  readonly unmatched = new Map<string, number>();
  private readonly matcher: DepartmentMatcher;
  /** External id → line of its first row in this file, to catch duplicate ids. */
  private readonly seen = new Map<string, number>();
  private readonly postIds = new Map<string, number | null>();

  constructor(
    private readonly store: IngestStore,
    private readonly runId: number,
    private readonly source: string,
    private readonly file: string,
    private readonly channel: Channel,
    private readonly defaultAccount: string,
    private readonly rejects: RejectsFile,
  ) {
    this.matcher = new DepartmentMatcher(store.listDepartments());
  }

  load(m: MappedRecord, counts: RunCounts): void {
    counts.read++;
    if (!m.draft) return this.reject(m, m.problems, counts);
    const problems = m.problems.slice();
    const outcome = m.draft.kind === "item" ? this.loadItem(m, m.draft, problems) : this.loadPost(m, m.draft, problems);
    if (outcome === "rejected") return this.reject(m, problems, counts);
    counts[outcome]++;
    for (const p of problems) if (p.severity === "warning") this.flag(m, p, counts);
  }

  private reject(m: MappedRecord, problems: FieldProblem[], counts: RunCounts): void {
    counts.rejected++;
    const errors = problems.filter((p) => p.severity === "error");
    const first = errors[0] ?? { field: "(row)", reason: "rejected" };
    const reason = errors.map((p) => `${p.field}: ${p.reason}`).join("; ") || first.reason;
    this.rejects.write(m.line, "error", first.field, reason, m.raw);
    this.store.insertReject(this.runId, m.line, "error", first.field, reason, m.raw);
  }

  private flag(m: MappedRecord, p: FieldProblem, counts: RunCounts): void {
    counts.warnings++;
    this.rejects.write(m.line, "warning", p.field, p.reason, m.raw);
    this.store.insertReject(this.runId, m.line, "warning", p.field, p.reason, m.raw);
  }

  /** The second row with an id already seen in this file: identical → unchanged; different → rejected. */
  private duplicateCheck(externalId: string, line: number, sameContent: boolean, problems: FieldProblem[]): "unchanged" | "rejected" | null {
    const firstLine = this.seen.get(externalId);
    if (firstLine === undefined) {
      this.seen.set(externalId, line);
      return null;
    }
    if (sameContent) {
      problems.push({ field: "externalId", reason: `duplicate of line ${firstLine} (same id ${externalId}, same content)`, severity: "warning" });
      return "unchanged";
    }
    problems.push({ field: "externalId", reason: `duplicate id ${externalId}: line ${firstLine} has the same id with different content`, severity: "error" });
    return "rejected";
  }

  private loadItem(m: MappedRecord, draft: ItemDraft, problems: FieldProblem[]): "inserted" | "updated" | "unchanged" | "rejected" {
    const existing = this.store.findItem(this.source, draft.externalId);
    const row = mergeItemFields(draft.fields, existing);
    if (row.received_at == null) {
      problems.push({ field: "receivedAt", reason: "receivedAt is required", severity: "error" });
      return "rejected";
    }
    problems.push(...timelineWarnings(row));
    const hash = contentHash([draft.channel, m.raw, ...Object.values(row)]);
    const dup = this.duplicateCheck(draft.externalId, m.line, existing?.content_hash === hash, problems);
    if (dup) return dup;
    if (existing && existing.content_hash === hash) return "unchanged";

    const departmentRaw = row.department_raw as string | null;
    const match = this.matcher.match(departmentRaw);
    if (departmentRaw && !match) this.unmatched.set(departmentRaw, (this.unmatched.get(departmentRaw) ?? 0) + 1);
    const postRef = row.weibo_post_ref as string | null;
    const full = {
      ...row,
      channel: this.channel,
      source: this.source,
      external_id: draft.externalId,
      department_id: match?.id ?? null,
      weibo_post_id: postRef ? this.postId(postRef) : null,
      raw: m.raw,
      content_hash: hash,
      version: existing ? existing.version + 1 : 1,
      import_run_id: this.runId,
      source_file: this.file,
      source_line: m.line,
      updated_at: Date.now(),
    };
    if (!existing) {
      this.store.insertItem(full);
      return "inserted";
    }
    const changed = Object.keys(row).filter((k) => row[k] !== existing[k]);
    if (existing.raw !== m.raw) changed.push("raw");
    this.store.insertItemHistory(existing.id, existing.version, this.runId, existing, changed);
    this.store.updateItem(existing.id, full);
    return "updated";
  }

  private postId(ref: string): number | null {
    let id = this.postIds.get(ref);
    if (id === undefined) {
      id = this.store.findPostId(this.source, ref) ?? null;
      this.postIds.set(ref, id);
    }
    return id;
  }

  private loadPost(m: MappedRecord, draft: WeiboPostDraft, problems: FieldProblem[]): "inserted" | "updated" | "unchanged" | "rejected" {
    const existing = this.store.findPost(this.source, draft.externalId);
    const row = mergePostFields(draft.fields, existing);
    if (row.posted_at == null) {
      problems.push({ field: "postedAt", reason: "postedAt is required", severity: "error" });
      return "rejected";
    }
    const accountName = draft.fields.accountName ?? this.defaultAccount;
    const hash = contentHash([m.raw, accountName, ...Object.values(row)]);
    const dup = this.duplicateCheck(draft.externalId, m.line, existing?.content_hash === hash, problems);
    if (dup) return dup;
    if (existing && existing.content_hash === hash) return "unchanged";
    const accountMatch = this.matcher.match(accountName);
    const full = {
      ...row,
      source: this.source,
      external_id: draft.externalId,
      account_id: this.store.accountId(this.source, accountName, draft.fields.accountUid ?? null, accountMatch?.id ?? null),
      raw: m.raw,
      content_hash: hash,
      version: existing ? existing.version + 1 : 1,
      import_run_id: this.runId,
      source_file: this.file,
      source_line: m.line,
      updated_at: Date.now(),
    };
    if (!existing) {
      const id = this.store.insertPost(full);
      this.postIds.set(draft.externalId, id);
      this.store.linkCommentsToPost(id, this.source, draft.externalId);
      return "inserted";
    }
    this.store.insertPostHistory(existing.id, existing.version, this.runId, existing);
    this.store.updatePost(existing.id, full);
    return "updated";
  }
}
