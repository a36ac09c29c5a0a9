// Sentiment of citizen text with no labelled data: a hand-written lexicon (lexicon/sentiment-words.ts) read by a
// longest-match scan over the normalised text; no word segmenter. At each position the scanner tries the
// lexicon entries starting with that character, longest first, so 不满意 is one negative word, 不错 one positive
// word, and 可怕 is not 可 + 怕.
//
// How a text is scored:
// - every sentiment word adds its weight (negative < 0 < positive; 0.5 faint … 3 strong);
// - a degree adverb (非常 / 太 / 好 / 有点 …) up to 2 characters before a sentiment word multiplies it; a postfix
//   degree word (…死了 / …透了 / …得要命) right after one multiplies it;
// - a negator (不 / 没有 / 并不 / 未 / 无法 …) up to 3 characters before a sentiment word in the same clause flips it:
//   a negated positive word counts -0.8 × its weight, a negated negative word -0.6 × (并不差 is mildly positive);
//   verbs of getting things done (解决 / 处理 / 回复 / 修 …) carry nothing alone and a fixed negative weight when
//   negated (至今没有处理). A degree adverb after the negator (不太满意, 不是很好) weakens the flipped word to 0.6 ×;
//   one before it (很不负责) strengthens it; 一点也不 / 根本没有 flip 1.5 ×, 并不 / 并没有 1.3 ×, 不太 / 不怎么 0.6 ×;
// - emoticons and emoji ([怒], [赞], 😭) count as they are: never negated or scaled;
// - a contrast word (但是 / 可是 / 不过 / 却 …) halves everything before it and weighs what follows 1.3 ×;
// - a clause ending in ! weighs 1.3 × (!! or more 1.6 ×), one ending in ? 1.15 × (?? or more 1.4 ×); a clause with
//   no sentiment word that ends in ? / ?? / !! adds -0.3 / -1 / -0.8 (rhetorical questions and exclamations in
//   complaints: 什么时候才修？？);
// - the same word repeated back to back counts once (哈哈哈哈, [怒][怒][怒]).
// Links and @user names are removed first (a user name can contain any word).
//
// Labels, on the raw sum S of the hit weights: S ≥ 0.75 → positive, S ≤ -0.75 → negative, otherwise neutral. So
// text with no sentiment word is neutral (请问公积金怎么提取), and so is text whose only signal is weak: a lone
// closing 谢谢 (0.6: politeness, not praise), 尽快 (-0.5), one question mark (-0.3), [微笑] (-0.5, more often
// sarcastic than not on Weibo). Set on SMP2020-EWECT usual_eval / usual_test and the weibo_senti_100k subset
// (tests/bench/sentiment-lexicon-eval.ts); 0.6–0.9 score within 0.01 macro-F1 of each other there.
// `score` is S squashed into (-1, 1): tanh(S / 3), so its sign is the polarity and its size the strength
// (the label is not neutral exactly when |score| ≥ tanh(0.25) ≈ 0.245).
import { normalizeText } from "./normalize";
import {
  CLAUSE_FINAL_WORDS,
  CONTRAST_WORDS,
  DEGREE_WORDS,
  EMOTICONS,
  NEGATABLE_WORDS,
  NEGATORS,
  NEUTRAL_WORDS,
  POSTFIX_DEGREE_WORDS,
  SENTIMENT_WORDS,
} from "./lexicon/sentiment-words";

export type SentimentLabel = "negative" | "neutral" | "positive";

export interface LexiconSentiment {
  label: SentimentLabel;
  /** tanh(sum of hit weights / 3): in (-1, 1), below 0 negative. */
  score: number;
  /** The sentiment words found, with the weight each contributed after degree, negation, contrast and punctuation. */
  hits: { term: string; weight: number }[];
}

/** Raw-sum thresholds of the labels (see the header). */
export const POSITIVE_AT = 0.75;
export const NEGATIVE_AT = 0.75;
/** Characters between a negator's end and the sentiment word it flips, at most. */
const NEGATION_WINDOW = 3;
/** Characters between a degree adverb's end and the word it scales, at most. */
const DEGREE_WINDOW = 2;
const NEGATED_POSITIVE = -0.8;
const NEGATED_NEGATIVE = -0.6;
/** A degree adverb after the negator (不太满意, 不很好) weakens instead of strengthening. */
const DEGREE_AFTER_NEGATION = 0.6;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.3;

