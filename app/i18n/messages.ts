// The one message catalogue. zh-CN is the default; en mirrors every key (the type checker enforces it).
export const LANGS = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh-CN";

const zhCN = {
  "app.title": "民意 Minyi · 政务互动分析",
  "app.brand": "民意 Minyi",
  "app.subtitle": "政务互动分析",
  "app.demoBadge": "演示数据 Demo data",
  "app.demoBadgeTitle": "当前数据库中的数据为生成的演示数据，并非真实数据。",
  "app.switchLang": "English",

  "channel.hotline": "热线",
  "channel.mailbox": "信箱",
  "channel.weibo": "微博评论",
  "channel.weiboPosts": "微博帖子",

  "volume.heading": "互动量概览",
  "volume.totals": "各渠道总量",
  "volume.byMonth": "按月统计（北京时间）",
  "volume.month": "月份",
  "volume.total": "合计",
  "volume.empty": "数据库为空：尚未导入任何热线、信箱或微博数据。请先使用导入工具（npm run ingest）或生成演示数据（npm run demo:generate）。",

  "error.title": "出错了",
  "error.notFound": "页面不存在 (404)",
  "error.notFoundHint": "您访问的页面不存在，可能已被移动或删除。",
  "error.generic": "抱歉，页面加载时出现问题。请稍后重试；如问题持续，请联系管理员。",
  "error.status": "状态码",
  "error.backHome": "返回首页",

  "nav.overview": "总览",
  "nav.departments": "部门排名",
  "nav.items": "诉求列表",
  "nav.volume": "互动量",

  "filter.period": "统计期",
  "filter.periodHint": "如 2026-10、2026-W40、2026-Q3、2026、A2026-10（考核月）或 2026-10-01~2026-10-31",
  "filter.channel": "渠道",
  "filter.department": "承办单位",
  "filter.topic": "问题分类",
  "filter.scope": "口径",
  "filter.scopeAssessed": "不含剔除",
  "filter.scopeAll": "全口径",
  "filter.all": "全部",
  "filter.apply": "查询",
  "filter.reset": "重置",

  "kpi.volume": "受理量",
  "kpi.replyRate": "答复率",
  "kpi.onTimeRate": "按时答复率",
  "kpi.resolutionRate": "办结率",
  "kpi.satisfactionRate": "满意率",
  "kpi.responseRate3": "响应率（三率）",
  "kpi.solvedRate3": "解决率（三率）",
  "kpi.satisfactionRate3": "满意率（三率）",
  "kpi.medianReplyDays": "答复用时中位数",
  "kpi.negativeShare": "负面占比",
  "kpi.vsPrevious": "环比",
  "kpi.vsYearAgo": "同比",
  "kpi.points": "个百分点",
  "kpi.noComparison": "无可比数据",
  "kpi.operational": "办理口径",
  "kpi.assessment": "考核口径“三率”（热线有效回访）",
  "kpi.workdays": "个工作日",

  "overview.heading": "总览",
  "overview.asOf": "数据截止",
  "overview.period": "统计期",
  "overview.backlog": "待办情况（截至数据截止时间）",
  "overview.open": "未答复",
  "overview.dueSoon": "临期",
  "overview.overdue": "超期",
  "overview.volumeTrend": "受理量趋势",
  "overview.volumeTrendDesc": "统计期内每日（或每月）各渠道受理的诉求件数。",
  "overview.rateTrend": "答复率与满意率趋势",
  "overview.rateTrendDesc": "按受理日期统计的答复率和满意率。",
  "overview.topTopics": "热点问题分类",
  "overview.topTopicsDesc": "统计期内受理量最多的一级问题分类，附环比变化。",
  "overview.channels": "各渠道受理量",
  "overview.timing": "办理用时",
  "overview.p90": "90 分位",
  "overview.median": "中位数",
  "overview.hours": "小时",
  "overview.replyDays": "答复用时（工作日）",
  "overview.closeDays": "办结用时（工作日）",
  "overview.replyHours": "热线答复用时（小时）",
  "overview.definitions": "口径说明",
  "overview.calendar": "工作日按国务院办公厅公布的法定节假日与调休安排计算（已收录年份：",
  "overview.empty": "所选统计期与筛选条件下没有诉求。",
  "overview.date": "日期",
  "overview.count": "件数",
  "overview.rate": "比率",
  "overview.showTable": "以表格显示",
  "overview.noData": "暂无数据",
  "overview.change": "环比",
  "overview.viewItems": "查看诉求",

  "dept.heading": "部门排名",
  "dept.rank": "名次",
  "dept.name": "承办单位",
  "dept.volume": "受理量",
  "dept.replyRate": "答复率",
  "dept.onTimeRate": "按时答复率",
  "dept.resolutionRate": "办结率",
  "dept.satisfactionRate": "满意率",
  "dept.medianReply": "答复用时中位数（工作日）",
  "dept.overdue": "超期",
  "dept.composite": "综合得分",
  "dept.unranked": "样本不足，不参与排名",
  "dept.unrouted": "（未分派）",
  "dept.minSample": "统计期内受理少于 {n} 件的单位列示但不参与排名。",
  "dept.chart": "综合得分排名",
  "dept.chartDesc": "参与排名单位的综合得分（百分制），按得分由高到低排列。",
  "dept.sortBy": "排序",
} as const;

