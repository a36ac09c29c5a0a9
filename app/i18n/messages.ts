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

/** Number formatting for the page language (integers with thousands separators). */
export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(lang === "en" ? "en-US" : "zh-CN", { maximumFractionDigits: 0 }).format(n);
}
