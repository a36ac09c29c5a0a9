// Chinese word segmentation: jieba's dictionary plus a user dictionary of government terms (department names
// and aliases, topic names and keywords, 12345 vocabulary), so "住建局" or "物业费" stay one word.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { DEFAULT_DEPARTMENTS } from "../../db/catalog/departments";
import { DEFAULT_TOPICS } from "../../db/catalog/topics";
import { GOV_TERMS } from "./lexicon/gov-terms";
import { STOPWORDS } from "./lexicon/stopwords";

/** Frequency given to user-dictionary words: high enough that jieba prefers them to splitting. */
const USER_WORD_FREQUENCY = 20000;

export class Segmenter {
  private readonly jieba: Jieba;

  constructor(userWords: Iterable<string> = catalogueVocabulary()) {
    this.jieba = Jieba.withDict(dict);
    const lines = [...new Set(userWords)].filter((w) => w.length > 1 && !/\s/.test(w)).map((w) => `${w} ${USER_WORD_FREQUENCY} n`);
    if (lines.length) this.jieba.loadDict(Buffer.from(lines.join("\n") + "\n", "utf8"));
  }

  /** jieba's tokens, unfiltered (HMM on, for names jieba has not seen). */
  cut(text: string): string[] {
    return this.jieba.cut(text, true);
  }

  /**
   * Words to index for search: jieba's search mode also yields the shorter words inside long ones
   * ("住房城乡建设局" → 住房, 城乡, 建设, 建设局 …), so a query for a part finds the whole. Expects normalised text.
   */
  searchWords(text: string): string[] {
    return [...new Set(this.jieba.cutForSearch(text, true).filter(isContentToken))];
  }

  /** Content words: tokens with a letter or digit that are not stopwords. Expects normalised text. */
  words(text: string): string[] {
    const out: string[] = [];
    for (const token of this.jieba.cut(text, true)) {
      if (isContentToken(token) && !STOPWORDS.has(token)) out.push(token);
    }
    return out;
  }
}

function isContentToken(token: string): boolean {
  for (let i = 0; i < token.length; i++) if (isWordChar(token.charCodeAt(i))) return true;
  return false;
}

/** CJK ideographs, ASCII letters and digits: what the models read (punctuation and spaces carry no topic). */
export function isWordChar(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x5a)
  );
}

/** Department names and aliases, topic names and keywords from the default catalogues, and 12345 terms. */
export function catalogueVocabulary(extra: Iterable<string> = []): string[] {
  const words: string[] = [...GOV_TERMS, ...extra];
  for (const d of DEFAULT_DEPARTMENTS) words.push(d.name, d.shortName, ...d.aliases);
  for (const t of DEFAULT_TOPICS) {
    words.push(t.name, ...t.keywords);
    for (const c of t.children) words.push(c.name, ...c.keywords);
  }
  return words;
}

let shared: Segmenter | null = null;

/** One segmenter per process: loading jieba's dictionary takes about 0.2 s. */
export function sharedSegmenter(): Segmenter {
  return (shared ??= new Segmenter());
}