export type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  "app.title": "Minyi · Government interaction analytics",
  "app.brand": "Minyi 民意",
  "app.subtitle": "Government interaction analytics",
  "app.demoBadge": "演示数据 Demo data",
  "app.demoBadgeTitle": "The database holds generated demo data, not real records.",
  "app.switchLang": "中文",

  "channel.hotline": "Hotline",
  "channel.mailbox": "Mailbox",
  "channel.weibo": "Weibo comments",
  "channel.weiboPosts": "Weibo posts",

  "volume.heading": "Interaction volume",
  "volume.totals": "Totals by channel",
  "volume.byMonth": "By month (Beijing time)",
  "volume.month": "Month",
  "volume.total": "Total",
  "volume.empty": "The database is empty: no hotline, mailbox or weibo data has been imported yet. Run the importer (npm run ingest) or generate demo data (npm run demo:generate).",

  "error.title": "Something went wrong",
  "error.notFound": "Page not found (404)",
  "error.notFoundHint": "The page you asked for does not exist; it may have been moved or removed.",
  "error.generic": "Sorry, the page could not be loaded. Please try again later; if it keeps happening, contact the administrator.",
  "error.status": "Status",
  "error.backHome": "Back to the home page",

  "nav.overview": "Overview",
  "nav.departments": "Departments",
  "nav.items": "Items",
  "nav.volume": "Volume",

  "filter.period": "Period",
  "filter.periodHint": "e.g. 2026-10, 2026-W40, 2026-Q3, 2026, A2026-10 (assessment month) or 2026-10-01~2026-10-31",
  "filter.channel": "Channel",
  "filter.department": "Department",
  "filter.topic": "Topic",
  "filter.scope": "Scope",
  "filter.scopeAssessed": "Excluding exclusions",
  "filter.scopeAll": "All items",
  "filter.all": "All",
  "filter.apply": "Apply",
  "filter.reset": "Reset",

  "kpi.volume": "Volume",
  "kpi.replyRate": "Reply rate",
  "kpi.onTimeRate": "On-time reply rate",
  "kpi.resolutionRate": "Resolution rate",
  "kpi.satisfactionRate": "Satisfaction rate",
  "kpi.responseRate3": "Response rate (三率)",
  "kpi.solvedRate3": "Solved rate (三率)",
  "kpi.satisfactionRate3": "Satisfaction rate (三率)",
  "kpi.medianReplyDays": "Median time to reply",
  "kpi.negativeShare": "Negative share",
  "kpi.vsPrevious": "vs previous",
  "kpi.vsYearAgo": "vs a year ago",
  "kpi.points": "points",
  "kpi.noComparison": "no comparison",
  "kpi.operational": "Operational rates",
  "kpi.assessment": "Assessment 三率 (hotline, valid return visits)",
  "kpi.workdays": "working days",

  "overview.heading": "Overview",
  "overview.asOf": "Data as of",
  "overview.period": "Period",
  "overview.backlog": "Backlog (as of the data cut-off)",
  "overview.open": "Not replied",
  "overview.dueSoon": "Due soon",
  "overview.overdue": "Overdue",
  "overview.volumeTrend": "Volume trend",
  "overview.volumeTrendDesc": "Items received per day (or month) in the period, by channel.",
  "overview.rateTrend": "Reply and satisfaction rates",
  "overview.rateTrendDesc": "Reply rate and satisfaction rate by day of receipt.",
  "overview.topTopics": "Top topics",
  "overview.topTopicsDesc": "First-level topics with the most items in the period, with the change against the previous period.",
  "overview.channels": "Volume by channel",
  "overview.timing": "Time to answer",
  "overview.p90": "90th percentile",
  "overview.median": "Median",
  "overview.hours": "hours",
  "overview.replyDays": "Time to reply (working days)",
  "overview.closeDays": "Time to close (working days)",
  "overview.replyHours": "Hotline time to reply (hours)",
  "overview.definitions": "Definitions (口径)",
  "overview.calendar": "Working days follow the State Council's official holidays and make-up workdays (years covered: ",
  "overview.empty": "No items for this period and these filters.",
  "overview.date": "Date",
  "overview.count": "Items",
  "overview.rate": "Rate",
  "overview.showTable": "Show as table",
  "overview.noData": "No data",
  "overview.change": "Change",
  "overview.viewItems": "View items",

  "dept.heading": "Department ranking",
  "dept.rank": "Rank",
  "dept.name": "Department",
  "dept.volume": "Volume",
  "dept.replyRate": "Reply rate",
  "dept.onTimeRate": "On-time rate",
  "dept.resolutionRate": "Resolution",
  "dept.satisfactionRate": "Satisfaction",
  "dept.medianReply": "Median reply (working days)",
  "dept.overdue": "Overdue",
  "dept.composite": "Composite",
  "dept.unranked": "Too few items to rank",
  "dept.unrouted": "(not routed)",
  "dept.minSample": "Units with fewer than {n} items in the period are listed but not ranked.",
  "dept.chart": "Composite score ranking",
  "dept.chartDesc": "Composite score (out of 100) of the ranked units, highest first.",
  "dept.sortBy": "Sort",
};

const catalogues: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zhCN, en };

export function t(lang: Lang, key: MessageKey): string {
  return catalogues[lang][key] ?? zhCN[key];
}

/** The page language from a URL's `?lang=` parameter; anything but "en" means the default, zh-CN. */
export function langFromSearch(search: string | URLSearchParams): Lang {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  return params.get("lang") === "en" ? "en" : DEFAULT_LANG;
}

/** A message with {name} placeholders filled in. */
export function tf(lang: Lang, key: MessageKey, values: Record<string, string | number>): string {
  return t(lang, key).replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** A rate (0–1) as a percentage with one decimal, or "—". */
export function formatPercent(lang: Lang, rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return "—";
  return `${new Intl.NumberFormat(lang === "en" ? "en-US" : "zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate * 100)}%`;
}

/** Number formatting for the page language (integers with thousands separators). */
export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === "en" ? "en-US" : "zh-CN", { maximumFractionDigits: 0 }).format(n);
}
