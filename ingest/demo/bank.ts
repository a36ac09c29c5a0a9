// Topic phrase banks and the topic → department mapping.
//
// Phrase strings are "短标题|正文片段" (optionally "|部门简称" to override the department for that phrase; "*" = any
// of the general government-service units). Placeholders in braces are filled by texts.ts:
//   {xq} 小区  {dong} 楼栋  {dy} 单元  {qu} 区县  {jd} 街道/乡镇  {lu} {lu2} 道路  {shop} 商户  {gs} 公司
//   {yy} 医院  {xx} 学校  {jq} 景区  {cun} 村  {wy} 物业公司  {kfs} 开发商  {bus} 公交线路  {metro} 地铁线
//   {zhan} 站点  {plate} 车牌  {vaccine} 疫苗  {wo} 我/来电人  {n} 2–9  {nn} 10–99  {nnn} 100–999  {nnnn} 1000–9999
//   {money} 金额  {price} 单价  {h} {h2} 钟点  {mm} 月份
//   {date} 近期日期  {date1} 1–3 天前  {fdate} 将来日期  {month} 过去年月  {fmonth} 将来年月  {dur} 持续时间  {recent} 近期
//   {fever} 体温  {hot} 气温
import { DEFAULT_DEPARTMENTS } from "../../db/catalog/departments";
import { DEFAULT_TOPICS } from "../../db/catalog/topics";
import { BANK_A } from "./bank-a";
import { BANK_B } from "./bank-b";
import { BANK_C } from "./bank-c";

export type PlaceKind = "xq" | "road" | "shop" | "school" | "hospital" | "scenic" | "company" | "bus" | "village" | "office" | "any";
export type ClaimType = "咨询" | "投诉" | "求助" | "建议" | "举报";
export const CLAIM_TYPES: ClaimType[] = ["咨询", "投诉", "求助", "建议", "举报"];

export interface TopicBank {
  /** "一级/二级", must exist in the topic catalogue. */
  key: string;
  /** Relative share among hotline items. */
  weight: number;
  /** Multiplier of the share among mailbox letters. */
  mail: number;
  place: PlaceKind;
  /** Department short name (catalogue shortName), or "*" for general government-service units. */
  dept: string;
  /** Plausible other units (short names, or "district" for the district government) for ~10% of items. */
  alt: string[];
  types: Partial<Record<ClaimType, number>>;
  problems: string[];
  questions: string[];
  suggestions: string[];
  details: string[];
  asks: string[];
  /** Reply fragments when the matter was resolved. */
  replies: string[];
  /** Reply fragments when it was explained / not (fully) resolved. */
  explains: string[];
}

export const BANK: TopicBank[] = [...BANK_A, ...BANK_B, ...BANK_C];

/** Units for phrases marked "*" (general government service). */
export const GENERAL_UNITS = ["自然资源局", "市场监管局", "公安局", "人社局", "税务局", "医保局", "退役军人局", "发改委", "住建局"];

const BY_SHORT = new Map(DEFAULT_DEPARTMENTS.map((d) => [d.shortName, d]));

export function departmentByShort(short: string) {
  const d = BY_SHORT.get(short);
  if (!d) throw new Error(`unknown department short name ${short}`);
  return d;
}

// Validate the banks against the catalogues once at load time, so a catalogue rename fails loudly.
{
  const topicKeys = new Set<string>();
  for (const t of DEFAULT_TOPICS) for (const c of t.children) topicKeys.add(`${t.name}/${c.name}`);
  for (const b of BANK) {
    if (!topicKeys.has(b.key)) throw new Error(`demo bank topic not in catalogue: ${b.key}`);
    for (const u of [b.dept, ...b.alt]) if (u !== "*" && u !== "district") departmentByShort(u);
    for (const p of [...b.problems, ...b.questions, ...b.suggestions]) {
      const parts = p.split("|");
      if (parts.length < 2 || parts.length > 3) throw new Error(`bad phrase in ${b.key}: ${p}`);
      if (parts[2] && parts[2] !== "*") departmentByShort(parts[2]);
    }
  }
  for (const u of GENERAL_UNITS) departmentByShort(u);
}

export function bankByKey(key: string): TopicBank {
  const b = BANK.find((x) => x.key === key);
  if (!b) throw new Error(`no bank ${key}`);
  return b;
}
