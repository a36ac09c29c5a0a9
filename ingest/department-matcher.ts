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

export type MatchKind = "exact" | "alias" | "normalized" | "fuzzy";
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

export class DepartmentMatcher {
  private readonly byName = new Map<string, { id: number; kind: MatchKind }>();
  private readonly normalized: { key: string; id: number }[] = [];
  private readonly cache = new Map<string, DepartmentMatch | null>();

  constructor(departments: CatalogueDepartment[]) {
    for (const d of departments) {
      const aliases = safeAliases(d.aliases);
      this.byName.set(d.name, { id: d.id, kind: "exact" });
      for (const a of [d.shortName, ...aliases]) if (a && !this.byName.has(a)) this.byName.set(a, { id: d.id, kind: "alias" });
      for (const n of [d.name, d.shortName, ...aliases]) if (n) this.normalized.push({ key: normalizeUnitName(n), id: d.id });
    }
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

function safeAliases(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((a): a is string => typeof a === "string") : [];
  } catch {
    return [];
  }
}
