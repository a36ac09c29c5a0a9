// Which unit handles an item, and how the source writes its name (full name, alias, or a district government).
import { GENERAL_UNITS, departmentByShort, type TopicBank } from "./bank";
import type { Phrase } from "./texts";
import type { Rng } from "./random";

/** A unit choice: a catalogue short name, or "district" for the district government of the item's place. */
export type UnitChoice = string;

/** Topic-consistent unit most of the time, a plausible other unit ~10% of the time. */
export function chooseUnit(rng: Rng, bank: TopicBank, phrase: Phrase, altShare = 0.1): UnitChoice {
  let primary = phrase.dept ?? bank.dept;
  if (primary === "*") primary = rng.pick(GENERAL_UNITS);
  if (bank.alt.length && rng.chance(altShare)) return rng.pick(bank.alt);
  return primary;
}

export interface RenderedUnit {
  /** As written in the file. */
  written: string;
  /** Short form used inside reply texts. */
  short: string;
  /** Catalogue full name, or null for a district government. */
  catalogue: string | null;
}

/** Mostly the catalogue's full name, sometimes an alias, occasionally the district government. */
export function renderUnit(rng: Rng, unit: UnitChoice, district: string, opts?: { preferAlias?: string[] }): RenderedUnit {
  if (unit === "district" || rng.chance(0.025)) {
    return { written: `${district}人民政府`, short: `${district}政府`, catalogue: null };
  }
  const d = departmentByShort(unit);
  const r = rng.next();
  if (opts?.preferAlias && r < 0.3) return { written: rng.pick(opts.preferAlias), short: d.shortName, catalogue: d.name };
  if (r < 0.8 || d.aliases.length === 0) return { written: d.name, short: d.shortName, catalogue: d.name };
  return { written: rng.pick(d.aliases), short: d.shortName, catalogue: d.name };
}
