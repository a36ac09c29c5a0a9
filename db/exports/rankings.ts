// The dashboard's ranking-like tables as export tables: the department league table (部门排名), the government
// Weibo accounts and the topic volumes. Every number is the one db/metrics computed for the page; nothing is
// recomputed here, only laid out (rates stay 0–1 fractions: a % format in Excel, "85.27%" in CSV).
import type { DepartmentRow } from "../metrics/ranking";
import type { AccountRow } from "../metrics/microblog";
import type { TopicCount } from "../metrics/topics";
import { tableFromArray, type CellType, type ExportColumn, type ExportTable } from "./table";

type Columns<K extends string> = readonly { key: K; type: CellType; width: number }[];

function columnsOf<K extends string>(spec: Columns<K>, headers: Record<K, string>): ExportColumn[] {
  return spec.map((c) => ({ header: headers[c.key], type: c.type, width: c.width }));
}

export const DEPARTMENT_EXPORT_COLUMNS = [
  { key: "rank", type: "integer", width: 6 },
  { key: "name", type: "text", width: 26 },
  { key: "received", type: "integer", width: 10 },
  { key: "answered", type: "integer", width: 10 },
  { key: "replyRate", type: "percent", width: 10 },
  { key: "onTimeDue", type: "integer", width: 12 },
  { key: "onTimeRate", type: "percent", width: 12 },
  { key: "resolved", type: "integer", width: 10 },
  { key: "resolutionRate", type: "percent", width: 10 },
  { key: "validRatings", type: "integer", width: 12 },
  { key: "satisfactionRate", type: "percent", width: 10 },
  { key: "medianReply", type: "decimal", width: 14 },
  { key: "overdue", type: "integer", width: 10 },
  { key: "composite", type: "decimal", width: 10 },
  { key: "note", type: "text", width: 22 },
] as const satisfies Columns<string>;
export type DepartmentExportColumnKey = (typeof DEPARTMENT_EXPORT_COLUMNS)[number]["key"];

export interface DepartmentExportLabels {
  headers: Record<DepartmentExportColumnKey, string>;
  unrouted: string;
  unranked: string;
}

/** The league table in the order given (the page's: rank, or the column it is sorted by). */
export function departmentRankingTable(rows: DepartmentRow[], labels: DepartmentExportLabels, sheet: string, notes?: ExportTable["notes"]): ExportTable {
  return tableFromArray(
    sheet,
    columnsOf(DEPARTMENT_EXPORT_COLUMNS, labels.headers),
    rows.map((r) => [
      r.rank, r.departmentId === null ? labels.unrouted : r.name, r.counts.received, r.counts.answered, r.replyRate, r.onTimeDue, r.onTimeRate,
      r.counts.resolved, r.resolutionRate, r.counts.satisfied + r.counts.basicallySatisfied + r.counts.dissatisfied, r.satisfactionRate,
      r.replyWorkdays.median, r.overdue, r.composite, r.rank === null && r.departmentId !== null ? labels.unranked : null,
    ]),
    notes,
  );
}

export const WEIBO_EXPORT_COLUMNS = [
  { key: "account", type: "text", width: 24 },
  { key: "posts", type: "integer", width: 10 },
  { key: "originalShare", type: "percent", width: 10 },
  { key: "repostsPerPost", type: "decimal", width: 10 },
  { key: "commentsPerPost", type: "decimal", width: 10 },
  { key: "likesPerPost", type: "decimal", width: 10 },
  { key: "citizenComments", type: "integer", width: 10 },
  { key: "repliedComments", type: "integer", width: 10 },
  { key: "commentReplyRate", type: "percent", width: 12 },
  { key: "replyHours", type: "decimal", width: 14 },
  { key: "lastPostAt", type: "datetime", width: 17 },
  { key: "daysSinceLastPost", type: "integer", width: 10 },
  { key: "silentWarning", type: "text", width: 16 },
] as const satisfies Columns<string>;
export type WeiboExportColumnKey = (typeof WEIBO_EXPORT_COLUMNS)[number]["key"];

export function weiboAccountsTable(rows: AccountRow[], labels: { headers: Record<WeiboExportColumnKey, string>; warning: string }, sheet: string, notes?: ExportTable["notes"]): ExportTable {
  return tableFromArray(
    sheet,
    columnsOf(WEIBO_EXPORT_COLUMNS, labels.headers),
    rows.map((a) => [
      a.name, a.posts, a.originalShare, a.repostsPerPost, a.commentsPerPost, a.likesPerPost, a.citizenComments, a.repliedComments,
      a.commentReplyRate, a.replyHours.median, a.lastPostAt, a.daysSinceLastPost, a.silentWarning ? labels.warning : null,
    ]),
    notes,
  );
}

export const TOPIC_EXPORT_COLUMNS = [
  { key: "level", type: "integer", width: 6 },
  { key: "topic", type: "text", width: 20 },
  { key: "parent", type: "text", width: 16 },
  { key: "count", type: "integer", width: 10 },
  { key: "previous", type: "integer", width: 10 },
  { key: "change", type: "percent", width: 10 },
  { key: "share", type: "percent", width: 10 },
] as const satisfies Columns<string>;
export type TopicExportColumnKey = (typeof TOPIC_EXPORT_COLUMNS)[number]["key"];

/** First-level topics, then second-level ones, each by volume (as topTopics returns them). */
export function topicsTable(level1: TopicCount[], level2: TopicCount[], headers: Record<TopicExportColumnKey, string>, sheet: string, notes?: ExportTable["notes"]): ExportTable {
  const row = (level: number) => (t: TopicCount) => [level, t.name, t.parentName, t.count, t.previous, t.change, t.share];
  return tableFromArray(sheet, columnsOf(TOPIC_EXPORT_COLUMNS, headers), [...level1.map(row(1)), ...level2.map(row(2))], notes);
}
