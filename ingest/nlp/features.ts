// TF-IDF features over two blocks: words (jieba words and adjacent word pairs) and character n-grams.
// Each block is sublinear-TF × IDF and L2-normalised on its own, then scaled by its block weight, so long
// letters do not drown short ones and neither block dominates the other.
import { FNV_PRIME, hashCodes, hashPair, hashString } from "./hash";
import { IntTable } from "./int-table";
import type { SparseVector } from "./sparse";

export interface FeatureConfig {
  /** Adjacent word pairs as well as single words. */
  wordPairs: boolean;
  /** Character n-gram lengths, inclusive; [0, 0] turns the block off. */
  charMin: number;
  charMax: number;
  /** Keep a feature only when at least this many training texts contain it. */
  minDf: number;
  wordWeight: number;
  charWeight: number;
}

export const DEFAULT_FEATURES: FeatureConfig = { wordPairs: true, charMin: 1, charMax: 3, minDf: 2, wordWeight: 1, charWeight: 1 };

const WORD_SEED = 0x811c9dc5;
const PAIR_SEED = 0x01000193;
const CHAR_SEED = 0x9e3779b9;

/** A text cut into what the features are made of. */
export interface AnalyzedText {
  words: string[];
  /** Code units of the text with spaces and punctuation removed. */
  chars: Uint16Array;
}

export interface FeatureSpace {
  config: FeatureConfig;
  /** Feature key (hash) → index, one map per block. */
  wordIndex: IntTable;
  charIndex: IntTable;
  idf: Float32Array;
  size: number;
}

/** Keys of one text's word block (with repeats). */
export function wordKeys(words: string[], config: FeatureConfig): number[] {
  const keys: number[] = [];
  let previous = -1;
  for (const word of words) {
    const key = IntTable.key(hashString(word, WORD_SEED));
    keys.push(key);
    if (config.wordPairs && previous !== -1) keys.push(IntTable.key(hashPair(previous, key, PAIR_SEED)));
    previous = key;
  }
  return keys;
}

/** Keys of one text's character block (with repeats). */
export function charKeys(chars: Uint16Array, config: FeatureConfig): number[] {
  const keys: number[] = [];
  if (config.charMax <= 0) return keys;
  for (let i = 0; i < chars.length; i++) {
    // FNV-1a is sequential, so the hash of the n-gram extends the hash of the (n−1)-gram.
    let h = CHAR_SEED;
    for (let n = 1; n <= config.charMax && i + n <= chars.length; n++) {
      h = Math.imul(h ^ chars[i + n - 1], FNV_PRIME) >>> 0;
      if (n >= config.charMin) keys.push(IntTable.key(h));
    }
  }
  return keys;
}

/** Learns the vocabulary and IDF from training texts. */
export function fitFeatureSpace(texts: AnalyzedText[], config: FeatureConfig = DEFAULT_FEATURES): FeatureSpace {
  const wordDf = new DocumentFrequencies();
  const charDf = new DocumentFrequencies();
  texts.forEach((text, doc) => {
    wordDf.count(wordKeys(text.words, config), doc);
    charDf.count(charKeys(text.chars, config), doc);
  });
  const dfs: number[] = [];
  const wordIndex = wordDf.index(config.minDf, dfs);
  const charIndex = charDf.index(config.minDf, dfs);
  const idf = new Float32Array(dfs.length);
  // Smoothed IDF, as scikit-learn computes it, so results are comparable with its reference numbers.
  for (let i = 0; i < dfs.length; i++) idf[i] = Math.log((1 + texts.length) / (1 + dfs[i])) + 1;
  return { config, wordIndex, charIndex, idf, size: dfs.length };
}

/** Counts in how many documents each key occurs (a key repeated in one document counts once). */
class DocumentFrequencies {
  private slots = new IntTable(1 << 16);
  private df: number[] = [];
  private lastDoc: number[] = [];

  count(keys: number[], doc: number): void {
    for (const key of keys) {
      let slot = this.slots.get(key);
      if (slot === -1) {
        slot = this.df.length;
        this.slots.set(key, slot);
        this.df.push(0);
        this.lastDoc.push(-1);
      }
      if (this.lastDoc[slot] !== doc) {
        this.lastDoc[slot] = doc;
        this.df[slot]++;
      }
    }
  }

