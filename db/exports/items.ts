// The items list as an export table: exactly the rows of the list for the same selection (the WHERE and ORDER BY
// come from db/queries/items.ts, the one condition builder of the page and its exports), every row, not a page.
//
// Rows are read with better-sqlite3's iterate() on a connection of their own, opened read-only on the same file:
// one statement stepped a row at a time, so memory stays flat, the export is one consistent snapshot even while
// an import writes, and the shared connection the pages use is never held busy by a long download.
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { openDatabase, type Db } from "../client";
import { maskPersonalData } from "../privacy/mask";
import { ITEM_LIST_ORDER, itemListConditions, type ItemListSelection } from "../queries/items";
import { departments, items, itemTexts, topics } from "../schema";
import type { Cell, CellType, ExportColumn, ExportTable } from "./table";

export const ITEM_EXPORT_COLUMNS = [
  { key: "externalId", type: "text", width: 20 },
  { key: "channel", type: "text", width: 10 },
  { key: "source", type: "text", width: 16 },
  { key: "type", type: "text", width: 8 },
  { key: "receivedAt", type: "datetime", width: 17 },
  { key: "title", type: "text", width: 30 },
  { key: "body", type: "text", width: 60 },
  { key: "author", type: "text", width: 12 },
  { key: "location", type: "text", width: 24 },
  { key: "department", type: "text", width: 22 },
  { key: "topic1", type: "text", width: 14 },
  { key: "topic2", type: "text", width: 16 },
  { key: "status", type: "text", width: 10 },
  { key: "deadlineAt", type: "datetime", width: 17 },
  { key: "repliedAt", type: "datetime", width: 17 },
  { key: "closedAt", type: "datetime", width: 17 },
  { key: "overdue", type: "text", width: 9 },
  { key: "satisfaction", type: "text", width: 10 },
  { key: "solved", type: "text", width: 9 },
  { key: "sentiment", type: "text", width: 8 },
  { key: "excluded", type: "text", width: 9 },
  { key: "needsReview", type: "text", width: 9 },
  { key: "replyText", type: "text", width: 60 },
  { key: "id", type: "integer", width: 10 },
] as const satisfies readonly { key: string; type: CellType; width: number }[];

export type ItemExportColumnKey = (typeof ITEM_EXPORT_COLUMNS)[number]["key"];

/** Words for the headers and the coded values, in the export's language (the app passes its catalogue's). */
export interface ItemExportLabels {
  headers: Record<ItemExportColumnKey, string>;
  channel: Record<string, string>;
  status: Record<string, string>;
  sentiment: Record<string, string>;
  satisfaction: Record<string, string>;
  solved: Record<string, string>;
  yes: string;
  no: string;
}

export interface ItemExportOptions {
  labels: ItemExportLabels;
  /** Mask personal data in the texts and names (phones, ID and bank cards, e-mail, names). Default true. */
  mask?: boolean;
  /** The data cut-off: an open item past its deadline at this instant counts as overdue. */
  asOf: number;
  sheetName: string;
  notes?: ExportTable["notes"];
}

/**
 * A citizen's name or nickname: the first character and "**", like the names maskPersonalData finds in texts.
 * A surname with a form of address ("李女士") identifies nobody and stays as it is.
 */
export function maskAuthor(name: string): string {
  const text = maskPersonalData(name.trim());
  if (!text) return text;
  if (/^.{1,2}(先生|女士|小姐)$/u.test(text)) return text;
  return [...text][0] + "**";
}

/** A read-only connection of its own on the same database file (or the same connection for an in-memory one). */
function snapshotConnection(db: Db): { db: Db; close: () => void } {
  const client = db.$client;
  if (client.memory || !client.name || client.name === ":memory:") return { db, close: () => {} };
  const own = openDatabase(client.name, { readonly: true });
  // A scan reads each page once: a small cache keeps the export's memory flat whatever the database's size.
  own.$client.pragma("cache_size = -8192");
  return { db: own, close: () => own.$client.close() };
}

