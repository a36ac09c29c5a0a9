// Ingests one file: the producer reads, maps and prepares records; this module writes them in batched,
// idempotent transactions and keeps the import run's books.
// Each batch is one transaction, so a killed run leaves whole batches and a re-run converges to the same state.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { createIngestStore, ITEM_FIELD_COLUMNS, type IngestStore, type RunCounts } from "../db/ingest-store";
import type { Channel } from "../db/schema";
import { mergeItemFields, mergePostFields, timelineWarnings } from "./canonical";
import { ConfiguredDeadlines, loadDefinitions } from "../db/metrics/configured-definitions";
import type { CalendarWarning } from "../db/metrics/workdays";
import { DepartmentMatcher } from "./department-matcher";
import { routeWeiboComments, WeiboCommentRouter } from "./weibo-routing";
import { TopicMatcher } from "./topic-matcher";
import type { FieldProblem, WeiboPostDraft } from "./item";
import { produce, providedFields, type PreparedItem, type PreparedRecord, type ProduceRequest, type ProducerMessage } from "./producer";
import { produceInWorker, workerAvailable } from "./producer-client";
import { RejectsFile } from "./rejects-file";

/** What to import (see ProduceRequest: file, channel, preset or mapping, source, crawledAt, account), and where. */
export interface IngestOptions extends Omit<ProduceRequest, "catalogue"> {
  db: Db;
  /** Read and prepare in a worker thread (default: for files over 4 MB, where it pays for its start-up). */
  worker?: boolean;
  /** Folder for the report and rejects CSV (default data/imports). */
  reportDir?: string;
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
  /** Years of receipt the holiday calendar does not cover: their default deadlines count weekends only. */
  calendarWarnings: CalendarWarning[];
  seconds: number;
}

const WORKER_THRESHOLD_BYTES = 4 * 1024 * 1024;

export async function ingestFile(options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const file = path.resolve(options.file);
  const store = createIngestStore(options.db);
  const request: ProduceRequest = {
    file, channel: options.channel, preset: options.preset, mapping: options.mapping, source: options.source,
    // 2,000 rows a transaction: each batch is in memory up to three times over (reader, message, writer).
    crawledAt: options.crawledAt, account: options.account, batchSize: options.batchSize ?? 2000,
    catalogue: { departments: store.listDepartments(), topics: store.listTopics() },
  };
  const size = fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
  const useWorker = (options.worker ?? size > WORKER_THRESHOLD_BYTES) && workerAvailable();
  const messages = (useWorker ? produceInWorker(request) : produce(request))[Symbol.asyncIterator]();
  try {
    const first = await messages.next();
    if (first.done || first.value.type !== "header") throw new Error("the reader produced no header");
    return await write(options, store, file, first.value, messages, started);
  } finally {
    await messages.return?.(undefined);
  }
}

async function write(
  options: IngestOptions,
  store: IngestStore,
  file: string,
  header: Extract<ProducerMessage, { type: "header" }>,
  messages: AsyncIterator<ProducerMessage>,
  started: number,
): Promise<IngestSummary> {
  store.markInterruptedRuns();
  const stat = fs.statSync(file);
  const runId = store.createRun({
    startedAt: started, filePath: file, fileName: path.basename(file), fileSize: stat.size, fileSha256: null,
    encoding: header.encoding, channel: options.channel, source: header.source,
    preset: header.isPreset ? header.mapping.name : null, mappingName: header.isPreset ? null : header.mapping.name,
  });
  const reportDir = path.resolve(options.reportDir ?? "data/imports");
  fs.mkdirSync(reportDir, { recursive: true });
  const stem = `${runId}-${path.basename(file).replace(/\.[^.]+$/, "")}`;
  const rejects = new RejectsFile(path.join(reportDir, `${stem}.rejects.csv`));
  // The deadline rules in effect for this database (设置: per channel and item type).
  const deadlines = new ConfiguredDeadlines(loadDefinitions(options.db));
  const loader = new BatchLoader(store, runId, header.source, file, options.channel, header.account, rejects, deadlines, options.db);
  const counts: RunCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0 };

  let status = "done";
  let message: string | null = null;
  let fileSha256: string | null = null;
  let summary: IngestSummary;
  // About 150 bytes a row in typical exports: only a rough guide for whether to defer index maintenance.
  store.beginBulk(Math.round(stat.size / 150));
  try {
    for (let next = await messages.next(); !next.done; next = await messages.next()) {
      const batch = next.value;
      if (batch.type === "end") fileSha256 = batch.sha256 ?? (await sha256(file));
      if (batch.type !== "batch") continue;
      loader.now = Date.now();
      store.transaction(() => {
        for (const record of batch.records) loader.load(record, counts);
        store.updateRunCounts(runId, counts);
      });
      options.onProgress?.({ rows: counts.read, bytesRead: batch.bytesRead, totalBytes: header.totalBytes, elapsedMs: Date.now() - started });
    }
    // Comments stored before their post, account or account's department was known catch up with the account.
    if (options.channel === "weibo") routeWeiboComments(options.db, loader.departments);
  } catch (e) {
    status = "failed";
    message = e instanceof Error ? e.message : String(e);
    throw e;
  } finally {
    store.endBulk();
    const rejectsFile = rejects.close();
    const reportFile = path.join(reportDir, `${stem}.report.json`);
    const unmatchedUnits = Object.fromEntries([...loader.unmatched].sort((a, b) => b[1] - a[1]));
    summary = {
      importRunId: runId, file, preset: header.mapping.name, source: header.source, encoding: header.encoding, ...counts,
      rejectsFile, reportFile, unmatchedUnits, calendarWarnings: loader.deadlines.warnings(), seconds: (Date.now() - started) / 1000,
    };
    fs.writeFileSync(reportFile, JSON.stringify({ ...summary, status, message }, null, 2));
    store.finishRun(runId, { status, rejectsFile, reportFile, unmatchedUnits, message, fileSha256 });
  }
  return summary;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