  /**
   * Numbers the keys kept (df ≥ minDf) from `dfs.length` on, appending their df to `dfs`. Most frequent first:
   * most of a text's features are common ones, so their IDF and weights then sit together in cache.
   */
  index(minDf: number, dfs: number[]): IntTable {
    const kept: [number, number][] = [];
    this.slots.forEach((key, slot) => {
      if (this.df[slot] >= minDf) kept.push([key, this.df[slot]]);
    });
    kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const index = new IntTable(kept.length);
    for (const [key, df] of kept) {
      index.set(key, dfs.length);
      dfs.push(df);
    }
    return index;
  }
}

/** One text as a TF-IDF vector in the space. */
export function vectorize(space: FeatureSpace, text: AnalyzedText): SparseVector {
  const { config, wordIndex, charIndex } = space;
  const counts = countersFor(space);
  const capacity = text.words.length * 2 + text.chars.length * Math.max(0, config.charMax - config.charMin + 1);
  const indices = new Int32Array(capacity);
  let n = 0;
  // Lookups happen as the keys are hashed (no intermediate key arrays): this loop is most of the cost.
  const touch = (feature: number) => {
    if (feature === -1) return;
    if (counts[feature] === 0) indices[n++] = feature;
    if (counts[feature] < 65535) counts[feature]++;
  };
  let previous = -1;
  for (const word of text.words) {
    const key = IntTable.key(hashString(word, WORD_SEED));
    touch(wordIndex.get(key));
    if (config.wordPairs && previous !== -1) touch(wordIndex.get(IntTable.key(hashPair(previous, key, PAIR_SEED))));
    previous = key;
  }
  const wordEnd = n;
  const chars = text.chars;
  if (config.charMax > 0) {
    for (let i = 0; i < chars.length; i++) {
      let h = CHAR_SEED;
      for (let len = 1; len <= config.charMax && i + len <= chars.length; len++) {
        h = Math.imul(h ^ chars[i + len - 1], FNV_PRIME) >>> 0;
        if (len >= config.charMin) touch(charIndex.get(IntTable.key(h)));
      }
    }
  }
  const values = new Float32Array(n);
  weighBlock(space, counts, indices, values, 0, wordEnd, config.wordWeight);
  weighBlock(space, counts, indices, values, wordEnd, n, config.charWeight);
  return { indices: indices.slice(0, n), values };
}

/** 1 + ln(tf) for small counts: Math.log per feature costs as much as the lookups. */
const SUBLINEAR_TF = Float64Array.from({ length: 64 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)));

/** Per-space reusable counter array indexed by feature; reset through the list of touched features. */
const counters = new WeakMap<FeatureSpace, Uint16Array>();
function countersFor(space: FeatureSpace): Uint16Array {
  let counts = counters.get(space);
  if (!counts) counters.set(space, (counts = new Uint16Array(space.size)));
  return counts;
}

/** Sublinear TF × IDF over one block's features, L2-normalised to the block weight; resets their counters. */
function weighBlock(space: FeatureSpace, counts: Uint16Array, indices: Int32Array, values: Float32Array, from: number, to: number, weight: number): void {
  let norm = 0;
  for (let k = from; k < to; k++) {
    const f = indices[k];
    const tf = counts[f];
    counts[f] = 0;
    const value = (tf < SUBLINEAR_TF.length ? SUBLINEAR_TF[tf] : 1 + Math.log(tf)) * space.idf[f];
    values[k] = value;
    norm += value * value;
  }
  if (norm > 0) {
    const scale = weight / Math.sqrt(norm);
    for (let k = from; k < to; k++) values[k] *= scale;
  }
}

/** Readable names of the given features as they occur in `text` (for explanations). */
export function nameFeatures(space: FeatureSpace, text: AnalyzedText, features: Set<number>): Map<number, string> {
  const names = new Map<number, string>();
  const config = space.config;
  let previous: { key: number; word: string } | null = null;
  for (const word of text.words) {
    const key = IntTable.key(hashString(word, WORD_SEED));
    const f = space.wordIndex.get(key);
    if (f !== -1 && features.has(f)) names.set(f, word);
    if (config.wordPairs && previous) {
      const pair = space.wordIndex.get(IntTable.key(hashPair(previous.key, key, PAIR_SEED)));
      if (pair !== -1 && features.has(pair)) names.set(pair, `${previous.word} ${word}`);
    }
    previous = { key, word };
  }
  const chars = text.chars;
  for (let i = 0; i < chars.length && config.charMax > 0; i++) {
    for (let n = config.charMin; n <= config.charMax && i + n <= chars.length; n++) {
      const f = space.charIndex.get(IntTable.key(hashCodes(chars, i, i + n, CHAR_SEED)));
      if (f !== -1 && features.has(f) && !names.has(f)) names.set(f, String.fromCharCode(...chars.subarray(i, i + n)));
    }
  }
  return names;
}
