// The URL is the dashboard's state: every filter and the period are search parameters, parsed by this one
// schema on the server (loaders) and used to build links on the client, so a shared link shows the same page.
import { z } from "zod";

export const CHANNEL_VALUES = ["hotline", "mailbox", "weibo"] as const;
export const BACKLOG_VALUES = ["open", "dueSoon", "overdue"] as const;
export const SENTIMENT_VALUES = ["negative", "neutral", "positive"] as const;
export const STATUS_VALUES = ["open", "dispatched", "in_progress", "replied", "closed", "returned"] as const;
export const SORT_VALUES = ["received_desc", "received_asc", "deadline_asc", "answered_desc"] as const;

const optionalId = z
  .string()
  .regex(/^\d{1,9}$/, "must be a whole number")
  .transform(Number)
  .optional();

/** Search parameters every dashboard page understands. Unknown parameters are ignored. */
export const dashboardParamsSchema = z.object({
  /** A period key (2026-10, 2026-W40, 2026-Q3, 2026, 2026-10-01~2026-10-31, A2026-10); default: the cut-off's month. */
  period: z.string().trim().max(40).optional(),
  channel: z.enum(CHANNEL_VALUES).optional(),
  dept: optionalId,
  topic: optionalId,
  /** all = 全口径 (excluded items counted); default 不含剔除. */
  scope: z.enum(["all"]).optional(),
  lang: z.enum(["en", "zh-CN"]).optional(),
});

/** The items list adds search, item filters, sorting and paging. */
export const itemsParamsSchema = dashboardParamsSchema.extend({
  q: z.string().trim().max(100).optional(),
  backlog: z.enum(BACKLOG_VALUES).optional(),
  sentiment: z.enum(SENTIMENT_VALUES).optional(),
  status: z.enum(STATUS_VALUES).optional(),
  review: z.enum(["1"]).optional(),
  sort: z.enum(SORT_VALUES).optional(),
  page: z
    .string()
    .regex(/^\d{1,6}$/, "must be a page number")
    .transform(Number)
    .refine((n) => n >= 1, "must be 1 or more")
    .optional(),
});

export type DashboardParams = z.infer<typeof dashboardParamsSchema>;
export type ItemsParams = z.infer<typeof itemsParamsSchema>;

export class BadParamsError extends Error {}

function toObject(search: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  // Empty values (an untouched select in a GET form) mean "not set".
  for (const [k, v] of search) if (v !== "") out[k] = v;
  return out;
}

function parseWith<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, search: URLSearchParams): T {
  const parsed = schema.safeParse(toObject(search));
  if (!parsed.success) {
    throw new BadParamsError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  return parsed.data;
}

export const parseDashboardParams = (search: URLSearchParams) => parseWith(dashboardParamsSchema, search);
export const parseItemsParams = (search: URLSearchParams) => parseWith(itemsParamsSchema, search);

/** Export routes (…/export) take the page's parameters plus the file format; CSV when none is given. */
export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const exportParamsSchema = z.object({ format: z.enum(EXPORT_FORMATS).default("csv") });
export const parseExportFormat = (search: URLSearchParams): ExportFormat => parseWith(exportParamsSchema, search).format;

type ParamValue = string | number | undefined | null;

/** A link to `path` with the given parameters (empty ones dropped), in a stable order. */
export function hrefWith(path: string, params: Record<string, ParamValue>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The filter parameters of a page, to carry into links (period, channel, department, topic, scope, language). */
export function carriedParams(p: DashboardParams): Record<string, ParamValue> {
  return { period: p.period, channel: p.channel, dept: p.dept, topic: p.topic, scope: p.scope, lang: p.lang === "en" ? "en" : undefined };
}
