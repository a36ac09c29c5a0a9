// The declarative mapping format (JSON files and built-in presets alike): source columns → item fields.
import { z } from "zod";
import { CHANNELS } from "../db/schema";
import { ITEM_FIELD_NAMES } from "./item";

export const WEIBO_POST_FIELD_NAMES = [
  "accountName", "accountUid", "bid", "text", "postedAt", "isOriginal", "likes", "reposts", "comments", "tool",
  "location", "topicsText", "mentions",
] as const;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const fieldSpecSchema = z.union([
  z.string().min(1),
  z
    .object({
      /** One source column, or several joined with `join` (default a newline). */
      column: z.string().min(1).optional(),
      columns: z.array(z.string().min(1)).min(1).optional(),
      join: z.string().optional(),
      /** With `columns`: take the first non-empty column instead of joining them. */
      coalesce: z.boolean().optional(),
      /** Source value → stored value (e.g. "已办结" → "closed"). Unmapped values of enum fields are rejected. */
      map: z.record(z.string(), scalar).optional(),
      /** date-fns format for this column, when the automatic date reader cannot tell (e.g. "dd.MM.yyyy HH:mm"). */
      dateFormat: z.string().optional(),
      /** Datetime may be relative (3小时前, 昨天 17:04) and is resolved against --crawled-at. */
      relative: z.boolean().optional(),
      /** Reject the row when this field is empty. */
      required: z.boolean().optional(),
      default: scalar.optional(),
    })
    .refine((f) => !(f.column && f.columns), "give either column or columns, not both"),
]);

export type FieldSpec = z.infer<typeof fieldSpecSchema>;

export const mappingSchema = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  channel: z.enum(CHANNELS),
  /** What each row is: a citizen item (default) or a government Weibo post. */
  record: z.enum(["item", "weibo_post"]).default("item"),
  /** Names the id space of external ids; re-importing into the same source updates items. */
  source: z.string().min(1).optional(),
  format: z.enum(["csv", "xlsx", "json", "jsonl"]).optional(),
  /** XLSX sheet name (default the first sheet). */
  sheet: z.string().optional(),
  /** JSON: dotted path to the array of records (default: the top-level array). */
  jsonPath: z.string().optional(),
  encoding: z.enum(["utf-8", "utf-16le", "utf-16be", "gb18030"]).optional(),
  timeZone: z.string().default("Asia/Shanghai"),
  /** How to read all-numeric dates with the year last (06/26/2018). */
  dateOrder: z.enum(["YMD", "MDY", "DMY"]).default("MDY"),
  /** Cell values meaning "no value" (e.g. "无", "NULL", "-"). */
  nullValues: z.array(z.string()).default([]),
  /** Columns that must be in the header; also used to recognise the format automatically. */
  requiredColumns: z.array(z.string()).default([]),
  /** The id column, or columns hashed into an id when the source has none. */
  externalId: z.union([z.object({ hash: z.array(z.string().min(1)).min(1) }).strict(), fieldSpecSchema]),
  fields: z.record(z.string(), fieldSpecSchema),
  constants: z.record(z.string(), scalar).default({}),
});

export type MappingInput = z.input<typeof mappingSchema>;
export type Mapping = z.infer<typeof mappingSchema>;

export function parseMapping(input: unknown, origin: string): Mapping {
  const parsed = mappingSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`).join("; ");
    throw new Error(`${origin}: invalid mapping: ${problems}`);
  }
  const mapping = parsed.data;
  const allowed: readonly string[] = mapping.record === "weibo_post" ? WEIBO_POST_FIELD_NAMES : ITEM_FIELD_NAMES;
  for (const key of [...Object.keys(mapping.fields), ...Object.keys(mapping.constants)]) {
    if (!allowed.includes(key)) {
      throw new Error(`${origin}: invalid mapping: unknown field "${key}" for ${mapping.record} records (known: ${allowed.join(", ")})`);
    }
  }
  return mapping;
}
