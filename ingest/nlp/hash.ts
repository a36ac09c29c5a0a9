// 32-bit FNV-1a over UTF-16 code units. Features are keyed by hash, so character n-grams never become strings
// on the hot path; a namespace seed keeps words, word pairs and character n-grams apart.

export const FNV_PRIME = 16777619;

export function hashString(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Hash of code units [start, end) of `codes`. */
export function hashCodes(codes: Uint16Array | number[], start: number, end: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = start; i < end; i++) {
    h ^= codes[i];
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** Combines two hashes (for word pairs). */
export function hashPair(a: number, b: number, seed: number): number {
  let h = seed >>> 0;
  h = Math.imul(h ^ a, FNV_PRIME);
  h = Math.imul(h ^ (a >>> 16), FNV_PRIME);
  h = Math.imul(h ^ b, FNV_PRIME);
  h = Math.imul(h ^ (b >>> 16), FNV_PRIME);
  return h >>> 0;
}
