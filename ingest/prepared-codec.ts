// Packs a batch of prepared records for the trip from the reading thread to the writing thread.
// Structured-cloning thousands of small arrays and strings costs the writer about as much as preparing them did;
// here the items' values travel as one string plus two typed arrays (moved, not copied), and the writer reads
// each string back as a slice of that one string. Rejects, posts and problem lists are rare and are cloned.
import type { PreparedItem, PreparedRecord } from "./producer";

/** Slots per item: line, raw, id, hash, provided, departmentId, topicId, then the values in field order. */
const FIXED_SLOTS = 7;

/** `lengths` marks what a slot holds: a string of that length at `numbers[slot]`, or one of these. */
const NUMBER = -1;
const NULL = -2;

export interface PackedBatch {
  count: number;
  valueCount: number;
  text: string;
  numbers: Float64Array;
  lengths: Int32Array;
  /** Position in the batch → a record that is not a packed item. */
  others: [number, PreparedRecord][];
  /** Position in the batch → an item's problems. */
  problems: [number, NonNullable<PreparedItem[6]>][];
}

export function packBatch(records: PreparedRecord[], valueCount: number): { batch: PackedBatch; transfer: ArrayBuffer[] } {
  const slots = FIXED_SLOTS + valueCount;
  let items = 0;
  for (const r of records) if (r[0] === 1) items++;
  const numbers = new Float64Array(items * slots);
  const lengths = new Int32Array(items * slots);
  const pieces: string[] = [];
  let offset = 0;
  let at = 0;
  const put = (v: unknown) => {
    if (v === null || v === undefined) lengths[at] = NULL;
    else if (typeof v === "number") {
      numbers[at] = v;
      lengths[at] = NUMBER;
    } else if (typeof v === "string") {
      numbers[at] = offset;
      lengths[at] = v.length;
      pieces.push(v);
      offset += v.length;
    } else throw new TypeError(`cannot pack a ${typeof v} value`);
    at++;
  };
  const others: PackedBatch["others"] = [];
  const problems: PackedBatch["problems"] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r[0] !== 1) {
      others.push([i, r]);
      continue;
    }
    const [, line, raw, id, hash, provided, itemProblems, values, departmentId, topicId] = r;
    if (values.length !== valueCount) throw new RangeError(`an item has ${values.length} values, not ${valueCount}`);
    put(line);
    put(raw);
    put(id);
    put(hash);
    put(provided);
    put(departmentId);
    put(topicId);
    for (let k = 0; k < valueCount; k++) put(values[k]);
    if (itemProblems) problems.push([i, itemProblems]);
  }
  const batch: PackedBatch = { count: records.length, valueCount, text: pieces.join(""), numbers, lengths, others, problems };
  return { batch, transfer: [numbers.buffer, lengths.buffer] };
}

export function unpackBatch(batch: PackedBatch): PreparedRecord[] {
  const { text, numbers, lengths, valueCount } = batch;
  const out: PreparedRecord[] = new Array(batch.count);
  for (const [i, r] of batch.others) out[i] = r;
  const problems = new Map(batch.problems);
  let at = 0;
  const take = (): unknown => {
    const n = lengths[at];
    const v = n === NULL ? null : n === NUMBER ? numbers[at] : text.slice(numbers[at], numbers[at] + n);
    at++;
    return v;
  };
  for (let i = 0; i < batch.count; i++) {
    if (out[i] !== undefined) continue;
    const line = take() as number;
    const raw = take() as string;
    const id = take() as string;
    const hash = take() as string;
    const provided = take() as number;
    const departmentId = take() as number | null;
    const topicId = take() as number | null;
    const values: unknown[] = new Array(valueCount);
    for (let k = 0; k < valueCount; k++) values[k] = take();
    out[i] = [1, line, raw, id, hash, provided, problems.get(i) ?? null, values, departmentId, topicId];
  }
  return out;
}
