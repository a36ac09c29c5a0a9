// Hot issues (热点问题): many citizens reporting one problem. Pure: items in, clusters out, no database.
//
// Two kinds of link join two items, and only when they arrived within `windowDays` of each other (so a problem
// that comes back months later is a new issue, while a run of reports with short gaps stays one):
// 1. near-duplicates: MinHash signatures over the items' character 3-gram shingles, LSH banding for candidate
//    pairs, kept when the estimated Jaccard similarity is at least `nearDuplicateThreshold`;
// 2. same place, same problem: items naming the same specific place (a compound, community, road, company,
//    school — not a city or district) whose problem statements (the title, or without one the text's first
//    characters, with every place name removed) are similar at `samePlaceThreshold` (an IDF-weighted cosine over
//    character bigrams); a letter worded like another but about a different place is a different issue.
// Union-find turns links into clusters; singletons are dropped.
//
// Scale: every step is linear in the items except the verification of candidate pairs, which is bounded per LSH
// bucket and per place (`MAX_NEIGHBOURS` items later in time), so 50,000 items cluster in a few seconds.

export interface HotItem {
  id: number;
  /** Title and body, title first (the first line becomes the label). */
  text: string;
  /** The title alone, when the source has one: the problem statement is read from it (see PROBLEM_CHARS). */
  title?: string | null;
  author: string | null;
  likes: number;
  /** Epoch ms. */
  receivedAt: number;
  /** Places named in the text (extractPlaces); only specific ones link items. */
  places: string[];
  topicId: number | null;
  departmentId: number | null;
}

export interface HotClusterMember {
  itemId: number;
  /** Similarity to the representative item (1 for the representative itself). */
  similarity: number;
}

export interface HotCluster {
  representativeId: number;
  label: string;
  place: string | null;
  keywords: string[];
  /** Most similar to the representative first. */
  members: HotClusterMember[];
  /** Raw count: every item in the cluster. */
  itemCount: number;
  /** Distinct authors; items without an author count as distinct writers. */
  writerCount: number;
  likes: number;
  firstAt: number;
  lastAt: number;
  topicId: number | null;
  departmentId: number | null;
  heat: number;
}

export interface HotClusterOptions {
  /** Heat recency is measured back from here (epoch ms); default the newest item's time. */
  asOf?: number;
  /** Two items further apart than this never link directly (default 30). */
  windowDays?: number;
  /** Heat halves for every this many days since the cluster's last item (default 14). */
  halfLifeDays?: number;
  nearDuplicateThreshold?: number;
  samePlaceThreshold?: number;
  minClusterSize?: number;
  /** Splits a normalised problem statement into keyword candidates (e.g. a segmenter's words); default character n-grams. */
  keywordTokens?: (text: string) => string[];
}

/**
 * Estimated Jaccard over informative 3-gram shingles at which two texts count as the same report. Copies,
 * re-submissions and template letters score 0.6–1; people describing one problem in their own words scored
 * 0.03–0.15 in the Teddy Cup letters (they are linked by place, below); unrelated texts score under 0.1. 0.4 sits
 * between, with room for MinHash's error (sd ≈ 0.06 at 64 hashes).
 */
export const NEAR_DUPLICATE_THRESHOLD = 0.4;
/**
 * Two texts naming different specific places and none in common are different issues even when worded alike
 * (one person's 临街门面油烟直排扰民 letter sent for two compounds scored 0.58); only copies (≥ 0.8) link them.
 */
const COPY_THRESHOLD = 0.8;
/**
 * Similarity of two problem statements about the same place (IDF-weighted bigram cosine, places removed) at which
 * they are the same problem. Measured on the Teddy Cup letters' titles: reports of one problem at one compound
 * (搅拌站 at 丽发新城, 捆绑销售车位 at 伊景园滨河苑, 楼板开裂 at 万科魅力之城) score 0.15–0.65 with their closest
 * neighbours; of 40 linked pairs sampled between 0.15 and 0.2, 35 were the same problem, while below 0.15 the
 * wrong pairs (红绿灯 vs 高杆灯, two bus-line letters) grow common. Work orders without a title (their first 40
 * characters) scored 0.19–0.24 for one problem and 0.01–0.03 against another problem at the same compound.
 * Naming the same specific place is already strong evidence, so this bar is lower than the near-duplicate one.
 */