type Outcome = "inserted" | "updated" | "unchanged" | "rejected";

const TIMELINE_FIELDS = new Set(["closedAt", "repliedAt", "firstContactAt"]);
const FIELD_COLUMN_LIST: string[] = Object.values(ITEM_FIELD_COLUMNS);

/** Applies prepared records one by one inside the caller's transaction. */
class BatchLoader {
  readonly unmatched = new Map<string, number>();
  /** The rows' updated_at: one clock reading per batch (transaction). */
  now = Date.now();
  private readonly matcher: DepartmentMatcher;
  private readonly weibo: WeiboCommentRouter;
  private readonly topics: TopicMatcher;
  /** Rows of this file whose id was stored before this run: id → line, to catch duplicate ids. */
  private readonly seenExisting = new Map<string, number>();
  private readonly seenPosts = new Map<string, number>();
  private readonly postIds = new Map<string, number | null>();
  // Positions in a prepared item's values (ITEM_FIELD_COLUMNS order).
  private readonly departmentRawIndex = FIELD_COLUMN_LIST.indexOf("department_raw");
  private readonly postRefIndex = FIELD_COLUMN_LIST.indexOf("weibo_post_ref");
  private readonly receivedIndex = FIELD_COLUMN_LIST.indexOf("received_at");
  private readonly topicRawIndex = FIELD_COLUMN_LIST.indexOf("topic_raw");
  private readonly dueIndex = FIELD_COLUMN_LIST.indexOf("due_at");
  private readonly typeIndex = FIELD_COLUMN_LIST.indexOf("type");

  constructor(
    private readonly store: IngestStore,
    private readonly runId: number,
    private readonly source: string,
    private readonly file: string,
    private readonly channel: Channel,
    private readonly defaultAccount: string,
    private readonly rejects: RejectsFile,
    readonly deadlines: ConfiguredDeadlines,
    db: Db,
  ) {
    this.matcher = new DepartmentMatcher(store.listDepartments());
    this.topics = new TopicMatcher(store.listTopics());
    this.weibo = new WeiboCommentRouter(db, this.matcher);
  }

  get departments(): DepartmentMatcher {
    return this.matcher;
  }

  load(p: PreparedRecord, counts: RunCounts): void {
    counts.read++;
    const [kind, line, raw] = p;
    if (kind === 0) return this.reject(line, raw, p[3], counts);
    const problems: FieldProblem[] = kind === 1 ? [] : p[4];
    const outcome = kind === 1 ? this.loadItem(p, problems) : this.loadPost(line, raw, p[5], p[3], problems);
    if (outcome === "rejected") return this.reject(line, raw, problems, counts);
    counts[outcome]++;
    for (const problem of problems) if (problem.severity === "warning") this.flag(line, raw, problem, counts);
  }

  private reject(line: number, raw: string, problems: FieldProblem[], counts: RunCounts): void {
    counts.rejected++;
    const errors = problems.filter((p) => p.severity === "error");
    const first = errors[0] ?? { field: "(row)", reason: "rejected" };
    const reason = errors.map((p) => `${p.field}: ${p.reason}`).join("; ") || first.reason;
    this.rejects.write(line, "error", first.field, reason, raw);
    this.store.insertReject(this.runId, line, "error", first.field, reason, raw);
  }

  private flag(line: number, raw: string, p: FieldProblem, counts: RunCounts): void {
    counts.warnings++;
    this.rejects.write(line, "warning", p.field, p.reason, raw);
    this.store.insertReject(this.runId, line, "warning", p.field, p.reason, raw);
  }

