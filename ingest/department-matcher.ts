// Matches unit names as sources write them ("市住建局", "住房城乡建设局") to the department catalogue.
import { createRequire } from "node:module";

// natural is CommonJS and its root pulls in database drivers; load only the distance function.
const require = createRequire(import.meta.url);
const jaroWinkler = require("natural/lib/natural/distance/jaro-winkler_distance") as (a: string, b: string) => number;

export interface CatalogueDepartment {
  id: number;
  name: string;
  shortName: string | null;
  aliases: string;
}

/** account: a government Weibo account's name by the abbreviation rule (see matchAccount). */
export type MatchKind = "exact" | "alias" | "normalized" | "fuzzy" | "account";
export interface DepartmentMatch {
  id: number;
  kind: MatchKind;
  score: number;
}

/** Below this Jaro-Winkler similarity a name is left unmatched for an admin to alias. */
const FUZZY_THRESHOLD = 0.9;
/** The best candidate must beat the runner-up by this much, or the name is ambiguous. */
const FUZZY_MARGIN = 0.02;

export function normalizeUnitName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^(中共)?[\u4e00-\u9fa5]{2,4}市(?=[\u4e00-\u9fa5]{2,})/, "") // city prefix: 江城市住建局 → 住建局
    .replace(/^市/, "")
    .replace(/(和|与)/g, "")
    .replace(/委员会$/, "委");
}

/** A unit name without its unit word: 住建局 → 住建, 卫健委 → 卫健, 市供电公司 → 供电 (kept whole if under 2 characters). */
export function unitStem(name: string): string {
  const key = normalizeUnitName(name);
  const stem = key.replace(/(委员会|委|局|办公室|办|公司|集团|支队|大队|中心|厅|处)$/, "");
  return stem.length >= 2 ? stem : key;
}

/**
 * Words government Weibo accounts are conventionally named with instead of the unit's short name, e.g. 平安北京
 * (the police), 健康中国 (health): the word → the stem of the unit it stands for in the catalogue.
 */
export const ACCOUNT_NAME_WORDS: Record<string, string> = { 平安: "公安", 健康: "卫健" };

export class DepartmentMatcher {
  private readonly byName = new Map<string, { id: number; kind: MatchKind }>();
  private readonly normalized: { key: string; id: number }[] = [];
  private readonly cache = new Map<string, DepartmentMatch | null>();
  /** unitStem of every name, short name and alias → its department; null when two departments share it. */
  private readonly stems = new Map<string, number | null>();
  private readonly accountCache = new Map<string, DepartmentMatch | null>();

  constructor(departments: CatalogueDepartment[]) {
    for (const d of departments) {
      const aliases = safeAliases(d.aliases);
      this.byName.set(d.name, { id: d.id, kind: "exact" });
      for (const a of [d.shortName, ...aliases]) if (a && !this.byName.has(a)) this.byName.set(a, { id: d.id, kind: "alias" });
      for (const n of [d.name, d.shortName, ...aliases]) if (n) this.normalized.push({ key: normalizeUnitName(n), id: d.id });
      for (const n of [d.name, d.shortName, ...aliases]) {
        if (!n) continue;
        const stem = unitStem(n);
        const seen = this.stems.get(stem);
        this.stems.set(stem, seen === undefined || seen === d.id ? d.id : null);
      }
    }
  }

  /**
   * The department behind a government Weibo account's name. Accounts are rarely named like the unit: they are
   * "<city><short name>" (江城住建 → 住建 → 市住房和城乡建设局, 江城交通, 江城生态环境) or "<word><city>" with a
   * conventional word (平安江城 → the police, 健康江城 → health; ACCOUNT_NAME_WORDS). So: the name itself (exact,
   * alias, normalised), then the name without a 2–4 character place name in front or behind, matched by name or
   * by unit stem (the catalogue's names without 局 / 委 / 公司 …, unique to one department), then the fuzzy
   * match. A name that is none of these (江城发布, the publicity office's account) stays unmatched.
   */
  matchAccount(raw: string | null | undefined): DepartmentMatch | null {
    if (!raw) return null;
    const cached = this.accountCache.get(raw);
    if (cached !== undefined) return cached;
    const name = raw.normalize("NFKC").replace(/\s+/g, "");
    const direct = this.match(name);
    let result: DepartmentMatch | null = direct && direct.kind !== "fuzzy" ? direct : null;
    for (const rest of result ? [] : accountNameRemainders(name)) {
      const id = this.byName.get(rest)?.id ?? this.stemId(rest);
      if (id != null) {
        result = { id, kind: "account", score: 1 };
        break;
      }
    }
    result ??= direct;
    this.accountCache.set(raw, result);
    return result;
  }

  private stemId(name: string): number | null {
    const word = ACCOUNT_NAME_WORDS[name];
    return this.stems.get(unitStem(word ?? name)) ?? null;
  }

  match(raw: string | null | undefined): DepartmentMatch | null {
    if (!raw) return null;
    const cached = this.cache.get(raw);
    if (cached !== undefined) return cached;
    const result = this.compute(raw.trim());
    this.cache.set(raw, result);
    return result;
  }

  private compute(raw: string): DepartmentMatch | null {
    const direct = this.byName.get(raw);
    if (direct) return { id: direct.id, kind: direct.kind, score: 1 };
    const key = normalizeUnitName(raw);
    if (!key) return null;
    const same = this.normalized.find((n) => n.key === key);
    if (same) return { id: same.id, kind: "normalized", score: 1 };
    let best = { id: 0, score: 0 };
    let runnerUp = 0;
    for (const n of this.normalized) {
      const score = jaroWinkler(key, n.key);
      if (score > best.score) {
        if (n.id !== best.id) runnerUp = best.score;
        best = { id: n.id, score };
      } else if (n.id !== best.id && score > runnerUp) runnerUp = score;
    }
    if (best.score >= FUZZY_THRESHOLD && best.score - runnerUp >= FUZZY_MARGIN) return { id: best.id, kind: "fuzzy", score: best.score };
    return null;
  }
}

/** An account name without a leading, then a trailing, place name of 2–4 Han characters (longest rest first). */
function accountNameRemainders(name: string): string[] {
  const out: string[] = [];
  for (const k of [2, 3, 4]) if (name.length - k >= 2 && /^[\u4e00-\u9fa5]+$/.test(name.slice(0, k))) out.push(normalizeUnitName(name.slice(k)));
  for (const k of [2, 3, 4]) if (name.length - k >= 2 && /^[\u4e00-\u9fa5]+$/.test(name.slice(-k))) out.push(normalizeUnitName(name.slice(0, -k)));
  return out.filter((rest) => rest.length >= 2);
}

function safeAliases(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === "string") : [];
  } catch {
    return [];
  }
}