export const SAME_PLACE_THRESHOLD = 0.15;
/**
 * The problem statement: the title, or without one (hotline work orders) the first characters of the text, places
 * removed. A title says what the problem is in 10–30 characters and a work order says it in its first sentence;
 * the rest of a letter is personal detail ("我是…的业主，最近…") that dilutes any similarity: twenty complaints
 * about one mixing plant scored 0.05–0.15 on their first 40 characters, 0.2–0.6 on their titles.
 */
const PROBLEM_CHARS = 40;
/** A title shorter than this once places are cut out ("投诉丽发新城") says too little; the text's start is used. */
const MIN_TITLE_CHARS = 4;

const DAY_MS = 86_400_000;
const NUM_HASHES = 64;
/** 21 bands of 3 rows: a pair at Jaccard 0.4 becomes a candidate with p ≈ 0.75, at 0.5 with p ≈ 0.94, at 0.1 with p ≈ 0.02. */
const BAND_ROWS = 3;
const NUM_BANDS = Math.floor(NUM_HASHES / BAND_ROWS);
/**
 * Texts with fewer informative shingles than this are too short to call duplicates: reactions such as "支持",
 * "转发微博" or "请问什么时候开始？" repeat word for word without being one problem many people report (measured on
 * the demo city, whose top clusters were such comments at 6). About 15 characters of content.
 */
const MIN_SHINGLES = 12;
/** Only the start of long letters is shingled: duplicates agree from the start, and it bounds the cost. */
const MAX_CHARS = 800;
/** Open-addressing slots for one problem statement's bigrams: a power of two, well over twice PROBLEM_CHARS. */
const ANCHOR_SLOTS = 128;
/** Shingles in more than this share of items (and more than DF_CAP_MIN items) are boilerplate (市民来电反映, A市A…). */
const DF_CAP_SHARE = 0.05;
const DF_CAP_MIN = 50;
/** Each item is compared with at most this many later items of one LSH bucket or one place. */
const MAX_NEIGHBOURS = 40;
/** A place named by more than this share of items (and more than PLACE_CAP_MIN) is too broad to link items. */
const PLACE_CAP_SHARE = 0.02;
const PLACE_CAP_MIN = 30;
/** Members sampled for a cluster's centrality and keywords. */
const SAMPLE = 60;
const LABEL_CHARS = 30;
const MAX_KEYWORDS = 5;

/** Letter formulae that say nothing about the problem. */
const GENERIC_PHRASES = [
  "尊敬的各位领导", "尊敬的领导", "尊敬的市长", "尊敬的书记", "尊敬的局长", "领导您好", "领导你好", "领导们好", "市长您好",
  "书记您好", "您好", "你好", "此致敬礼", "此致", "敬礼", "谢谢您", "谢谢", "非常感谢", "感谢", "辛苦了", "麻烦了",
];
const GENERIC_RE = new RegExp(GENERIC_PHRASES.join("|"), "g");
/** CJK ideographs, Latin letters and digits: punctuation and spaces carry no problem. */
const NOT_WORD_CHAR = /[^\u3400-\u4dbf\u4e00-\u9fffa-z0-9]+/g;
/** Administrative areas (city, district, county, town, sub-district) are too broad to be "the same place". */
const BROAD_PLACE = /(省|市|县|州|镇|乡|街道|地区|(?<!小|社|园|校|景|厂|住宅|生活|安置)区)$/;
/** Nouns that name a kind of place, not one place: two letters about "物业公司" need not be about the same one. */
const GENERIC_PLACE = /^(该|本|我|我们|这个|那个|所在|附近|周边|当地|各)?(小区|社区|物业公司|物业|开发商|公司|学校|小学|中学|医院|村|路|街|广场|公园|市场|工地|项目|楼盘|商场|菜市场|马路|道路|高速|地铁站?)$/;
/** Words every complaint uses: never a cluster's keyword. */
const GENERIC_WORDS = new Set(["投诉", "反映", "问题", "关于", "咨询", "请问", "建议", "希望", "要求", "请求", "情况", "相关", "部门", "领导", "政府", "市民", "来电", "严重", "影响", "处理", "解决", "什么", "为什么", "如何", "何时", "能否", "是否", "还是", "一下", "我们", "我家", "业主", "居民"]);

