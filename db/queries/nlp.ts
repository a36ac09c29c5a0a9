// Everything the NLP pass reads from and writes to the database: training labels, models, predictions,
// and people's corrections. Routing precedence (person > source > model) lives in the schema's generated
// columns, so writing a prediction never overrides a label.
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { departments, itemCorrections, itemNlp, items, itemTexts, models, topics } from "../schema";

export type RoutingField = "department" | "topic";
export type ModelKind = RoutingField | "sentiment";

export interface TrainingItem {
  id: number;
  title: string | null;
  body: string | null;
  label: number;
}

/** Items labelled by a person, else by the source, for one routing field. */
export function loadTrainingItems(db: Db, field: RoutingField): TrainingItem[] {
  const label = field === "department"
    ? sql<number>`coalesce(${items.humanDepartmentId}, ${items.departmentId})`
    : sql<number>`coalesce(${items.humanTopicId}, ${items.topicId})`;
  return db
    .select({ id: items.id, title: itemTexts.title, body: itemTexts.body, label })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .where(sql`${label} IS NOT NULL`)
    .orderBy(asc(items.id))
    .all();
}

export interface StoredModel {
  version: string;
  kind: string;
  createdAt: number;
  trainedItems: number;
  classes: string;
  metrics: string;
  data: Buffer;
}

/** Stores a model as the active one of its kind (older ones are kept, inactive, for audit). */
export function saveModel(db: Db, model: Omit<StoredModel, "createdAt"> & { formatVersion: number }): void {
  db.transaction((tx) => {
    tx.update(models).set({ active: false }).where(eq(models.kind, model.kind)).run();
    tx.insert(models).values({ ...model, createdAt: Date.now(), active: true }).run();
  });
}

export function activeModel(db: Db, kind: ModelKind): StoredModel | undefined {
  return db
    .select({ version: models.version, kind: models.kind, createdAt: models.createdAt, trainedItems: models.trainedItems, classes: models.classes, metrics: models.metrics, data: models.data })
    .from(models)
    .where(and(eq(models.kind, kind), eq(models.active, true)))
    .orderBy(desc(models.createdAt))
    .get();
}

export function listModels(db: Db) {
  return db
    .select({ version: models.version, kind: models.kind, createdAt: models.createdAt, trainedItems: models.trainedItems, metrics: models.metrics, active: models.active })
    .from(models)
    .orderBy(desc(models.createdAt))
    .all();
}

export interface ItemToAnalyse {
  id: number;
  channel: string;
  title: string | null;
  body: string | null;
  replyText: string | null;
  /** A person or the source gave the department / topic, so a prediction is only advisory. */
  departmentLabelled: boolean;
  topicLabelled: boolean;
}

/** A page of items in id order after `afterId`: all of them, or those of one import run. */
export function itemsToAnalyse(db: Db, options: { afterId: number; limit: number; importRunId?: number; missingOnly?: boolean }): ItemToAnalyse[] {
  const conditions = [gt(items.id, options.afterId)];
  if (options.importRunId !== undefined) conditions.push(eq(items.importRunId, options.importRunId));
  if (options.missingOnly) conditions.push(isNull(itemNlp.itemId));
  return db
    .select({
      id: items.id, channel: items.channel, title: itemTexts.title, body: itemTexts.body, replyText: itemTexts.replyText,
      departmentLabelled: sql<number>`coalesce(${items.humanDepartmentId}, ${items.departmentId}) IS NOT NULL`,
      topicLabelled: sql<number>`coalesce(${items.humanTopicId}, ${items.topicId}) IS NOT NULL`,
    })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .leftJoin(itemNlp, eq(itemNlp.itemId, items.id))
    .where(and(...conditions))
    .orderBy(asc(items.id))
    .limit(options.limit)
    .all()
    .map((r) => ({ ...r, departmentLabelled: Boolean(r.departmentLabelled), topicLabelled: Boolean(r.topicLabelled) }));
}

export interface ItemAnalysis {
  itemId: number;
  departmentId: number | null;
  departmentConfidence: number | null;
  topicId: number | null;
  topicConfidence: number | null;
  method: "model" | "rules" | null;
  modelVersion: string | null;
  terms: string | null;
  needsReview: boolean;
  sentiment: string | null;
  sentimentScore: number | null;
  sentimentMethod: string | null;
  sentimentModelVersion: string | null;
  places: string | null;
  personalData: string | null;
  replySubstantive: boolean | null;
  replyRelevance: number | null;
  /** The search index's words for the item (space-joined), or null for an item without text. */
  searchWords: string | null;
}

/** Writes a batch of analyses in one transaction: item_nlp rows and the item's predicted columns. */
export function saveAnalyses(db: Db, analyses: ItemAnalysis[]): void {
  const now = Date.now();
  const index = db.$client.prepare("INSERT OR REPLACE INTO item_search (rowid, words) VALUES (?, ?)");
  const unindex = db.$client.prepare("DELETE FROM item_search WHERE rowid = ?");
  db.transaction((tx) => {
    for (const a of analyses) {
      const { needsReview, searchWords, ...nlp } = a;
      if (searchWords) index.run(a.itemId, searchWords);
      else unindex.run(a.itemId);
      tx.insert(itemNlp).values({ ...nlp, updatedAt: now }).onConflictDoUpdate({ target: itemNlp.itemId, set: { ...nlp, updatedAt: now } }).run();
      tx.update(items)
        .set({ predictedDepartmentId: a.departmentId, predictedTopicId: a.topicId, needsReview, sentiment: a.sentiment })
        .where(eq(items.id, a.itemId))
        .run();
    }
  });
}

/**
 * Records a person's correction of an item's department or topic: the audit row, the human label that
 * routing and the next training use, and the item leaves the review queue.
 */
export function recordCorrection(db: Db, c: { itemId: number; field: RoutingField; newId: number; correctedBy: string; note?: string }): void {
  db.transaction((tx) => {
    const current = tx
      .select({ department: items.routedDepartmentId, topic: items.routedTopicId })
      .from(items)
      .where(eq(items.id, c.itemId))
      .get();
    if (!current) throw new Error(`item ${c.itemId} not found`);
    tx.insert(itemCorrections).values({
      itemId: c.itemId, field: c.field, previousId: c.field === "department" ? current.department : current.topic,
      newId: c.newId, correctedBy: c.correctedBy, note: c.note ?? null, createdAt: Date.now(),
    }).run();
    tx.update(items)
      .set(c.field === "department" ? { humanDepartmentId: c.newId, needsReview: false } : { humanTopicId: c.newId, needsReview: false })
      .where(eq(items.id, c.itemId))
      .run();
  });
}

export function countReviewQueue(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(items).where(eq(items.needsReview, true)).get()!.n;
}

/** Departments and topics with their names and keyword lists, for the cold-start rules. */
export function ruleCatalogue(db: Db) {
  const parse = (json: string) => JSON.parse(json) as string[];
  return {
    departments: db.select({ id: departments.id, name: departments.name, shortName: departments.shortName, aliases: departments.aliases }).from(departments).where(eq(departments.active, true)).all().map((d) => ({ ...d, aliases: parse(d.aliases) })),
    topics: db.select({ id: topics.id, name: topics.name, parentId: topics.parentId, keywords: topics.keywords }).from(topics).all().map((t) => ({ ...t, keywords: parse(t.keywords) })),
  };
}

export function itemAnalysis(db: Db, itemIds: number[]) {
  return db.select().from(itemNlp).where(inArray(itemNlp.itemId, itemIds)).all();
}
