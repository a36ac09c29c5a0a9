// Detects a text file's encoding from its first bytes: BOMs first, then UTF-16 without BOM, UTF-8, else GB18030.

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** Bytes to skip at the start (the BOM). */
  bomLength: number;
}

export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  const utf16 = guessUtf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  if (isValidUtf8Prefix(sample) || isMostlyUtf8(sample)) return { encoding: "utf-8", bomLength: 0 };
  // GB18030 is a superset of GBK and GB2312, so it decodes all three.
  return { encoding: "gb18030", bomLength: 0 };
}

function isValidUtf8Prefix(sample: Uint8Array): boolean {
  try {
    // stream: true tolerates a multi-byte character cut at the end of the sample.
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * A UTF-8 export with a few lines from another encoding pasted in: most lines with non-ASCII bytes are valid
 * UTF-8 (in GBK text almost none are), so it is read as UTF-8 and only the other lines are rejected.
 */
function isMostlyUtf8(sample: Uint8Array): boolean {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let valid = 0;
  let invalid = 0;
  for (let start = 0; start < sample.length; ) {
    const lf = sample.indexOf(0x0a, start);
    // The last line may be cut by the end of the sample: judge it only as a prefix.
    const end = lf === -1 ? sample.length : lf + 1;
    const line = sample.subarray(start, end);
    start = end;
    if (!line.some((b) => b >= 0x80)) continue;
    try {
      decoder.decode(line, { stream: lf === -1 });
      valid++;
    } catch {
      invalid++;
    }
  }
  return valid > invalid;
}

/** ASCII-heavy UTF-16 text has a NUL in every other byte. */
function guessUtf16WithoutBom(sample: Uint8Array): TextEncodingName | null {
  const n = Math.min(sample.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}
