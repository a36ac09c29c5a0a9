// Cold start: with no labelled items there is no model, so keyword rules from the catalogues route items.
// Topic: the second-level topic whose keywords (and its first-level parent's) occur most often. Department: a
// unit named in the text (name or alias), else the usual unit for the topic's first level. Confidence stays
// low on purpose, so rule decisions land in the review queue unless the evidence is plain.

export interface RuleCatalogue {
  departments: { id: number; name: string; shortName: string | null; aliases: string[] }[];
  topics: { id: number; name: string; parentId: number | null; keywords: string[] }[];
}

export interface RuleDecision {
  departmentId: number | null;
  departmentConfidence: number;
  topicId: number | null;
  topicConfidence: number;
  terms: { department: [string, number][]; topic: [string, number][] };
}

/** The unit that usually handles a first-level topic (names from the default department catalogue). */
const USUAL_UNIT: Record<string, string> = {
  城乡建设: "市住房和城乡建设局", 环境保护: "市生态环境局", 交通运输: "市交通运输局", 教育文体: "市教育局",
  劳动和社会保障: "市人力资源和社会保障局", 卫生计生: "市卫生健康委员会", 商贸旅游: "市商务局", 市场监管: "市市场监督管理局",
  公共安全: "市公安局", 民政与社区: "市民政局", 农村农业: "市农业农村局", 水电气暖: "市水务局", 党务政务: "市发展和改革委员会",
};

export class RuleClassifier {
  private readonly unitNames: { id: number; term: string }[];
  private readonly topicTerms: { id: number; term: string; weight: number }[];
  private readonly parentOf = new Map<number, number | null>();
  private readonly usualUnit = new Map<number, number>();

  constructor(catalogue: RuleCatalogue) {
    // Longest names first, so "市住房和城乡建设局" is found before "住建".
    this.unitNames = catalogue.departments
      .flatMap((d) => [d.name, d.shortName ?? "", ...d.aliases].filter((t) => t.length >= 2).map((term) => ({ id: d.id, term })))
      .sort((a, b) => b.term.length - a.term.length);
    const byName = new Map(catalogue.departments.map((d) => [d.name, d.id]));
    for (const t of catalogue.topics) {
      this.parentOf.set(t.id, t.parentId);
      if (t.parentId === null && USUAL_UNIT[t.name] && byName.has(USUAL_UNIT[t.name])) this.usualUnit.set(t.id, byName.get(USUAL_UNIT[t.name])!);
    }
    this.topicTerms = catalogue.topics.flatMap((t) =>
      [t.name, ...t.keywords].filter((k) => k.length >= 2).map((term) => ({ id: t.id, term, weight: t.parentId === null ? 0.5 : 1 })),
    );
  }

  classify(text: string): RuleDecision {
    const topic = this.bestTopic(text);
    const unit = this.namedUnit(text);
    const root = topic ? this.rootOf(topic.id) : null;
    const departmentId = unit?.id ?? (root !== null ? this.usualUnit.get(root) ?? null : null);
    return {
      departmentId,
      departmentConfidence: unit ? 0.6 : departmentId !== null ? Math.min(0.5, (topic?.score ?? 0) / 6) : 0,
      topicId: topic?.id ?? null,
      topicConfidence: topic ? Math.min(0.6, topic.score / 5) : 0,
      terms: {
        department: unit ? [[unit.term, 1]] : topic ? topic.terms.slice(0, 3).map((t) => [t, 1]) : [],
        topic: topic ? topic.terms.slice(0, 5).map((t) => [t, 1]) : [],
      },
    };
  }

  private namedUnit(text: string): { id: number; term: string } | null {
    for (const u of this.unitNames) if (text.includes(u.term)) return u;
    return null;
  }

  /** Scores second-level topics by their keywords plus half their parent's; first-level alone if no child hits. */
  private bestTopic(text: string): { id: number; score: number; terms: string[] } | null {
    const scores = new Map<number, { score: number; terms: string[] }>();
    for (const t of this.topicTerms) {
      if (!text.includes(t.term)) continue;
      const entry = scores.get(t.id) ?? { score: 0, terms: [] };
      entry.score += t.weight * 2;
      entry.terms.push(t.term);
      scores.set(t.id, entry);
    }
    let best: { id: number; score: number; terms: string[] } | null = null;
    for (const [id, entry] of scores) {
      const parent = this.parentOf.get(id);
      const inherited = parent != null ? scores.get(parent) : undefined;
      const score = entry.score + (inherited ? inherited.score / 2 : 0);
      const terms = inherited ? [...entry.terms, ...inherited.terms] : entry.terms;
      if (!best || score > best.score || (score === best.score && parent != null && this.parentOf.get(best.id) == null)) best = { id, score, terms };
    }
    return best;
  }

  private rootOf(id: number): number {
    let current = id;
    for (let parent = this.parentOf.get(current); parent != null; parent = this.parentOf.get(current)) current = parent;
    return current;
  }
}
