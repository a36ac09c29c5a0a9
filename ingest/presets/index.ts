// The registry of built-in presets: every real source format Minyi reads without a mapping file.
import { parseMapping, type Mapping } from "../mapping-schema";
import { minyiPresets } from "./minyi";
import { nyc311Presets } from "./nyc311";
import { teddyCupPresets } from "./teddy-cup";
import { weiboPresets } from "./weibo";

export const PRESETS: Mapping[] = [...minyiPresets, ...teddyCupPresets, ...weiboPresets, ...nyc311Presets].map((p) =>
  parseMapping(p, `preset ${p.name}`),
);

export function findPreset(name: string): Mapping | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The preset whose required columns all appear in the header, preferring the most specific. */
export function detectPreset(headers: string[], channel?: string): Mapping | undefined {
  const have = new Set(headers);
  return PRESETS.filter((p) => (!channel || p.channel === channel) && p.requiredColumns.length > 0)
    .filter((p) => p.requiredColumns.every((c) => have.has(c)))
    .sort((a, b) => b.requiredColumns.length - a.requiredColumns.length)[0];
}