interface Entry {
  weight: number;
  /** Weight when negated, for verbs that only carry sentiment negated; NaN otherwise. */
  negated: number;
  /** Multiplier of the next sentiment word (prefix degree adverb); 0 if none. */
  degree: number;
  /** For a degree adverb: its weight as a sentiment word at the end of a clause (好); 0 if none. */
  finalWeight: number;
  /** Multiplier of the previous sentiment word (postfix degree); 0 if none. */
  postfix: number;
  /** Negator strength; 0 if not a negator. */
  negator: number;
  contrast: boolean;
  /** An emoticon or emoji: its weight is never negated or scaled by a degree adverb. */
  emoticon: boolean;
  /** All ASCII letters / digits: only matched between non-alphanumerics (sb is not in "usb"). */
  ascii: boolean;
}

interface Lexicon {
  entries: Map<string, Entry>;
  /** Per first UTF-16 code unit: bit L-1 set when an entry of length L starts with it. */
  lengths: Uint32Array;
  /** The same entry given twice within one kind, or not in normalised form (tests assert none). */
  problems: string[];
}

const LEXICON = buildLexicon();

/** Inconsistencies in the word lists: duplicates within a list, entries not in normalised form. */
export const LEXICON_PROBLEMS: readonly string[] = LEXICON.problems;

/** How many distinct entries the lexicon has (for documentation and tests). */
export const LEXICON_SIZE = LEXICON.entries.size;

function words(block: string): string[] {
  return block.split(/\s+/).filter((w) => w.length > 0);
}

function buildLexicon(): Lexicon {
  const entries = new Map<string, Entry>();
  const problems: string[] = [];
  const seen = new Map<string, Set<string>>();
  const entry = (word: string, kind: string): Entry => {
    if (normalizeText(word) !== word) problems.push(`${kind}: "${word}" is not in normalised form`);
    const kinds = seen.get(word) ?? new Set<string>();
    if (kinds.has(kind)) problems.push(`${kind}: "${word}" given twice`);
    kinds.add(kind);
    seen.set(word, kinds);
    let e = entries.get(word);
    if (!e) {
      e = { weight: 0, negated: NaN, degree: 0, finalWeight: 0, postfix: 0, negator: 0, contrast: false, emoticon: false, ascii: /^[a-z0-9]+$/.test(word) };
      entries.set(word, e);
    }
    return e;
  };
  // A word may be both a sentiment word and negatable, or a word and a postfix degree (死了); anything else twice
  // is a mistake in the lists.
  const exclusive = (word: string, kind: string, others: string[]) => {
    const kinds = seen.get(word);
    if (kinds) for (const other of others) if (kinds.has(other)) problems.push(`"${word}" is both ${kind} and ${other}`);
  };
  for (const [weight, block] of SENTIMENT_WORDS) for (const w of words(block)) entry(w, "sentiment").weight = weight;
  for (const [weight, block] of EMOTICONS) for (const w of words(block)) {
    exclusive(w, "emoticon", ["sentiment"]);
    const e = entry(w, "emoticon");
    e.weight = weight;
    e.emoticon = true;
  }
  for (const [weight, block] of NEGATABLE_WORDS) for (const w of words(block)) entry(w, "negatable").negated = weight;
  for (const [degree, block] of DEGREE_WORDS) for (const w of words(block)) {
    exclusive(w, "degree", ["sentiment", "negatable"]);
    entry(w, "degree").degree = degree;
  }
  for (const [weight, block] of CLAUSE_FINAL_WORDS) for (const w of words(block)) {
    if (!entries.get(w)?.degree) problems.push(`clause-final word "${w}" is not a degree adverb`);
    entry(w, "clause-final").finalWeight = weight;
  }
  for (const [degree, block] of POSTFIX_DEGREE_WORDS) for (const w of words(block)) {
    exclusive(w, "postfix degree", ["degree", "negatable"]);
    entry(w, "postfix degree").postfix = degree;
  }
  for (const [strength, block] of NEGATORS) for (const w of words(block)) {
    exclusive(w, "negator", ["sentiment", "negatable", "degree", "postfix degree"]);
    entry(w, "negator").negator = strength;
  }
  for (const w of words(CONTRAST_WORDS)) {
    exclusive(w, "contrast", ["sentiment", "negatable", "degree", "postfix degree", "negator"]);
    entry(w, "contrast").contrast = true;
  }
  for (const w of words(NEUTRAL_WORDS)) {
    exclusive(w, "neutral", ["sentiment", "emoticon", "negatable", "degree", "postfix degree", "negator", "contrast"]);
    entry(w, "neutral");
  }
  const lengths = new Uint32Array(0x10000);
  for (const word of entries.keys()) {
    if (word.length > 32) problems.push(`"${word}" is longer than 32 characters`);
    else lengths[word.charCodeAt(0)] |= 1 << (word.length - 1);
  }
  return { entries, lengths, problems };
}

