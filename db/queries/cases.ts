// Typical cases (典型案例) for the bulletin: answered items of the period with a substantive reply, chosen by a
// fixed rule so the same data always gives the same cases. Texts come back raw; callers mask personal data.
import { and, asc, desc, eq, isNotNull, or, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
import { filterConditions, type MetricFilters, type TimeRange } from "../metrics/scope";
import { departments, itemNlp, items, itemTexts, topics } from "../schema";

export interface CaseCandidate {
  itemId: number;
  externalId: string;
  channel: string;
  type: string | null;
  receivedAt: number;
  answeredAt: number;
  department: string | null;
  topicId: number | null;
  topic: string | null;
  title: string | null;
  body: string;
  reply: string;
  engagement: number;
}

/** Texts shorter than this are not a case anyone can learn from ("@平安江城 怎么还没修"). */
export const MIN_CASE_CHARS = 30;

/**
 * Up to `limit` cases: items received in the range (with the filters) that are answered with a reply text the
 * NLP pass did not flag as a placeholder, ordered by engagement (likes + opposes + reposts + comments), then by
 * the length of the citizen's text, then by id; at most one per topic, so the cases show different problems.
 * Items whose writer declined publication are left out.
 */
export function typicalCases(db: Db, range: TimeRange, f: MetricFilters, limit = 3): CaseCandidate[] {
  const dept = alias(departments, "d");
  const topic = alias(topics, "tp");
  const engagement = sql<number>`(${items.likes} + ${items.opposes} + ${items.reposts} + ${items.commentsCount})`;
  const candidates = db
    .select({
      itemId: items.id, externalId: items.externalId, channel: items.channel, type: items.type, receivedAt: items.receivedAt,
      answeredAt: sql<number>`${items.answeredAt}`, department: dept.name, topicId: items.routedTopicId, topic: topic.name,
      title: itemTexts.title, body: sql<string>`${itemTexts.body}`, reply: sql<string>`${itemTexts.replyText}`, engagement,
    })
    .from(items)
    .innerJoin(itemTexts, eq(itemTexts.itemId, items.id))
    .leftJoin(itemNlp, eq(itemNlp.itemId, items.id))
    .leftJoin(dept, eq(dept.id, items.routedDepartmentId))
    .leftJoin(topic, eq(topic.id, items.routedTopicId))
    .where(and(
      sql`${items.receivedAt} >= ${range.start} AND ${items.receivedAt} < ${range.end}`,
      isNotNull(items.answeredAt),
      sql`length(trim(coalesce(${itemTexts.replyText}, ''))) > 0`,
      sql`length(coalesce(${itemTexts.body}, '')) >= ${MIN_CASE_CHARS}`,
      or(isNull(itemNlp.replySubstantive), eq(itemNlp.replySubstantive, true)),
      // A bulletin circulates: a writer who declined publication (公开意愿: 否) is never a typical case.
      or(isNull(items.publicationConsent), eq(items.publicationConsent, true)),
      ...filterConditions(db, f),
    ))
    .orderBy(desc(engagement), desc(sql`length(${itemTexts.body})`), asc(items.id))
    .limit(limit * 20)
    .all();
  const out: CaseCandidate[] = [];
  const topicsSeen = new Set<number | null>();
  for (const c of candidates) {
    if (topicsSeen.has(c.topicId)) continue;
    topicsSeen.add(c.topicId);
    out.push(c);
    if (out.length === limit) break;
  }
  return out;
}
