// Builds the stored form of an item or post from a draft merged over what is stored, and its content hash.
// The same function serves inserts and re-imports, so an unchanged row always hashes the same.
import { createHash } from "node:crypto";
import { ITEM_FIELD_COLUMNS, POST_FIELD_COLUMNS, type StoredRecord } from "../db/ingest-store";
import type { ItemStatus } from "../db/schema";
import type { FieldProblem, ItemFields, WeiboPostFields } from "./item";

const ITEM_DEFAULTS: Partial<Record<keyof ItemFields, number>> = { likes: 0, opposes: 0, reposts: 0, commentsCount: 0, returnedCount: 0 };
const POST_DEFAULTS: Partial<Record<keyof WeiboPostFields, number>> = { likes: 0, reposts: 0, comments: 0, isOriginal: 1 };

function sqlValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  return v;
}

/** Draft fields over stored ones: a field the source does not provide keeps its stored value. */
export function mergeItemFields(fields: ItemFields, existing: StoredRecord | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(ITEM_FIELD_COLUMNS) as [keyof ItemFields, string][]) {
    const given = fields[key];
    let value = given !== undefined ? sqlValue(given) : existing ? existing[column] : null;
    if (value === null && ITEM_DEFAULTS[key] !== undefined) value = ITEM_DEFAULTS[key];
    out[column] = value;
  }
  if (out.status === null) out.status = deriveStatus(out);
  return out;
}

export function mergePostFields(fields: WeiboPostFields, existing: StoredRecord | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(POST_FIELD_COLUMNS) as [keyof WeiboPostFields, string][]) {
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

export function contentHash(parts: unknown[]): string {
  return createHash("sha1").update(JSON.stringify(parts)).digest("base64url");
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