/** The rows of the items list for `selection`, every one of them, as an export table. */
export function itemsExportTable(db: Db, selection: ItemListSelection, o: ItemExportOptions): ExportTable {
  const mask = o.mask !== false;
  const L = o.labels;
  const snapshot = snapshotConnection(db);
  const dept = alias(departments, "d");
  const topic = alias(topics, "tp");
  const parent = alias(topics, "tpp");
  let iterator: IterableIterator<unknown[]> | undefined;
  let first: IteratorResult<unknown[]> | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    iterator?.return?.();
    snapshot.close();
  };
  try {
    const s = snapshot.db;
    // The order of these fields is the order of each raw row below.
    const query = s
      .select({
        id: items.id, externalId: items.externalId, channel: items.channel, source: items.source, type: items.type,
        receivedAt: items.receivedAt, title: itemTexts.title, body: itemTexts.body, author: items.author, location: items.location,
        department: dept.name, topic: topic.name, topicParent: parent.name, status: items.status, deadlineAt: items.deadlineAt,
        repliedAt: items.repliedAt, closedAt: items.closedAt, answeredAt: items.answeredAt, satisfaction: items.satisfaction,
        solved: items.solved, sentiment: items.sentiment, excluded: items.excluded, needsReview: items.needsReview, replyText: itemTexts.replyText,
      })
      .from(items)
      .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
      .leftJoin(dept, eq(dept.id, items.routedDepartmentId))
      .leftJoin(topic, eq(topic.id, items.routedTopicId))
      .leftJoin(parent, eq(parent.id, topic.parentId))
      .where(and(...itemListConditions(s, selection)) ?? sql`1`)
      .orderBy(...ITEM_LIST_ORDER[selection.sort ?? "received_desc"])
      .toSQL();
    iterator = s.$client.prepare(query.sql).raw(true).iterate(...query.params) as IterableIterator<unknown[]>;
    // Step once now: SQLite takes the read snapshot at the first row, so the export is the data as of this call.
    first = iterator.next();
  } catch (e) {
    close();
    throw e;
  }
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const masked = (v: unknown) => (v === null || v === undefined || v === "" ? null : mask ? maskPersonalData(String(v)) : String(v));
  const label = (map: Record<string, string>, v: unknown) => (v === null || v === undefined ? null : map[String(v)] ?? String(v));
  const yesNo = (v: unknown) => (v ? L.yes : L.no);
  const it = iterator;
  const rows: Iterator<Cell[]> = {
    next(): IteratorResult<Cell[]> {
      let next: IteratorResult<unknown[]>;
      if (closed) next = { done: true, value: undefined };
      else if (first) {
        next = first;
        first = undefined;
      } else next = it.next();
      if (next.done) {
        close();
        return { done: true, value: undefined };
      }
      const [id, externalId, channel, source, type, receivedAt, title, body, author, location, department, topicName, topicParent,
        status, deadlineAt, repliedAt, closedAt, answeredAt, satisfaction, solved, sentiment, excluded, needsReview, replyText] = next.value as [
        number, string, string, string, string | null, number, string | null, string | null, string | null, string | null, string | null,
        string | null, string | null, string, number | null, number | null, number | null, number | null, string | null, string | null,
        string | null, number, number, string | null,
      ];
      const overdue = deadlineAt === null ? null : (answeredAt === null ? deadlineAt < o.asOf : answeredAt > deadlineAt) ? L.yes : L.no;
      return {
        done: false,
        value: [
          externalId, label(L.channel, channel), text(source), text(type), receivedAt, masked(title), masked(body),
          author ? (mask ? maskAuthor(author) : author) : null, masked(location), text(department),
          topicParent ?? topicName, topicParent ? topicName : null, label(L.status, status), deadlineAt, repliedAt, closedAt, overdue,
          label(L.satisfaction, satisfaction), label(L.solved, solved), label(L.sentiment, sentiment), yesNo(excluded), yesNo(needsReview),
          masked(replyText), id,
        ],
      };
    },
    return(): IteratorResult<Cell[]> {
      close();
      return { done: true, value: undefined };
    },
  };
  const columns: ExportColumn[] = ITEM_EXPORT_COLUMNS.map((c) => ({ header: L.headers[c.key], type: c.type, width: c.width }));
  return { sheetName: o.sheetName, columns, rows, notes: o.notes, close };
}
