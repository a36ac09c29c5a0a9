// Builds the stored form of an item or post from a draft merged over what is stored, and its content hash.
// The same function serves inserts and re-imports, so an unchanged row always hashes the same.
import { createHash } from "node:crypto";
import { ITEM_FIELD_COLUMNS, POST_FIELD_COLUMNS, type StoredRecord } from "../db/ingest-store";
import type { ItemStatus } from "../db/schema";
import type { FieldProblem, ItemFields, WeiboPostFields } from "./item";

const ITEM_DEFAULTS: Partial<Record<keyof ItemFields, number>> = { likes: 0, opposes: 0, reposts: 0, commentsCount: 0, returnedCount: 0 };
const POST_DEFAULTS: Partial<Record<keyof WeiboPostFields, number>> = { likes: 0, reposts: 0, comments: 0, isOriginal: 1 };

function sqlValue(v: unknown): unknown {
  return typeof v === "boolean" ? (v ? 1 : 0) : v;
}

// Computed once: these run for every row of every import.
const ITEM_ENTRIES = (Object.entries(ITEM_FIELD_COLUMNS) as [keyof ItemFields, string][]).map(([key, column]) => ({
  key, column, fallback: ITEM_DEFAULTS[key] ?? null,
}));
const POST_ENTRIES = Object.entries(POST_FIELD_COLUMNS) as [keyof WeiboPostFields, string][];

/** Draft fields over stored ones: a field the source does not provide keeps its stored value. */
export function mergeItemFields(fields: ItemFields, existing: StoredRecord | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, column, fallback } of ITEM_ENTRIES) {
    const given = fields[key];
    const value = given !== undefined ? sqlValue(given) : existing ? existing[column] : null;
    out[column] = value === null ? fallback : value;
  }
  if (out.status === null) out.status = deriveStatus(out);
  return out;
}

export function mergePostFields(fields: WeiboPostFields, existing: StoredRecord | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of POST_ENTRIES) {
    const given = fields[key];
    let value = given !== undefined ? sqlValue(given) : existing ? existing[column] : null;
    if (value === null && POST_DEFAULTS[key] !== undefined) value = POST_DEFAULTS[key];
    out[column] = value;
  }
  return out;
}

/** A status the source did not give, read off the lifecycle timestamps. */
function deriveStatus(row: Record<string, unknown>): ItemStatus {
  if (row.closed_at != null) return "closed";
  if (row.replied_at != null) return "replied";
  if (row.signed_at != null || row.first_contact_at != null) return "in_progress";
  if (row.dispatched_at != null) return "dispatched";
  return "open";
}

/**
 * Stored fields are a pure function of the source row, the mapping and the import's context (channel,
 * --crawled-at, --account), so hashing those detects every change without serialising the fields.
 */
export function mappingFingerprint(parts: unknown): string {
  return createHash("sha1").update(JSON.stringify(parts)).digest("base64url");
}

export function contentHash(fingerprint: string, raw: string): string {
  return createHash("sha1").update(fingerprint).update(raw).digest("base64url");
}

/** Timestamp order problems that do not stop a row from loading but must be visible. */
export function timelineWarnings(row: Record<string, unknown>): FieldProblem[] {
  const received = row.received_at as number | null;
  if (received == null) return [];
  const out: FieldProblem[] = [];
  for (const [column, label] of [["closed_at", "closedAt"], ["replied_at", "repliedAt"], ["first_contact_at", "firstContactAt"]] as const) {
    const t = row[column] as number | null;
    if (t != null && t < received) {
      out.push({ field: label, reason: `${label} ${new Date(t).toISOString()} is before receivedAt ${new Date(received).toISOString()}`, severity: "warning" });
    }
  }
  return out;
}