/** Lower-case, full-width folded, formulae and punctuation removed. */
export function normalizeForHot(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(GENERIC_RE, "").replace(NOT_WORD_CHAR, "");
}

export function isSpecificPlace(place: string): boolean {
  return isSpecificNormalised(normalizeForHot(place));
}

function isSpecificNormalised(p: string): boolean {
  return p.length >= 3 && !BROAD_PLACE.test(p) && !GENERIC_PLACE.test(p);
}

export function clusterHotIssues(items: HotItem[], options: HotClusterOptions = {}): HotCluster[] {
  const n = items.length;
  if (n === 0) return [];
  const windowMs = (options.windowDays ?? 30) * DAY_MS;
  const asOf = options.asOf ?? items.reduce((m, it) => Math.max(m, it.receivedAt), -Infinity);
  const texts = items.map((it) => normalizeForHot(it.text).slice(0, MAX_CHARS));
  const corpus = countShingles(texts);
  const signatures = minhashSignatures(texts, corpus);
  const places = specificPlaces(items);
  const statements = items.map((it, d) => problemStatement(it, texts[d], places.allPerItem[d]));
  const problems = new ProblemTexts(statements, corpus);
  const links = new UnionFind(n);
  const times = items.map((it) => it.receivedAt);

  const nearThreshold = options.nearDuplicateThreshold ?? NEAR_DUPLICATE_THRESHOLD;
  for (const bucket of lshBuckets(signatures)) {
    linkWithinBucket(bucket, times, windowMs, links, (i, j) =>
      signatures.jaccard(i, j) >= (places.differ(i, j) ? COPY_THRESHOLD : nearThreshold));
  }
  const placeThreshold = options.samePlaceThreshold ?? SAME_PLACE_THRESHOLD;
  for (const bucket of places.buckets.values()) {
    linkWithinBucket(bucket, times, windowMs, links, (i, j) => problems.similarity(i, j) >= placeThreshold);
  }

  const similarity = (i: number, j: number) => {
    const near = signatures.jaccard(i, j);
    return places.share(i, j) ? Math.max(near, problems.similarity(i, j)) : near;
  };
  const clusters: HotCluster[] = [];
  for (const members of links.groups()) {
    if (members.length < Math.max(2, options.minClusterSize ?? 2)) continue;
    clusters.push(describeCluster(members, items, statements, corpus, similarity, asOf, options.halfLifeDays ?? 14, options.keywordTokens ?? characterNgrams));
  }
  return clusters.sort((a, b) => b.heat - a.heat || b.itemCount - a.itemCount || a.firstAt - b.firstAt);
}

/**
 * heat = (2·ln(writers) + ln(1 + items) + ln(1 + likes)) · 0.5^(days since the last item / half-life)
 * Many citizens make an issue hot, so writers count double and only from the second one on: one person sending
 * the same letter three times is a duplicate to merge, not a hot issue. Everything is log-scaled so 2,000 likes
 * on one letter do not drown out thirty citizens; the decay (relative to `asOf`, never negative) makes the
 * ranking about what is hot now.
 */
export function heatScore(c: { writerCount: number; itemCount: number; likes: number; lastAt: number }, asOf: number, halfLifeDays = 14): number {
  const base = 2 * Math.log(Math.max(1, c.writerCount)) + Math.log1p(c.itemCount) + Math.log1p(Math.max(0, c.likes));
  const ageDays = Math.max(0, asOf - c.lastAt) / DAY_MS;
  return base * Math.pow(0.5, ageDays / halfLifeDays);
}

/** The merged (并单) count of `raw` items of which these clusters are part: each cluster counts once. */
export function mergedCount(raw: number, clusters: Array<{ itemCount: number }>): number {
  return raw - clusters.reduce((sum, c) => sum + c.itemCount - 1, 0);
}

// ── shingles ─────────────────────────────────────────────────────────────────────────────────────────────────

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function trigramHash(text: string, i: number): number {
  return fmix32(Math.imul(Math.imul(text.charCodeAt(i) ^ 0x811c9dc5, 16777619) ^ text.charCodeAt(i + 1), 16777619) ^ text.charCodeAt(i + 2));
}

