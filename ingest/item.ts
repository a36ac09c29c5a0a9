// The one shape that presets and mapping files produce; validation and loading are written against it.
import type { Channel, ItemStatus, Satisfaction, Solved } from "../db/schema";

/** Fields of an item a source can provide. `undefined` = the source does not provide it (keep what is stored). */
export interface ItemFields {
  title?: string | null;
  body?: string | null;
  type?: string | null;
  author?: string | null;
  receivedAt?: number | null;
  dispatchedAt?: number | null;
  signedAt?: number | null;
  firstContactAt?: number | null;
  repliedAt?: number | null;
  closedAt?: number | null;
  dueAt?: number | null;
  returnVisitAt?: number | null;
  returnedCount?: number | null;
  replyText?: string | null;
  status?: ItemStatus | null;
  statusRaw?: string | null;
  satisfaction?: Satisfaction | null;
  solved?: Solved | null;
  publicationConsent?: boolean | null;
  likes?: number | null;
  opposes?: number | null;
  reposts?: number | null;
  commentsCount?: number | null;
  departmentRaw?: string | null;
  topicRaw?: string | null;
  location?: string | null;
  weiboPostRef?: string | null;
}

export const ITEM_FIELD_NAMES = [
  "title", "body", "type", "author", "receivedAt", "dispatchedAt", "signedAt", "firstContactAt", "repliedAt",
  "closedAt", "dueAt", "returnVisitAt", "returnedCount", "replyText", "status", "statusRaw", "satisfaction",
  "solved", "publicationConsent", "likes", "opposes", "reposts", "commentsCount", "departmentRaw", "topicRaw",
  "location", "weiboPostRef",
] as const satisfies readonly (keyof ItemFields)[];

export interface ItemDraft {
  kind: "item";
  channel: Channel;
  externalId: string;
  fields: ItemFields;
}

export interface WeiboPostFields {
  accountName?: string | null;
  accountUid?: string | null;
  bid?: string | null;
  text?: string | null;
  postedAt?: number | null;
  isOriginal?: boolean | null;
  likes?: number | null;
  reposts?: number | null;
  comments?: number | null;
  tool?: string | null;
  location?: string | null;
  topicsText?: string | null;
  mentions?: string | null;
}

export interface WeiboPostDraft {
  kind: "weibo_post";
  externalId: string;
  fields: WeiboPostFields;
}

export type Draft = ItemDraft | WeiboPostDraft;

export interface FieldProblem {
  field: string;
  reason: string;
  severity: "error" | "warning";
}
