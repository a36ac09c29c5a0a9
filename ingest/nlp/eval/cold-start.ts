// How the cold-start keyword rules (no training at all) do on a labelled file, when its labels are first-level
// topic names of the default catalogue (as the Teddy Cup labels are): the floor that training improves on.
import { DEFAULT_DEPARTMENTS } from "../../../db/catalog/departments";
import { DEFAULT_TOPICS } from "../../../db/catalog/topics";
import { RuleClassifier, type RuleCatalogue } from "../rules";
import type { LabelledSet } from "./evaluate";
import { classificationReport } from "./metrics";

function defaultCatalogue(): { catalogue: RuleCatalogue; rootName: Map<number, string> } {
  const topics: RuleCatalogue["topics"] = [];
  const rootName = new Map<number, string>();
  for (const root of DEFAULT_TOPICS) {
    const rootId = topics.length + 1;
    topics.push({ id: rootId, name: root.name, parentId: null, keywords: root.keywords });
    rootName.set(rootId, root.name);
    for (const child of root.children) {
      topics.push({ id: topics.length + 1, name: child.name, parentId: rootId, keywords: child.keywords });
      rootName.set(topics.length, root.name);
    }
  }
  const departments = DEFAULT_DEPARTMENTS.map((d, i) => ({ id: i + 1, name: d.name, shortName: d.shortName, aliases: d.aliases }));
  return { catalogue: { departments, topics }, rootName };
}

export interface ColdStartResult {
  accuracy: number;
  macroF1: number;
  items: number;
  /** Items whose text matched no keyword. */
  unmatched: number;
  /** Items sent to a first-level topic that is not among the file's labels. */
  otherTopics: number;
  itemsPerSecond: number;
}

/** null when fewer than half the labels are first-level topic names of the default catalogue. */
export function evaluateColdStart(set: LabelledSet): ColdStartResult | null {
  const roots = new Set(DEFAULT_TOPICS.map((t) => t.name));
  if (set.labels.filter((l) => roots.has(l)).length * 2 < set.labels.length) return null;
  const { catalogue, rootName } = defaultCatalogue();
  const rules = new RuleClassifier(catalogue);
  const started = performance.now();
  const predicted = set.texts.map((text) => {
    const id = rules.classify(text).topicId;
    return id === null ? "(none)" : rootName.get(id)!;
  });
  const seconds = (performance.now() - started) / 1000;
  const classes = [...new Set(set.labels)].sort();
  const report = classificationReport(set.labels, predicted, classes);
  return {
    accuracy: report.accuracy, macroF1: report.macroF1, items: set.texts.length,
    unmatched: predicted.filter((p) => p === "(none)").length,
    otherTopics: predicted.filter((p) => p !== "(none)" && !classes.includes(p)).length,
    itemsPerSecond: Math.round(set.texts.length / Math.max(seconds, 1e-9)),
  };
}
