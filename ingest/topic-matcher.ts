// Matches a topic as a source writes it ("城乡建设/物业管理", "城乡建设", "物业管理") to the two-level catalogue.
// Only exact names: guessing a topic from text is the classifier's job, not the importer's.

export interface CatalogueTopic {
  id: number;
  name: string;
  parentId: number | null;
}

const SEPARATORS = /\s*[/／>＞|｜\\-]\s*/;

export class TopicMatcher {
  private readonly byPath = new Map<string, number>();
  private readonly byName = new Map<string, number | null>();
  private readonly cache = new Map<string, number | null>();

  constructor(topics: CatalogueTopic[]) {
    const names = new Map(topics.map((t) => [t.id, t.name]));
    for (const t of topics) {
      const parent = t.parentId === null ? undefined : names.get(t.parentId);
      if (parent) this.byPath.set(`${parent}/${t.name}`, t.id);
      // A bare name that is ambiguous (the same second-level name under two parents) matches nothing.
      this.byName.set(t.name, this.byName.has(t.name) ? null : t.id);
    }
  }

  match(raw: string | null | undefined): number | null {
    if (!raw) return null;
    const cached = this.cache.get(raw);
    if (cached !== undefined) return cached;
    const parts = raw.normalize("NFKC").trim().split(SEPARATORS).filter(Boolean);
    let id: number | null = null;
    if (parts.length >= 2) id = this.byPath.get(`${parts[0]}/${parts[1]}`) ?? this.byName.get(parts[1]) ?? this.byName.get(parts[0]) ?? null;
    else if (parts.length === 1) id = this.byName.get(parts[0]) ?? null;
    this.cache.set(raw, id);
    return id;
  }
}
