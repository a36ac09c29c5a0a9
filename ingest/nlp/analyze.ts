// Text → what the models read: normalised words from the segmenter and the run of characters for character
// n-grams. Two analysers, because the two tasks need different things:
// - topic: content words only (no stopwords, no punctuation); digit runs become "0" (phone numbers, dates and
//   amounts say nothing about the topic);
// - sentiment: every token including 不 / 没 and ！？, emoticons like [怒] kept whole; retweet chains' user names
//   and links removed.
import type { AnalyzedText } from "./features";
import { normalizeText } from "./normalize";
import { lexiconSentiment } from "./sentiment-lexicon";
import { isWordChar, sharedSegmenter, type Segmenter } from "./segment";

export type AnalyzerName = "topic" | "sentiment";

export function analyzeText(text: string, analyzer: AnalyzerName = "topic", segmenter: Segmenter = sharedSegmenter(), maxChars = 0): AnalyzedText {
  if (maxChars > 0 && text.length > maxChars) text = text.slice(0, maxChars);
  return analyzer === "topic" ? analyzeForTopic(text, segmenter) : analyzeForSentiment(text, segmenter);
}

function analyzeForTopic(text: string, segmenter: Segmenter): AnalyzedText {
  const normalized = foldDigits(normalizeText(text));
  return { words: segmenter.words(normalized), chars: codesWhere(normalized, isWordChar) };
}

const LEXICON_TOKEN = { negative: "§lexicon-negative", neutral: "§lexicon-neutral", positive: "§lexicon-positive" } as const;

const EMOTICON = /\[[^[\]\s]{1,8}\]/g;
const MENTION = /\/\/@[^:：\s]{1,30}[:：]|@[\p{L}\p{N}_-]{1,30}/gu;
const LINK = /https?:\/\/\S+/g;

function analyzeForSentiment(text: string, segmenter: Segmenter): AnalyzedText {
  const normalized = foldDigits(normalizeText(text).replace(LINK, " ").replace(MENTION, " "));
  const emoticons = normalized.match(EMOTICON) ?? [];
  const rest = emoticons.length ? normalized.replace(EMOTICON, " ") : normalized;
  const words = [...emoticons];
  for (const token of segmenter.cut(rest)) if (token.trim()) words.push(token);
  // The lexicon's verdict (with its negation and degree handling) as pseudo-words: prior knowledge the model
  // weighs against what the training data shows.
  const lexicon = lexiconSentiment(text);
  words.push(LEXICON_TOKEN[lexicon.label]);
  for (const hit of lexicon.hits) words.push(hit.weight < 0 ? "§lexicon-negative-term" : "§lexicon-positive-term");
  return { words, chars: codesWhere(normalized, (code) => code > 0x20) };
}

function codesWhere(text: string, keep: (code: number) => boolean): Uint16Array {
  const chars = new Uint16Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (keep(code)) chars[n++] = code;
  }
  return chars.subarray(0, n);
}

function foldDigits(text: string): string {
  return /\d/.test(text) ? text.replace(/\d+/g, "0") : text;
}
