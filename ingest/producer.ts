// The read side of an import: open the file, choose the mapping, map and prepare every record.
// Pure of the database: it only reads the file.
import path from "node:path";
import type { Channel } from "../db/schema";
import { ITEM_FIELD_COLUMNS } from "../db/ingest-store";
import { contentHash, freshItemValues, freshTimelineWarnings, mappingFingerprint } from "./canonical";
import { DepartmentMatcher, type CatalogueDepartment } from "./department-matcher";
import { TopicMatcher, type CatalogueTopic } from "./topic-matcher";
import type { FieldProblem, ItemFields, WeiboPostDraft } from "./item";
import { RecordMapper } from "./mapper";
import type { Mapping } from "./mapping-schema";
import { detectPreset, findPreset } from "./presets";
import { openRecords } from "./read";
import { UnreadableFileError } from "./read/types";

export interface ProduceRequest {
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
  batchSize?: number;
  /** The catalogues that unit and topic names are matched against (plain data, so a worker thread can match). */
  catalogue: { departments: CatalogueDepartment[]; topics: CatalogueTopic[] };
}

/**
 * Prepared records are compact tuples rather than objects (fewer allocations on the hot path):
 * a reject, an item (values in ITEM_FIELD_COLUMNS order as if nothing were stored; bit i of `provided` set when
 * the source provides field i, so the others keep their stored values on update), or a Weibo post.
 */
export type PreparedReject = [kind: 0, line: number, raw: string, problems: FieldProblem[]];
export type PreparedItem = [
  kind: 1, line: number, raw: string, id: string, hash: string, provided: number, problems: FieldProblem[] | null, values: unknown[],
  departmentId: number | null, topicId: number | null,
];
export type PreparedPost = [kind: 2, line: number, raw: string, hash: string, problems: FieldProblem[], draft: WeiboPostDraft];
export type PreparedRecord = PreparedReject | PreparedItem | PreparedPost;

export type ProducerMessage =
  | { type: "header"; mapping: Mapping; isPreset: boolean; encoding: string; totalBytes: number; source: string; account: string; fingerprint: string }
  | { type: "batch"; records: PreparedRecord[]; bytesRead: number }
  | { type: "end"; sha256: string | null };

const FIELD_KEYS = Object.keys(ITEM_FIELD_COLUMNS) as (keyof ItemFields)[];
const DEPARTMENT_RAW = FIELD_KEYS.indexOf("departmentRaw");
const TOPIC_RAW = FIELD_KEYS.indexOf("topicRaw");

export async function* produce(req: ProduceRequest): AsyncGenerator<ProducerMessage> {
  const file = path.resolve(req.file);
  const chosen = chooseMapping(req, file);
  const records = await openRecords(file, {
    format: chosen?.format, encoding: chosen?.encoding, sheet: chosen?.sheet, jsonPath: chosen?.jsonPath, batchSize: req.batchSize,
  });
  const mapping = chosen ?? detectPreset(records.headers, req.channel);
  if (!mapping) {
    throw new UnreadableFileError(file, `no preset recognises the header (${records.headers.slice(0, 8).join(", ")}…); pass --preset NAME or --mapping FILE (see --list-presets)`);
  }
  if (mapping.channel !== req.channel) {
    throw new UnreadableFileError(file, `preset/mapping "${mapping.name}" is for channel ${mapping.channel}, not ${req.channel}`);
  }
  const mapper = new RecordMapper(mapping, { crawledAt: req.crawledAt, overrides: req.account ? { accountName: req.account } : {} });
  const missing = mapper.missingColumns(records.headers);
  if (missing.length) {
    throw new UnreadableFileError(file, `line 1: header lacks column(s) ${missing.map((c) => `"${c}"`).join(", ")} that ${mapping.name} needs`);
  }
  mapper.bindHeaders(records.headers);
  const source = req.source ?? mapping.source ?? mapping.name;
  // Posts files that do not name their account take the folder name (weibo-crawler writes <account>/<uid>.csv).
  const account = req.account ?? path.basename(path.dirname(file));
  const fingerprint = mappingFingerprint({ mapping, channel: req.channel, source, crawledAt: req.crawledAt ?? null, account });
  yield { type: "header", mapping, isPreset: findPreset(mapping.name) !== undefined, encoding: records.encoding, totalBytes: records.totalBytes, source, account, fingerprint };

  const departments = new DepartmentMatcher(req.catalogue.departments);
  const topics = new TopicMatcher(req.catalogue.topics);
  const match = (values: unknown[]) => [departments.match(values[DEPARTMENT_RAW] as string | null)?.id ?? null, topics.match(values[TOPIC_RAW] as string | null)] as const;
  for await (const batch of records.batches) {
    const out: PreparedRecord[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) out[i] = prepareRecord(mapper.map(batch[i]), fingerprint, match);
    yield { type: "batch", records: out, bytesRead: records.bytesRead() };
  }
  yield { type: "end", sha256: records.sha256?.() ?? null };
}

function chooseMapping(req: ProduceRequest, file: string): Mapping | undefined {
  if (req.mapping) return req.mapping;
  if (!req.preset) return undefined;
  const preset = findPreset(req.preset);
  if (!preset) throw new UnreadableFileError(file, `unknown preset "${req.preset}" (see --list-presets)`);
  return preset;
}

function prepareRecord(
  m: ReturnType<RecordMapper["map"]>,
  fingerprint: string,
  match: (values: unknown[]) => readonly [number | null, number | null],
): PreparedRecord {
  const problems = m.problems;
  if (!m.draft) return [0, m.line, m.raw, problems];
  const hash = contentHash(fingerprint, m.raw);
  if (m.draft.kind === "weibo_post") return [2, m.line, m.raw, hash, problems, m.draft];
  const fields = m.draft.fields;
  const { values, provided } = freshItemValues(fields);
  // A format without receivedAt may still update stored items; the check then waits for the merge.
  if (fields.receivedAt !== undefined && fields.receivedAt === null) {
    problems.push({ field: "receivedAt", reason: "receivedAt is required", severity: "error" });
    return [0, m.line, m.raw, problems];
  }
  const timeline = freshTimelineWarnings(values);
  const all = timeline ? problems.concat(timeline) : problems;
  const [departmentId, topicId] = match(values);
  return [1, m.line, m.raw, m.draft.externalId, hash, provided, all.length ? all : null, values, departmentId, topicId];
}

/** The fields a prepared item's source provided, for merging over a stored row. */
export function providedFields(values: unknown[], provided: number): ItemFields {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < FIELD_KEYS.length; i++) if (provided & (1 << i)) fields[FIELD_KEYS[i]] = values[i];
  return fields as ItemFields;
}