/** Characters that end a clause: negation and degree stop there, ! and ? weigh the clause. */
function isClauseBreak(code: number): boolean {
  switch (code) {
    case 0x21: // !
    case 0x3f: // ?
    case 0x2c: // ,
    case 0x2e: // .
    case 0x3b: // ;
    case 0x3a: // :
    case 0x7e: // ~
    case 0x20: // space (also newlines, after normalisation)
    case 0x22: // "
    case 0x29: // )
    case 0x3002: // 。
    case 0x3001: // 、
    case 0x2026: // …
    case 0xff61: // ｡
      return true;
    default:
      return false;
  }
}

/** Sentence-final particles: 好 before them still ends the clause (挺好的, 不太好吧). */
const FINAL_PARTICLES = new Set([..."了的啊呀吧呢哦嘛啦喔"].map((c) => c.charCodeAt(0)));

function endsClause(t: string, at: number): boolean {
  if (at >= t.length) return true;
  const code = t.charCodeAt(at);
  return isClauseBreak(code) || FINAL_PARTICLES.has(code) || code === 0x201d || code === 0x3011;
}

const isAlnum = (code: number) => (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
const LINK = /https?:\/\/[\x21-\x7e]+/g;
const MENTION = /@[\p{L}\p{N}_\-·]{1,30}/gu;

interface Hit {
  term: string;
  weight: number;
  start: number;
  end: number;
}

export function lexiconSentiment(text: string): LexiconSentiment {
  let t = normalizeText(text);
  if (t.includes("http")) t = t.replace(LINK, " ");
  if (t.includes("@")) t = t.replace(MENTION, " ");
  const { entries, lengths } = LEXICON;
  const n = t.length;
  const hits: Hit[] = [];
  let clauseStart = 0;
  let negations = 0;
  let negationStrength = 1;
  let negationUntil = -1;
  let degree = 1;
  let degreeUntil = -1;
  let degreeAfterNegation = false;
  let contrast = 1;

  let i = 0;
  while (i < n) {
    const code = t.charCodeAt(i);
    let mask = lengths[code];
    let matched: Entry | undefined;
    let length = 0;
    while (mask !== 0) {
      const l = 32 - Math.clz32(mask);
      mask &= ~(1 << (l - 1));
      if (i + l > n) continue;
      const e = entries.get(l === 1 ? t[i] : t.substr(i, l));
      if (!e) continue;
      if (e.ascii && ((i > 0 && isAlnum(t.charCodeAt(i - 1))) || (i + l < n && isAlnum(t.charCodeAt(i + l))))) continue;
      matched = e;
      length = l;
      break;
    }

    if (!matched) {
      if (isClauseBreak(code)) {
        // A run of punctuation: ! and ? weigh the clause that ends here.
        let bangs = 0;
        let questions = 0;
        let j = i;
        for (; j < n && isClauseBreak(t.charCodeAt(j)); j++) {
          const c = t.charCodeAt(j);
          if (c === 0x21) bangs++;
          else if (c === 0x3f) questions++;
        }
        const factor = Math.max(bangs >= 2 ? 1.6 : bangs === 1 ? 1.3 : 1, questions >= 2 ? 1.4 : questions === 1 ? 1.15 : 1);
        if (factor !== 1) for (let k = clauseStart; k < hits.length; k++) hits[k].weight *= factor;
        const p = hits.length === clauseStart ? punctuationWeight(questions, bangs) : 0;
        if (p !== 0) hits.push({ term: t.slice(i, j).replace(/[^!?]/g, ""), weight: p, start: i, end: j });
        clauseStart = hits.length;
        negations = 0;
        degreeUntil = -1;
        i = j;
        continue;
      }
      i++;
      continue;
    }

    const start = i;
    const end = i + length;
    i = end;
    if (matched.contrast) {
      for (const hit of hits) hit.weight *= BEFORE_CONTRAST;
      contrast = AFTER_CONTRAST;
      negations = 0;
      degreeUntil = -1;
      continue;
    }
    if (matched.negator) {
      negations = start <= negationUntil ? negations + 1 : 1;
      negationStrength = matched.negator;
      negationUntil = end + NEGATION_WINDOW;
      continue;
    }
    // 好 at the end of a clause is the word "good", not the adverb "very".
    const asWord = matched.finalWeight !== 0 && endsClause(t, end);
    if (matched.degree && !asWord) {
      degree = start <= degreeUntil ? Math.min(3, degree * matched.degree) : matched.degree;
      degreeUntil = end + DEGREE_WINDOW;
      degreeAfterNegation = negations % 2 === 1 && start <= negationUntil;
      if (degreeAfterNegation) negationUntil = end + NEGATION_WINDOW; // 不是很满意: the adverb does not use up the window
      continue;
    }
    const last = hits.length > clauseStart ? hits[hits.length - 1] : undefined;
    if (matched.postfix && last && start - last.end <= 1) {
      last.weight *= matched.postfix;
      continue;
    }
    const baseWeight = asWord ? matched.finalWeight : matched.weight;
    if (baseWeight === 0 && Number.isNaN(matched.negated)) continue; // a neutral word

    if (matched.emoticon) {
      // The face stands for itself: no negation or degree, and it leaves a pending one for the next word.
      const term = t.substr(start, length);
      if (last && repeats(last, term, start)) last.end = end;
      else hits.push({ term, weight: matched.weight * contrast, start, end });
      continue;
    }
    const localDegree = start <= degreeUntil ? degree : 1;
    const afterNegation = degreeAfterNegation && start <= degreeUntil;
    const negated = negations % 2 === 1 && start <= negationUntil;
    let weight: number;
    if (negated) {
      if (!Number.isNaN(matched.negated)) weight = matched.negated;
      else weight = baseWeight > 0 ? NEGATED_POSITIVE * baseWeight : NEGATED_NEGATIVE * baseWeight;
      weight *= negationStrength * (afterNegation ? DEGREE_AFTER_NEGATION : localDegree);
    } else {
      weight = baseWeight * localDegree;
    }
    negations = 0;
    degreeUntil = -1;
    if (weight === 0) continue;
    const term = t.substr(start, length);
    if (last && repeats(last, term, start)) {
      last.end = end; // 哈哈哈哈哈: one 哈哈哈哈
      continue;
    }
    hits.push({ term, weight: weight * contrast, start, end });
  }

  let sum = 0;
  for (const hit of hits) sum += hit.weight;
  const label: SentimentLabel = sum >= POSITIVE_AT ? "positive" : sum <= -NEGATIVE_AT ? "negative" : "neutral";
  return {
    label,
    score: round(Math.tanh(sum / 3), 4),
    hits: hits.map((h) => ({ term: h.term, weight: round(h.weight, 3) })),
  };
}

/** The same word again right after itself (哈哈哈哈 + 哈哈, [怒][怒]). */
function repeats(last: Hit, term: string, start: number): boolean {
  return last.end === start && last.term.startsWith(term);
}

/**
 * A clause with no sentiment word that ends in ? or !! still leans negative in citizen text (现在的警察都是这样办事的么？！,
 * 什么时候才修？？): ? -0.3, ?? or more -1, !! or more -0.8 (the two add up).
 */
function punctuationWeight(questions: number, bangs: number): number {
  return (questions >= 2 ? -1 : questions === 1 ? -0.3 : 0) + (bangs >= 2 ? -0.8 : 0);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}
