// Helpers for reader tests: drain a RecordSource, and expect a file to be unreadable.
import { expect } from "vitest";
import { UnreadableFileError, type RecordSource, type SourceRecord } from "../../ingest/read/types";

export async function readAll(source: RecordSource): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const batch of source.batches) out.push(...batch);
  return out;
}

/** Awaits `promise`, expects it to reject with an UnreadableFileError, and returns the message. */
export async function unreadable(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(UnreadableFileError);
    return (e as Error).message;
  }
  throw new Error("expected an UnreadableFileError");
}
