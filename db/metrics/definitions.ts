// 口径: the versioned definitions of every metric. The dashboard shows these texts as help, the bulletin prints
// them in its footer, and db/metrics computes exactly what they say. Change a rule → raise the version.
import type { Channel } from "../schema";

export interface DeadlineRule {
  /** Working days from receipt (the Chinese calendar with 调休), or calendar days for Weibo comments. */
  amount: number;
  unit: "workdays" | "days";
}

export interface MetricDefinitions {
  version: string;
  /** Shanghai day from which this version applies. */
  effectiveFrom: string;
  /** Weight of 基本满意 in the satisfaction rate: (满意 + w × 基本满意) / valid ratings. */
  basicallySatisfiedWeight: number;
  /** Composite score = Σ weight × rate, over the rates a unit has. */
  compositeWeights: { reply: number; resolution: number; satisfaction: number };
  /** Units with fewer items in the period are shown but not ranked. */
  minimumSample: number;
  /** Reply deadline per channel, unless the source gives the item's own deadline (办理时限). */
  replyDeadline: Record<Channel, DeadlineRule>;
  /** Reply deadline per channel and item type (items.type as the source writes it), over the channel's; from 设置. */
  replyDeadlineByType?: Partial<Record<Channel, Record<string, DeadlineRule>>>;
  /** Day of month (1–28) on which the assessment month (考核月) starts; absent = 1, the calendar month. */
  assessmentStartDay?: number;
  /** First contact deadline for hotline work orders (响应时限). */
  hotlineContactDeadline: DeadlineRule;
  /** Open items this close to their deadline are due soon (临期). */
  dueSoonWorkdays: number;
  /** Government accounts silent this many days get a warning (the national check rule for new media). */
  silentAccountDays: number;
  /** A period's negative share is a spike when it exceeds the trailing mean by this many standard deviations. */
  negativeSpikeSigma: number;
}

export const METRIC_DEFINITIONS: MetricDefinitions = {
  version: "口径 v1",
  effectiveFrom: "2026-01-01",
  basicallySatisfiedWeight: 0.9,
  compositeWeights: { reply: 0.1, resolution: 0.5, satisfaction: 0.4 },
  minimumSample: 10,
  replyDeadline: {
    hotline: { amount: 5, unit: "workdays" },
    mailbox: { amount: 10, unit: "workdays" },
    weibo: { amount: 1, unit: "days" },
  },
  hotlineContactDeadline: { amount: 1, unit: "workdays" },
  dueSoonWorkdays: 1,
  silentAccountDays: 14,
  negativeSpikeSigma: 2,
};

export type MetricKey =
  | "volume" | "replyRate" | "onTimeRate" | "resolutionRate" | "satisfactionRate" | "responseRate3" | "solvedRate3"
  | "satisfactionRate3" | "replyDays" | "closeDays" | "replyHours" | "dueSoon" | "overdue" | "composite" | "excluded"
  | "negativeShare" | "postsPerAccount" | "commentReplyRate" | "silentDays";

