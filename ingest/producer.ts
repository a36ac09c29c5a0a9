// The read side of an import: open the file, choose the mapping, map and prepare every record.
// Pure of the database, so it can run in a worker thread while the main thread writes (see producer-worker.ts).
import path from "node:path";
import type { Channel } from "../db/schema";
import { ITEM_FIELD_COLUMNS } from "../db/ingest-store";
import { contentHash, mappingFingerprint, mergeItemFields } from "./canonical";
import type { FieldProblem, ItemFields, WeiboPostDraft } from "./item";
import { RecordMapper } from "./mapper";
import type { Mapping } from "./mapping-schema";
import { detectPreset, findPreset } from "./presets";
import { openRecords } from "./read";
import { UnreadableFileError } from "./read/types";

export interface ProduceRequest {
  file: string;
  channel: Channel;
  preset?: string;
  mapping?: Mapping;
  source?: string;
  crawledAt?: number;
  account?: string;
  batchSize?: number;
}

/** Compact, structured-clone-friendly records: a reject, an item row, or a Weibo post. */
export type PreparedRecord =
  | { k: "reject"; line: number; raw: string; problems: FieldProblem[] }
  | {
      k: "item"; line: number; raw: string; id: string; hash: string;
      /** Stored values in ITEM_FIELD_COLUMNS order, as if nothing were stored yet. */
      values: unknown[];
      /** Bit i set = the source provides field i (the others keep their stored values on update). */
      provided: number;
      problems: FieldProblem[];
    }
  | { k: "post"; line: number; raw: string; draft: WeiboPostDraft; hash: string; problems: FieldProblem[] };

export type ProducerMessage =
  | { type: "header"; mapping: Mapping; isPreset: boolean; encoding: string; totalBytes: number; source: string; account: string; fingerprint: string }
  | { type: "batch"; records: PreparedRecord[]; bytesRead: number };

const FIELD_KEYS = Object.keys(ITEM_FIELD_COLUMNS) as (keyof ItemFields)[];

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
  const source = req.source ?? mapping.source ?? mapping.name;
  // Posts files that do not name their account take the folder name (weibo-crawler writes <account>/<uid>.csv).
  const account = req.account ?? path.basename(path.dirname(file));
  const fingerprint = mappingFingerprint({ mapping, channel: req.channel, source, crawledAt: req.crawledAt ?? null, account });
  yield { type: "header", mapping, isPreset: findPreset(mapping.name) !== undefined, encoding: records.encoding, totalBytes: records.totalBytes, source, account, fingerprint };

  for await (const batch of records.batches) {
    const out: PreparedRecord[] = new Array(batch.length);
    for (let i = 0; i < batch.length; i++) out[i] = prepareRecord(mapper.map(batch[i]), fingerprint);
    yield { type: "batch", records: out, bytesRead: records.bytesRead() };
  }
}

function chooseMapping(req: ProduceRequest, file: string): Mapping | undefined {
  if (req.mapping) return req.mapping;
  if (!req.preset) return undefined;
  const preset = findPreset(req.preset);
  if (!preset) throw new UnreadableFileError(file, `unknown preset "${req.preset}" (see --list-presets)`);
  return preset;
}

function prepareRecord(m: ReturnType<RecordMapper["map"]>, fingerprint: string): PreparedRecord {
  const problems = m.problems;
  if (!m.draft) return { k: "reject", line: m.line, raw: m.raw, problems };
  const hash = contentHash(fingerprint, m.raw);
  if (m.draft.kind === "weibo_post") return { k: "post", line: m.line, raw: m.raw, draft: m.draft, hash, problems };
  const fields = m.draft.fields;
  const row = mergeItemFields(fields, undefined);
  // A format without receivedAt may still update stored items; the check then waits for the merge.
  if (fields.receivedAt !== undefined && row.received_at == null) {
    problems.push({ field: "receivedAt", reason: "receivedAt is required", severity: "error" });
    return { k: "reject", line: m.line, raw: m.raw, problems };
  }
  let provided = 0;
  for (let i = 0; i < FIELD_KEYS.length; i++) if (fields[FIELD_KEYS[i]] !== undefined) provided |= 1 << i;
  return { k: "item", line: m.line, raw: m.raw, id: m.draft.externalId, hash, values: Object.values(row), provided, problems };
}

/** The fields a prepared item's source provided, for merging over a stored row. */
export function providedFields(values: unknown[], provided: number): ItemFields {
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < FIELD_KEYS.length; i++) if (provided & (1 << i)) fields[FIELD_KEYS[i]] = values[i];
  return fields as ItemFields;
}