function bigramHash(text: string, i: number): number {
  return fmix32(Math.imul(text.charCodeAt(i) ^ 0x2c1b3c6d, 16777619) ^ text.charCodeAt(i + 1));
}

/**
 * Document frequencies of trigrams and bigrams in fixed hash tables: a collision only over-counts a little.
 * Each slot holds [last document counted, count] side by side, and a table has at most 2^19 slots (4 MB): counting
 * 50,000 letters took 3× longer with tables too big for the cache.
 */
const TABLE_MAX = 1 << 19;

class ShingleCounts {
  readonly mask: number;
  /** Interleaved [stamp, count] per slot. */
  readonly trigrams: Int32Array;
  readonly bigrams: Int32Array;
  constructor(readonly docs: number, totalChars: number) {
    let size = 1 << 12;
    while (size < totalChars && size < TABLE_MAX) size <<= 1;
    this.mask = size - 1;
    this.trigrams = new Int32Array(2 * size).fill(-1);
    this.bigrams = new Int32Array(2 * size).fill(-1);
    for (let s = 1; s < 2 * size; s += 2) this.trigrams[s] = this.bigrams[s] = 0;
  }
  trigramDf(h: number): number {
    return this.trigrams[((h & this.mask) << 1) + 1];
  }
  bigramDf(h: number): number {
    return this.bigrams[((h & this.mask) << 1) + 1];
  }
  /** The highest document frequency a shingle may have and still say something about a text. */
  get boilerplateCap(): number {
    return Math.max(DF_CAP_MIN, DF_CAP_SHARE * this.docs);
  }
  private idf: Float64Array | null = null;
  /** ln(1 + N / df), cached per slot (0 = not computed yet; an IDF is always positive). */
  bigramIdf(h: number): number {
    const slot = h & this.mask;
    const idf = (this.idf ??= new Float64Array(this.mask + 1));
    return idf[slot] || (idf[slot] = Math.log(1 + this.docs / Math.max(1, this.bigrams[(slot << 1) + 1])));
  }
}

function countShingles(texts: string[]): ShingleCounts {
  const counts = new ShingleCounts(texts.length, texts.reduce((s, t) => s + t.length, 0));
  const { mask, trigrams, bigrams } = counts;
  for (let d = 0; d < texts.length; d++) {
    const t = texts[d];
    for (let i = 0; i + 1 < t.length; i++) {
      // The stamp counts documents, not occurrences, without a set per text.
      const s2 = (bigramHash(t, i) & mask) << 1;
      if (bigrams[s2] !== d) {
        bigrams[s2] = d;
        bigrams[s2 + 1]++;
      }
      if (i + 2 < t.length) {
        const s3 = (trigramHash(t, i) & mask) << 1;
        if (trigrams[s3] !== d) {
          trigrams[s3] = d;
          trigrams[s3 + 1]++;
        }
      }
    }
  }
  return counts;
}

// ── MinHash and LSH ──────────────────────────────────────────────────────────────────────────────────────────

/** Fixed seeds (mulberry32): the same items give the same clusters on every run. */
function seeds(count: number, seed: number): Uint32Array {
  const out = new Uint32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    out[i] = (t ^ (t >>> 14)) >>> 0;
  }
  return out;
}

const BIN_SHIFT = 32 - Math.log2(NUM_HASHES);
const EMPTY = 0xffffffff;
/** Densification: the bins an empty bin borrows from, tried in this order (the same order for every text). */
const DENSIFY_TRIES = 256;
const DENSIFY_ORDER = seeds(NUM_HASHES * DENSIFY_TRIES, 0x5eed).map((x) => x % NUM_HASHES);

class Signatures {
  constructor(readonly values: Uint32Array, readonly present: Uint8Array) {}
  /** Share of equal MinHash values: an estimate of the Jaccard similarity of the two shingle sets. */
  jaccard(i: number, j: number): number {
    if (!this.present[i] || !this.present[j]) return 0;
    const a = i * NUM_HASHES;
    const b = j * NUM_HASHES;
    let same = 0;
    for (let k = 0; k < NUM_HASHES; k++) if (this.values[a + k] === this.values[b + k]) same++;
    return same / NUM_HASHES;
  }
}