  /** The logical row (ITEM_INSERT_COLUMNS order); department and topic ids as the producer matched them, if given. */
  private params(id: string, values: unknown[], raw: string, hash: string, version: number, line: number, matched?: [number | null, number | null]): unknown[] {
    const postRef = values[this.postRefIndex] as string | null;
    const departmentRaw = values[this.departmentRawIndex] as string | null;
    let departmentId = matched ? matched[0] : this.matcher.match(departmentRaw)?.id ?? null;
    if (departmentRaw && departmentId === null) this.unmatched.set(departmentRaw, (this.unmatched.get(departmentRaw) ?? 0) + 1);
    // A Weibo comment without a unit of its own goes to the department owning the account it was written under.
    if (departmentId === null && postRef && this.channel === "weibo") departmentId = this.weibo.departmentOfPost(this.source, postRef);
    const topicId = matched ? matched[1] : this.topics.match(values[this.topicRawIndex] as string | null);
    const deadline = this.deadlines.deadline(
      this.channel, values[this.typeIndex] as string | null, values[this.receivedIndex] as number, values[this.dueIndex] as number | null,
    );
    return [
      this.channel, this.source, id, ...values, departmentId, topicId, postRef ? this.postId(postRef) : null, deadline, raw, hash, version, this.runId, line, this.now,
    ];
  }

  /** `problems` collects what to report; the prepared record's own problems assume a new item. */
  private loadItem(p: PreparedItem, problems: FieldProblem[]): Outcome {
    const [, line, raw, id, hash, provided, prepared, values, departmentId, topicId] = p;
    if (values[this.receivedIndex] != null && this.store.insertNewItem(this.params(id, values, raw, hash, 1, line, [departmentId, topicId]))) {
      if (prepared) problems.push(...prepared);
      return "inserted";
    }
    // Mapping problems still apply; the timeline is checked again on the merged row.
    if (prepared) problems.push(...prepared.filter((x) => !TIMELINE_FIELDS.has(x.field) || x.severity === "error"));
    // The id is stored already: merge over the stored row, then compare.
    const existing = this.store.findItem(this.source, id)!;
    const row = mergeItemFields(providedFields(values, provided), existing);
    if (row.received_at == null) {
      problems.push({ field: "receivedAt", reason: "receivedAt is required", severity: "error" });
      return "rejected";
    }
    const firstLine = existing.import_run_id === this.runId ? existing.source_line : this.seenExisting.get(id);
    if (firstLine !== undefined) return duplicate(id, firstLine, existing.content_hash === hash, problems);
    this.seenExisting.set(id, line);
    problems.push(...timelineWarnings(row));
    if (existing.content_hash === hash) return "unchanged";
    const changed = Object.keys(row).filter((k) => row[k] !== existing[k]);
    if (existing.raw !== raw) changed.push("raw");
    // Another mapping wrote this item last, but this row changes none of its fields.
    if (changed.length === 0) return "unchanged";
    this.store.insertItemHistory(existing.id, existing.version, this.runId, existing, changed);
    const params = this.params(id, Object.values(row), raw, hash, existing.version + 1, line);
    this.store.updateItem(existing.id, params);
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

  private loadPost(line: number, raw: string, draft: WeiboPostDraft, hash: string, problems: FieldProblem[]): Outcome {
    const existing = this.store.findPost(this.source, draft.externalId);
    const row = mergePostFields(draft.fields, existing);
    if (row.posted_at == null) {
      problems.push({ field: "postedAt", reason: "postedAt is required", severity: "error" });
      return "rejected";
    }
    const firstLine = this.seenPosts.get(draft.externalId);
    if (firstLine !== undefined) return duplicate(draft.externalId, firstLine, existing?.content_hash === hash, problems);
    this.seenPosts.set(draft.externalId, line);
    if (existing && existing.content_hash === hash) return "unchanged";
    const accountName = draft.fields.accountName ?? this.defaultAccount;
    const full = {
      ...row,
      source: this.source,
      external_id: draft.externalId,
      account_id: this.store.accountId(this.source, accountName, draft.fields.accountUid ?? null, this.matcher.matchAccount(accountName)?.id ?? null),
      raw,
      content_hash: hash,
      version: existing ? existing.version + 1 : 1,
      import_run_id: this.runId,
      source_file: this.file,
      source_line: line,
      updated_at: Date.now(),
    };
    // An account stored before it matched a department gets one now.
    this.weibo.ensureAccountDepartment(full.account_id);
    if (!existing) {
      const id = this.store.insertPost(full);
      this.postIds.set(draft.externalId, id);
      this.store.linkCommentsToPost(id, this.source, draft.externalId);
      this.weibo.postWritten(id, this.source, draft.externalId);
      return "inserted";
    }
    this.store.insertPostHistory(existing.id, existing.version, this.runId, existing);
    this.store.updatePost(existing.id, full);
    this.weibo.postWritten(existing.id, this.source, draft.externalId);
    return "updated";
  }
}

/** A second row with an id already seen in this file: identical → unchanged (flagged); different → rejected. */
function duplicate(externalId: string, firstLine: number, sameContent: boolean, problems: FieldProblem[]): Outcome {
  if (sameContent) {
    problems.push({ field: "externalId", reason: `duplicate of line ${firstLine} (same id ${externalId}, same content)`, severity: "warning" });
    return "unchanged";
  }
  problems.push({ field: "externalId", reason: `duplicate id ${externalId}: line ${firstLine} has the same id with different content`, severity: "error" });
  return "rejected";
}
