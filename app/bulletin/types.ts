// The monthly bulletin (月度通报) as plain data: built by model.server.ts from db/metrics only, then printed by
// the Word, Excel and HTML renderers. Every number here is one db/metrics returned; the renderers only format.
import type { Backlog } from "../../db/metrics/backlog";
import type { Compared } from "../../db/metrics/comparison";
import type { RateCounts } from "../../db/metrics/rates";
import type { Timing } from "../../db/metrics/timing";
import type { TopicCount } from "../../db/metrics/topics";
import type { Channel } from "../../db/schema";

export const BULLETIN_FORMATS = ["docx", "xlsx", "html"] as const;
export type BulletinFormat = (typeof BULLETIN_FORMATS)[number];

/** What a bulletin is made for: a period (and the assessment-month variant), one department or all, the scope. */
export interface BulletinRequest {
  /** A period key as the dashboard takes it: "2026-10" (with assessment: the assessment month ending in it). */
  period: string;
  /** Use the assessment month (考核月) named by the period's month instead of the natural month. */
  assessment?: boolean;
  /** Day of month an assessment month starts on (1–28); 1, the dashboard's default, is the calendar month. */
  assessmentStartDay?: number;
  departmentId?: number;
  /** 全口径 (true) or 不含剔除 (false, the default), as the dashboard's scope=all. */
  includeExcluded?: boolean;
  /** The instant the bulletin is generated (default now); the data cut-off is never later. */
  now?: number;
}

export type KpiKey =
  | "volume" | "replyRate" | "onTimeRate" | "resolutionRate" | "satisfactionRate" | "medianReplyWorkdays" | "negativeShare"
  | "responseRate3" | "solvedRate3" | "satisfactionRate3";

export interface BulletinKpi {
  key: KpiKey;
  label: string;
  /** 办理口径 (operational) or 考核口径“三率” (assessment); never mixed in one table block. */
  family: "operational" | "assessment";
  format: "count" | "percent" | "days";
  figure: Compared;
}

export interface BulletinRankingRow {
  departmentId: number | null;
  name: string;
  /** The catalogue's short name (charts), else the name. */
  shortName: string;
  rank: number | null;
  belowMinimumSample: boolean;
  received: number;
  replyRate: number | null;
  onTimeRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  medianReplyWorkdays: number | null;
  overdue: number;
  composite: number | null;
}

export interface BulletinHotIssue {
  clusterId: number;
  label: string;
  place: string | null;
  keywords: string[];
  itemCount: number;
  writerCount: number;
  likes: number;
  heat: number;
  firstAt: number;
  lastAt: number;
  department: string | null;
  topic: string | null;
}

export interface BulletinOverdueItem {
  itemId: number;
  externalId: string;
  channel: Channel;
  /** Title, else the start of the text; personal data masked. */
  summary: string;
  department: string | null;
  receivedAt: number;
  deadlineAt: number | null;
}

export interface BulletinCase {
  itemId: number;
  externalId: string;
  channel: Channel;
  type: string | null;
  receivedAt: number;
  answeredAt: number;
  department: string | null;
  topic: string | null;
  /** Personal data masked, then shortened. */
  title: string | null;
  body: string;
  reply: string;
}

export interface BulletinModel {
  /** Changes when the shape changes (the Excel sheet 口径说明 prints it). */
  schema: 1;
  title: string;
  /** The period in words and its days, e.g. "2026年10月（2026年10月1日至10月31日）". */
  subtitle: string;
  period: { key: string; kind: string; label: string; firstDay: string; lastDay: string };
  previous: { key: string; label: string };
  yearAgo: { key: string; label: string };
  assessment: boolean;
  department: { id: number; name: string } | null;
  /** "全市" or the department's name: who the figures are about. */
  subject: string;
  scope: "assessed" | "all";
  scopeLabel: string;
  asOf: number;
  generatedAt: number;
  counts: RateCounts;
  byChannel: Record<Channel, number>;
  kpis: BulletinKpi[];
  hasReturnVisits: boolean;
  backlog: Backlog;
  timing: Timing;
  trend: { key: string; label: string; received: number; byChannel: Record<Channel, number> }[];
  ranking: {
    /** Every unit with items in the period, ranked first (db/metrics/ranking order). */
    rows: BulletinRankingRow[];
    /** 红榜 / 黑榜: the best and the worst ranked units (never overlapping). */
    top: BulletinRankingRow[];
    bottom: BulletinRankingRow[];
    unranked: BulletinRankingRow[];
    minimumSample: number;
    weights: { reply: number; resolution: number; satisfaction: number };
  };
  topics: TopicCount[];
  hot: { computedAt: number | null; clusters: BulletinHotIssue[]; counts: { raw: number; merged: number } | null };
  overdue: {
    total: number;
    dueSoon: number;
    byDepartment: { departmentId: number | null; name: string; overdue: number }[];
    /** The longest-overdue items (earliest deadline first). */
    items: BulletinOverdueItem[];
  };
  cases: BulletinCase[];
  /** The summary paragraphs, written from the numbers above by wording.ts. */
  summary: { key: string; text: string }[];
  definitions: {
    version: string;
    effectiveFrom: string;
    help: { key: string; label: string; text: string }[];
    calendar: { first: number; last: number };
    calendarWarning: string | null;
  };
  /** The footnote (口径、数据截止时间、脱敏说明) as sentences. */
  footnote: string[];
}