/**
 * One-permutation MinHash with optimal densification (Shrivastava 2017): each shingle's hash picks one of 64
 * bins by its top bits and competes for that bin's minimum with the rest; an empty bin copies the value of the
 * first non-empty bin in its fixed borrowing order. One hash per shingle instead of 64, with nearly the accuracy
 * of 64 independent permutations; measured 50,000 letters in well under a second.
 */
function minhashSignatures(texts: string[], counts: ShingleCounts): Signatures {
  const values = new Uint32Array(texts.length * NUM_HASHES);
  const present = new Uint8Array(texts.length);
  const cap = counts.boilerplateCap;
  const row = new Uint32Array(NUM_HASHES);
  texts.forEach((t, d) => {
    row.fill(EMPTY);
    let shingles = 0;
    for (let i = 0; i + 2 < t.length; i++) {
      const h = trigramHash(t, i);
      if (counts.trigramDf(h) > cap) continue;
      shingles++;
      const bin = h >>> BIN_SHIFT;
      const v = (h << (32 - BIN_SHIFT)) >>> (32 - BIN_SHIFT);
      if (v < row[bin]) row[bin] = v;
    }
    if (shingles < MIN_SHINGLES) return;
    present[d] = 1;
    const out = d * NUM_HASHES;
    for (let k = 0; k < NUM_HASHES; k++) {
      if (row[k] !== EMPTY) {
        values[out + k] = row[k];
        continue;
      }
      let borrowed = EMPTY;
      for (let attempt = 0; attempt < DENSIFY_TRIES && borrowed === EMPTY; attempt++) borrowed = row[DENSIFY_ORDER[k * DENSIFY_TRIES + attempt]];
      for (let j = 0; borrowed === EMPTY; j++) borrowed = row[(k + j) % NUM_HASHES]; // practically never reached
      values[out + k] = borrowed;
    }
  });
  return new Signatures(values, present);
}

/** Items whose signatures agree on every row of some band (each bucket has at least two items). */
function* lshBuckets(sig: Signatures): Generator<number[]> {
  const n = sig.present.length;
  for (let band = 0; band < NUM_BANDS; band++) {
    const buckets = new Map<number, number[]>();
    for (let d = 0; d < n; d++) {
      if (!sig.present[d]) continue;
      let h = band + 1;
      for (let r = 0; r < BAND_ROWS; r++) h = fmix32(Math.imul(h, 31) ^ sig.values[d * NUM_HASHES + band * BAND_ROWS + r]);
      const bucket = buckets.get(h);
      if (bucket) bucket.push(d);
      else buckets.set(h, [d]);
    }
    for (const bucket of buckets.values()) if (bucket.length > 1) yield bucket;
  }
}

/** Compares each item of a bucket with the next items in time order, within the window, and links similar ones. */
function linkWithinBucket(bucket: number[], times: number[], windowMs: number, links: UnionFind, similar: (i: number, j: number) => boolean): void {
  const byTime = bucket.length > 2 ? [...bucket].sort((a, b) => times[a] - times[b]) : bucket;
  for (let x = 0; x < byTime.length; x++) {
    const i = byTime[x];
    for (let y = x + 1; y < byTime.length && y <= x + MAX_NEIGHBOURS; y++) {
      const j = byTime[y];
      if (Math.abs(times[j] - times[i]) > windowMs) {
        if (byTime !== bucket) break; // sorted: every later item is further away
        continue;
      }
      if (links.find(i) === links.find(j)) continue;
      if (similar(i, j)) links.union(i, j);
    }
  }
}

// ── places and same-problem similarity ───────────────────────────────────────────────────────────────────────

interface PlaceIndex {
  /** Per item, the keys (placeKey) of its specific places that some other item names too. */
  perItem: string[][];
  /** Every normalised place per item (districts and streets too), longest first, to cut out of problem texts. */
  allPerItem: string[][];
  /** Items per specific place. */
  buckets: Map<string, number[]>;
  share(i: number, j: number): boolean;
  /** Both items name specific places, and no place of one is named by the other. */
  differ(i: number, j: number): boolean;
}

