// Substring search through an index: each item's title, body and external id as overlapping two-character
// grams, every gram prefixed with the item's Shanghai receipt month (202610噪音). A query of one run of letters
// and digits becomes a phrase of its grams, so the index finds exactly the items whose text holds the query as a
// substring (what LIKE '%…%' finds), and the month prefix keeps a month's search to that month's postings.
//
// Why grams and not words: a citizen searching 噪音 means the two characters wherever they stand, and the word
// index (jieba, item_search) only knows the words it cut. Why the month: the list is nearly always a period's,
// and without it a common gram's postings over all of history are what a search would read.
//
// The FTS5 table uses the `ascii` tokenizer: it splits only on ASCII spaces and punctuation and folds only ASCII
// case, the same case rule as LIKE, so a gram of any other characters is one token exactly as written here.
import { shanghaiMonthOf } from "../time";

/** One run of letters and digits: the characters a gram may contain. */
const ONE_RUN = /^[\p{L}\p{N}]+$/u;

/** The month key of a receipt instant: "202610". */
export const gramMonthOf = (receivedAt: number) => shanghaiMonthOf(receivedAt).replace("-", "");

/**
 * The index document of one item: per run, its grams in order, then the run's last character alone (so a
 * one-character query, a prefix search, also finds a character that ends a run). Runs never join across the
 * fields or across punctuation, so a phrase cannot match across them.
 */
export function gramsDocument(month: string, texts: (string | null | undefined)[]): string {
  const out: string[] = [];
  for (const text of texts) {
    if (!text) continue;
    // One pass over the code points (a regex over runs and Array.from cost three times as much on long texts).
    let prev = "";
    for (const ch of text) {
      if (isWordChar(ch)) {
        if (prev) out.push(month + prev + ch);
        prev = ch;
      } else if (prev) {
        out.push(month + prev);
        prev = "";
      }
    }
    if (prev) out.push(month + prev);
  }
  return out.join(" ");
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** A letter or digit (as in ONE_RUN), with the common ranges checked without a regex. */
function isWordChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  return WORD_CHAR.test(ch);
}

/** True when the index can answer the query exactly: one run of letters and digits. */
export const gramSearchable = (query: string) => ONE_RUN.test(query);

/** The FTS5 MATCH expression for a query over the given months (a gramSearchable query, at least one month). */
export function gramsMatch(query: string, months: string[]): string {
  const chars = Array.from(query);
  const phrase = (month: string) =>
    chars.length === 1 ? `"${month}${chars[0]}"*` : `"${chars.slice(0, -1).map((c, i) => month + c + chars[i + 1]).join(" ")}"`;
  return months.map(phrase).join(" OR ");
}

/** The month keys from the month of `start` to that of `end` (inclusive), as epoch ms. */
export function gramMonthsBetween(start: number, end: number): string[] {
  const out: string[] = [];
  let [y, m] = shanghaiMonthOf(start).split("-").map(Number);
  const [ey, em] = shanghaiMonthOf(end).split("-").map(Number);
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}${String(m).padStart(2, "0")}`);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}