/** What each metric means, for the dashboard's help and the bulletin's footnote. {w} etc. are filled in. */
export const METRIC_HELP: Record<MetricKey, { zh: string; en: string }> = {
  volume: {
    zh: "受理量：统计期内受理（接收）的诉求件数，按北京时间计；环比为与上一统计期相比，同比为与上年同期相比。",
    en: "Volume: items received in the period (Beijing time); 环比 compares with the previous period, 同比 with the same period a year earlier.",
  },
  replyRate: {
    zh: "答复率 = 统计期内受理且已答复（有答复时间或办结时间）的件数 ÷ 统计期内受理件数。",
    en: "Reply rate = items received in the period that have an official reply (reply or close time) ÷ items received in the period.",
  },
  onTimeRate: {
    zh: "按时答复率 = 在办理时限内答复的件数 ÷ 办理时限落在统计期内或在统计期内答复的件数。办理时限取来源给出的时限，未给出时按口径默认时限（热线 5 个工作日、信箱 10 个工作日、微博评论 1 天）以法定工作日（含调休）推算。",
    en: "On-time reply rate = items replied by their deadline ÷ items whose deadline fell in the period or that were replied in it. The deadline is the source's, else the default (hotline 5 working days, mailbox 10, Weibo comments 1 day) on the official working-day calendar.",
  },
  resolutionRate: {
    zh: "办结率 = 统计期内受理且已办结的件数 ÷ 统计期内受理件数；有回访结果的热线工单以“是否解决”为准（已解决或部分解决计为解决）。",
    en: "Resolution rate = items received in the period that are closed ÷ items received; hotline work orders with a return visit count as resolved when solved (fully or partly).",
  },
  satisfactionRate: {
    zh: "满意率 = (满意 + {w} × 基本满意) ÷ 有效评价数（满意、基本满意、不满意；未评价不计）。",
    en: "Satisfaction rate = (satisfied + {w} × basically satisfied) ÷ valid ratings (satisfied, basically satisfied, dissatisfied; unrated excluded).",
  },
  responseRate3: {
    zh: "考核口径“三率”之响应率 = 已联系群众的件数 ÷ 有效回访数（仅热线，有回访结果时）。",
    en: "Assessment 三率, response rate = contacted ÷ valid return visits (hotline, where return visits exist).",
  },
  solvedRate3: {
    zh: "考核口径“三率”之解决率 = 回访确认已解决的件数 ÷ 有效回访数。",
    en: "Assessment 三率, solved rate = solved according to the return visit ÷ valid return visits.",
  },
  satisfactionRate3: {
    zh: "考核口径“三率”之满意率 = (满意 + {w} × 基本满意) ÷ 有效回访数。",
    en: "Assessment 三率, satisfaction rate = (satisfied + {w} × basically satisfied) ÷ valid return visits.",
  },
  replyDays: {
    zh: "答复用时：从受理到答复经过的工作日数（法定节假日与周末不计，调休上班日计入），取中位数与 90 分位数；每件用时先取整（10 以下保留一位小数，10 以上取整数）。",
    en: "Time to reply: working days from receipt to reply (holidays and weekends not counted, make-up workdays counted); median and 90th percentile of each item's time rounded to 0.1 (whole days from 10).",
  },
  closeDays: {
    zh: "办结用时：从受理到办结经过的工作日数，取中位数与 90 分位数（取整规则同答复用时）。",
    en: "Time to close: working days from receipt to closing; median and 90th percentile (rounded as time to reply).",
  },
  replyHours: {
    zh: "热线答复用时（小时）：从受理到答复经过的自然小时数，取中位数与 90 分位数；每件先取整（10 小时以下保留一位小数，100 小时以下取整数，以上取整十）。",
    en: "Hotline time to reply in hours (elapsed); median and 90th percentile of each item's hours rounded to 0.1 under 10, whole hours under 100, tens above.",
  },
  dueSoon: {
    zh: "临期（橙色）：尚未答复、距办理时限不足 {d} 个工作日的诉求。",
    en: "Due soon (orange): not yet replied and within {d} working day(s) of the deadline.",
  },
  overdue: {
    zh: "超期（红色）：尚未答复且已超过办理时限的诉求；“未办结”包含超期件。",
    en: "Overdue (red): not yet replied and past the deadline; open items include overdue ones.",
  },
  composite: {
    zh: "综合得分 = {r} × 答复率 + {s} × 办结率 + {t} × 满意率（按百分制）；统计期内受理少于 {n} 件的单位列示但不参与排名。",
    en: "Composite score = {r} × reply rate + {s} × resolution rate + {t} × satisfaction rate (out of 100); units with fewer than {n} items are listed but not ranked.",
  },
  excluded: {
    zh: "剔除：经审核认定为无效、重复或不属本地管辖的诉求，可标注剔除原因；“全口径”含剔除件，“不含剔除”不含。",
    en: "Exclusions: items marked invalid, duplicate or outside jurisdiction, with a reason and by whom; 全口径 includes them, 不含剔除 does not.",
  },
  negativeShare: {
    zh: "负面占比 = 情感为负面的诉求 ÷ 统计期内受理件数；高于前 8 期均值 {k} 个标准差时标记为异常升高。",
    en: "Negative share = negative items ÷ items received; flagged as a spike above the trailing 8-period mean by {k} standard deviations.",
  },
  postsPerAccount: {
    zh: "政务微博发布：统计期内各账号发布的微博数、原创占比及单条平均转发、评论、点赞数。",
    en: "Government Weibo: posts per account in the period, original share, and reposts / comments / likes per post.",
  },
  commentReplyRate: {
    zh: "评论回复率 = 已由账号回复的网民评论数 ÷ 统计期内的网民评论数。",
    en: "Comment reply rate = citizen comments the account replied to ÷ comments in the period.",
  },
  silentDays: {
    zh: "未更新天数：距账号最近一次发布的天数；连续 {q} 天未更新予以预警（政务新媒体检查规则）。",
    en: "Days since the last post; {q} days without an update is warned (the national check rule for government new media).",
  },
};

/** A metric's help text with the configured numbers filled in. */
export function metricHelp(key: MetricKey, lang: "zh-CN" | "en", d: MetricDefinitions = METRIC_DEFINITIONS): string {
  const text = METRIC_HELP[key][lang === "en" ? "en" : "zh"];
  return text
    .replaceAll("{w}", String(d.basicallySatisfiedWeight))
    .replaceAll("{d}", String(d.dueSoonWorkdays))
    .replaceAll("{r}", String(d.compositeWeights.reply))
    .replaceAll("{s}", String(d.compositeWeights.resolution))
    .replaceAll("{t}", String(d.compositeWeights.satisfaction))
    .replaceAll("{n}", String(d.minimumSample))
    .replaceAll("{k}", String(d.negativeSpikeSigma))
    .replaceAll("{q}", String(d.silentAccountDays));
}