function specificPlaces(items: HotItem[]): PlaceIndex {
  const allPerItem = items.map((it) => [...new Set(it.places.map(normalizeForHot))].filter((p) => p.length > 0).sort((a, b) => b.length - a.length));
  const specific = allPerItem.map((ps) => ps.filter(isSpecificNormalised));
  const perItem = specific.map((ps) => [...new Set(ps.map(placeKey))]);
  const buckets = new Map<string, number[]>();
  perItem.forEach((ps, d) => {
    for (const p of ps) {
      const bucket = buckets.get(p);
      if (bucket) bucket.push(d);
      else buckets.set(p, [d]);
    }
  });
  // A place half the city writes about (a trunk road, a big district's name missed by BROAD_PLACE) does not
  // make two reports the same issue.
  const cap = Math.max(PLACE_CAP_MIN, PLACE_CAP_SHARE * items.length);
  for (const [p, bucket] of buckets) if (bucket.length < 2 || bucket.length > cap) buckets.delete(p);
  for (let d = 0; d < perItem.length; d++) perItem[d] = perItem[d].filter((p) => buckets.has(p));
  return {
    perItem,
    allPerItem,
    buckets,
    share: (i, j) => perItem[i].some((p) => perItem[j].includes(p)),
    // "丽发新城" and "丽发新城小区" are one place.
    differ: (i, j) => specific[i].length > 0 && specific[j].length > 0 && !specific[i].some((p) => specific[j].some((q) => p.includes(q) || q.includes(p))),
  };
}

/** One key for the ways one compound is written: "丽发新城小区", "丽发新城社区" and "丽发新城" are one place. */
function placeKey(normalised: string): string {
  const stem = normalised.replace(/(小区|社区)$/, "");
  return stem.length >= 2 ? stem : normalised;
}

/** What an item complains about: its title, else the start of its text, with every place cut out (a space never forms a bigram). */
function problemStatement(item: HotItem, text: string, places: string[]): string {
  const withoutPlaces = (t: string) => {
    for (const p of places) if (t.includes(p)) t = t.split(p).join(" ");
    return t.replace(/ +/g, " ").trim();
  };
  const title = item.title ? withoutPlaces(normalizeForHot(item.title)) : "";
  return (title.replace(/ /g, "").length >= MIN_TITLE_CHARS ? title : withoutPlaces(text)).slice(0, PROBLEM_CHARS);
}

/** Each placed item's problem statement as distinct bigram hashes, built on demand. */
class ProblemTexts {
  private readonly cache = new Map<number, { hashes: Int32Array; total: number }>();
  // Signed: int32 elements stay small integers in V8's optimised code, where uint32 ones above 2^31 do not.
  private readonly buffer = new Int32Array(PROBLEM_CHARS);
  // One item's bigrams in a small open-addressing set: the bucket loops compare one item with its next
  // neighbours in turn, and probing a set in L1 cache beats merging two sorted lists.
  private anchor = -1;
  private anchorTotal = 0;
  private stamp = 0;
  private readonly slots = new Int32Array(ANCHOR_SLOTS);
  private readonly stamps = new Int32Array(ANCHOR_SLOTS);
  constructor(private readonly statements: string[], private readonly counts: ShingleCounts) {}

  /**
   * Σ IDF of shared bigrams / √(Σ IDF of A's · Σ IDF of B's): a cosine over √IDF-weighted bigram indicators.
   * Shared rare words (搅拌站, 捆绑) count, shared common ones (小区, 投诉) barely do, and a short title against
   * a longer opening is not punished the way Jaccard punishes it.
   */
  similarity(i: number, j: number): number {
    const swap = this.anchor === j;
    if (this.anchor !== (swap ? j : i)) this.load(i);
    const other = this.bigrams(swap ? i : j);
    if (this.anchorTotal === 0 || other.total === 0) return 0;
    const hashes = other.hashes;
    let shared = 0;
    for (let k = 0; k < hashes.length; k++) if (this.anchorHas(hashes[k])) shared += this.counts.bigramIdf(hashes[k]);
    return shared / Math.sqrt(this.anchorTotal * other.total);
  }

  private load(d: number): void {
    const { hashes, total } = this.bigrams(d);
    this.anchor = d;
    this.anchorTotal = total;
    this.stamp++;
    for (let k = 0; k < hashes.length; k++) {
      const h = hashes[k];
      let slot = h & (ANCHOR_SLOTS - 1);
      while (this.stamps[slot] === this.stamp) slot = (slot + 1) & (ANCHOR_SLOTS - 1);
      this.stamps[slot] = this.stamp;
      this.slots[slot] = h;
    }
  }

  private anchorHas(h: number): boolean {
    for (let slot = h & (ANCHOR_SLOTS - 1); this.stamps[slot] === this.stamp; slot = (slot + 1) & (ANCHOR_SLOTS - 1)) {
      if (this.slots[slot] === h) return true;
    }
    return false;
  }

  private bigrams(d: number) {
    let entry = this.cache.get(d);
    if (entry) return entry;
    const t = this.statements[d];
    let n = 0;
    for (let i = 0; i + 1 < t.length; i++) {
      if (t.charCodeAt(i) === 32 || t.charCodeAt(i + 1) === 32) continue;
      const h = bigramHash(t, i);
      // Boilerplate bigrams (的建议, 问题, 关于) would make any two short titles alike.
      if (this.counts.bigramDf(h) <= this.counts.boilerplateCap) this.buffer[n++] = h;
    }
    const sorted = this.buffer.subarray(0, n).sort();
    let m = 0;
    let total = 0;
    for (let k = 0; k < n; k++) {
      if (k > 0 && sorted[k] === sorted[k - 1]) continue;
      sorted[m++] = sorted[k];
      total += this.counts.bigramIdf(sorted[k]);
    }
    entry = { hashes: sorted.slice(0, m), total };
    this.cache.set(d, entry);
    return entry;
  }
}

// ── union-find ───────────────────────────────────────────────────────────────────────────────────────────────

class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
  }
  groups(): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      if (this.size[this.find(i)] < 2) continue;
      const r = this.find(i);
      const g = byRoot.get(r);
      if (g) g.push(i);
      else byRoot.set(r, [i]);
    }
    return [...byRoot.values()];
  }
}

// ── describing a cluster ─────────────────────────────────────────────────────────────────────────────────────

function describeCluster(
  members: number[], items: HotItem[], statements: string[], counts: ShingleCounts,
  similarity: (i: number, j: number) => number, asOf: number, halfLifeDays: number, tokenize: (text: string) => string[],
): HotCluster {
  const sample = strideSample(members, SAMPLE);
  // Centrality: mean similarity to (a sample of) the other members.
  const centrality = new Map<number, number>();
  for (const i of members) {
    let sum = 0;
    let k = 0;
    for (const j of sample) if (j !== i) (sum += similarity(i, j)), k++;
    centrality.set(i, k ? sum / k : 0);
  }
  const best = Math.max(...centrality.values());
  // The most liked member speaks for the cluster unless it is an outlier; then the most central one does.
  const representative = members
    .filter((i) => centrality.get(i)! >= best / 2)
    .sort((a, b) => items[b].likes - items[a].likes || centrality.get(b)! - centrality.get(a)! || items[a].receivedAt - items[b].receivedAt)[0];

  const memberList = members
    .map((i) => ({ itemId: items[i].id, similarity: i === representative ? 1 : round3(similarity(i, representative)) }))
    .sort((a, b) => b.similarity - a.similarity || a.itemId - b.itemId);
  const writers = new Set<string>();
  let anonymous = 0;
  let likes = 0;
  let firstAt = Infinity;
  let lastAt = -Infinity;
  for (const i of members) {
    const it = items[i];
    if (it.author) writers.add(it.author);
    else anonymous++;
    likes += Math.max(0, it.likes);
    firstAt = Math.min(firstAt, it.receivedAt);
    lastAt = Math.max(lastAt, it.receivedAt);
  }
  const stats = { itemCount: members.length, writerCount: writers.size + anonymous, likes, firstAt, lastAt };
  const place = commonPlace(members, items);
  return {
    representativeId: items[representative].id,
    label: labelOf(items[representative].text),
    place,
    keywords: clusterKeywords(strideSample(members, SAMPLE), statements, counts, tokenize),
    members: memberList,
    ...stats,
    topicId: majority(members.map((i) => items[i].topicId)),
    departmentId: majority(members.map((i) => items[i].departmentId)),
    heat: round3(heatScore(stats, asOf, halfLifeDays)),
  };
}

function strideSample(members: number[], max: number): number[] {
  if (members.length <= max) return members;
  const step = members.length / max;
  return Array.from({ length: max }, (_, k) => members[Math.floor(k * step)]);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The first line of the text (the title, when there is one), shortened. */
function labelOf(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.replace(/\s+/g, " ").trim()).find((l) => l.length > 0) ?? "";
  const chars = [...line];
  return chars.length > LABEL_CHARS ? chars.slice(0, LABEL_CHARS).join("") + "…" : line;
}

/** The specific place most members name (as written in the first item naming it); longer names win ties. */
/**
 * The specific place most members name (at least two), written the way members most often write it; ties go to
 * the longer name.
 */
function commonPlace(members: number[], items: HotItem[]): string | null {
  const count = new Map<string, { n: number; written: Map<string, number> }>();
  for (const i of members) {
    const seen = new Set<string>();
    for (const p of items[i].places) {
      const normalised = normalizeForHot(p);
      if (!isSpecificNormalised(normalised)) continue;
      const key = placeKey(normalised);
      if (seen.has(key)) continue;
      seen.add(key);
      const c = count.get(key) ?? { n: 0, written: new Map<string, number>() };
      c.n++;
      c.written.set(p, (c.written.get(p) ?? 0) + 1);
      count.set(key, c);
    }
  }
  const longerFirst = <T>(a: [string, T], b: [string, T]) => b[0].length - a[0].length;
  const best = [...count.entries()].sort(longerFirst).sort((a, b) => b[1].n - a[1].n)[0];
  if (!best || best[1].n < 2) return null;
  return [...best[1].written.entries()].sort(longerFirst).sort((a, b) => b[1] - a[1])[0][0];
}

function majority(values: Array<number | null>): number | null {
  const count = new Map<number, number>();
  for (const v of values) if (v !== null) count.set(v, (count.get(v) ?? 0) + 1);
  let best: number | null = null;
  let bestCount = 0;
  for (const [v, c] of count) if (c > bestCount || (c === bestCount && best !== null && v < best)) (best = v), (bestCount = c);
  return best;
}

/**
 * Words the members' problem statements share and the rest of the items rarely use: tokens found in at least
 * 30% of the (sampled) members' statements, ranked by how many members use them times their IDF (the mean IDF
 * of their bigrams); a token inside a better-ranked one is skipped. Places are left out (shown on their own).
 */
function clusterKeywords(members: number[], statements: string[], counts: ShingleCounts, tokenize: (text: string) => string[]): string[] {
  const minMembers = Math.max(2, Math.ceil(0.3 * members.length));
  const memberCount = new Map<string, number>();
  for (const d of members) {
    const tokens = new Set(tokenize(statements[d].replace(/ /g, "，")));
    for (const t of tokens) if (t.length >= 2 && !/^[0-9a-z]+$/.test(t) && !GENERIC_WORDS.has(t)) memberCount.set(t, (memberCount.get(t) ?? 0) + 1);
  }
  const ranked = [...memberCount.entries()]
    .filter(([, n]) => n >= minMembers)
    .map(([token, n]) => ({ token, score: n * meanIdf(token, counts) }))
    .sort((a, b) => b.score - a.score || b.token.length - a.token.length || (a.token < b.token ? -1 : 1));
  const chosen: string[] = [];
  for (const { token } of ranked) {
    if (chosen.some((c) => c.includes(token) || token.includes(c))) continue;
    chosen.push(token);
    if (chosen.length === MAX_KEYWORDS) break;
  }
  return chosen;
}

/**
 * Without a word segmenter: character bigrams and trigrams of the statement (the ranking's substring rule then
 * keeps "搅拌站" over "搅拌"). Pass a segmenter's words as `keywordTokens` for cleaner keywords.
 */
export function characterNgrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.split(/[^\u3400-\u4dbf\u4e00-\u9fffa-z0-9]+/)) {
    for (let i = 0; i + 1 < run.length; i++) {
      out.push(run.slice(i, i + 2));
      if (i + 2 < run.length) out.push(run.slice(i, i + 3));
    }
  }
  return out;
}

function meanIdf(phrase: string, counts: ShingleCounts): number {
  let sum = 0;
  for (let i = 0; i + 1 < phrase.length; i++) sum += counts.bigramIdf(bigramHash(phrase, i));
  return phrase.length > 1 ? sum / (phrase.length - 1) : 0;
}
