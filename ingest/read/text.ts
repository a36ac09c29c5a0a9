// Streams a text file as decoded string chunks, detecting the encoding from the first bytes.
//
// Bytes that are not valid in the file's encoding are never replaced silently. Line-based readers (CSV, JSON
// Lines) ask for `recoverInvalidLines`: the file is then decoded a line at a time wherever it has invalid bytes,
// and each such line comes out with U+FFFD for the bad bytes behind INVALID_LINE_MARK, so that the reader
// rejects just that row and every valid line is still read (a UTF-8 export with a few rows pasted in from
// a GBK file). Otherwise (JSON documents, UTF-16) invalid bytes stop the file with their offset and line.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { detectEncoding, type TextEncodingName } from "./encoding";
import { statReadableFile, UnreadableFileError } from "./types";

export interface TextStream {
  encoding: TextEncodingName;
  totalBytes: number;
  bytesRead(): number;
  chunks: AsyncIterable<string>;
  /** SHA-256 of the whole file, once every chunk has been read (saves a second pass over large files). */
  sha256(): string | undefined;
  /** Lines with bytes not valid in `encoding` seen so far (each marked with INVALID_LINE_MARK); 0 without recovery. */
  invalidLines(): number;
}

export interface TextStreamOptions {
  /** Decode line by line where bytes are invalid, marking those lines, instead of stopping (UTF-8 and GB18030). */
  recoverInvalidLines?: boolean;
}

/**
 * Put at the start of a line whose bytes are not valid in the file's encoding (U+FFFF, a noncharacter that text
 * exports do not contain). Readers strip it and reject the row holding it.
 */
export const INVALID_LINE_MARK = "\uFFFF";

const SAMPLE_BYTES = 64 * 1024;
/** In line mode a line must end within this many bytes (a CSV field may hold line breaks, so lines stay short). */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;

/** Ends (exclusive) of the physical lines of `block`: after each LF or CR, and the end of the block. */
function* lineEnds(block: Buffer): Generator<number> {
  // Each search runs once over the block (searching CR afresh for every LF line would be quadratic).
  let lf = block.indexOf(LF);
  let cr = block.indexOf(CR);
  let start = 0;
  while (start < block.length) {
    if (lf !== -1 && lf < start) lf = block.indexOf(LF, start);
    if (cr !== -1 && cr < start) cr = block.indexOf(CR, start);
    const first = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    start = first === -1 ? block.length : first + 1;
    yield start;
  }
}

export async function openTextStream(file: string, forcedEncoding?: TextEncodingName, options: TextStreamOptions = {}): Promise<TextStream> {
  const stat = await statReadableFile(file);
  const handle = await fs.promises.open(file, "r");
  const sample = Buffer.alloc(Math.min(SAMPLE_BYTES, stat.size));
  await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const detected = detectEncoding(sample);
  const encoding = forcedEncoding ?? detected.encoding;
  if (options.recoverInvalidLines && !encoding.startsWith("utf-16")) {
    // A stray NUL is removed from its row with a warning; a file full of them is not text at all (a renamed .xls, a zip …).
    let nuls = 0;
    for (let i = sample.indexOf(0); i !== -1; i = sample.indexOf(0, i + 1)) nuls++;
    if (nuls > Math.max(16, sample.length / 100)) {
      throw new UnreadableFileError(file, `this is not a text file (${nuls} NUL bytes in its first ${sample.length} bytes): is it a spreadsheet or archive with the wrong extension? Save it as CSV (UTF-8) and import again`);
    }
  }
  const bomLength = forcedEncoding && forcedEncoding !== detected.encoding ? 0 : detected.bomLength;
  // In UTF-8 and GB18030 the bytes 0x0A and 0x0D are always line breaks, never part of a character, so lines can be
  // decoded alone.
  const byLine = options.recoverInvalidLines === true && (encoding === "utf-8" || encoding === "gb18030");

  let consumed = 0;
  let invalid = 0;
  const hash = createHash("sha256");
  let digest: string | undefined;

  const strict = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const lenient = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  /** Whole lines (the block ends with LF, or is the end of the file): fast path for the block, line by line if needed. */
  function decodeLines(block: Buffer): string {
    try {
      return strict.decode(block);
    } catch {
      let out = "";
      let start = 0;
      for (const end of lineEnds(block)) {
        const line = block.subarray(start, end);
        try {
          out += strict.decode(line);
        } catch {
          invalid++;
          out += INVALID_LINE_MARK + lenient.decode(line);
        }
        start = end;
      }
      return out;
    }
  }

  async function* chunksByLine(): AsyncGenerator<string> {
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    // Bytes after the last line feed, waiting for the rest of their line.
    let carry: Buffer[] = [];
    let carryBytes = 0;
    let offset = 0;
    for await (const buf of stream as AsyncIterable<Buffer>) {
      hash.update(buf);
      const body = offset === 0 && bomLength ? buf.subarray(bomLength) : buf;
      offset += buf.length;
      consumed = offset;
      // Cut after the last line break (LF, or CR for files with old Mac line ends), so no character is split.
      const lastLf = Math.max(body.lastIndexOf(LF), body.lastIndexOf(CR));
      if (lastLf === -1) {
        carry.push(body);
        carryBytes += body.length;
        if (carryBytes > MAX_LINE_BYTES) {
          throw new UnreadableFileError(file, `a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB ends after byte ${offset}: this is not a line-based text file`);
        }
        continue;
      }
      const head = body.subarray(0, lastLf + 1);
      const block = carryBytes ? Buffer.concat([...carry, head]) : head;
      carry = lastLf + 1 < body.length ? [body.subarray(lastLf + 1)] : [];
      carryBytes = carry.length ? carry[0].length : 0;
      const text = decodeLines(block);
      if (text) yield text;
    }
    digest = hash.digest("hex");
    if (carryBytes) {
      const text = decodeLines(Buffer.concat(carry));
      if (text) yield text;
    }
  }

  async function* chunksStreaming(): AsyncGenerator<string> {
    // fatal: a byte sequence that is not valid in the detected encoding is reported, never replaced silently.
    const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    let offset = 0;
    for await (const buf of stream as AsyncIterable<Buffer>) {
      hash.update(buf);
      const skip = offset === 0 && bomLength ? bomLength : 0;
      const body = skip ? buf.subarray(skip) : buf;
      let text: string;
      try {
        text = decoder.decode(body, { stream: true });
      } catch {
        throw await invalidBytesError(file, encoding, offset + skip + firstInvalidByte(encoding, body));
      }
      offset += buf.length;
      consumed = offset;
      if (text) yield text;
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw await invalidBytesError(file, encoding, Math.max(0, offset - 1));
    }
    digest = hash.digest("hex");
    if (tail) yield tail;
  }

  return {
    encoding,
    totalBytes: stat.size,
    bytesRead: () => consumed,
    chunks: byLine ? chunksByLine() : chunksStreaming(),
    sha256: () => digest,
    invalidLines: () => invalid,
  };
}

/** Position in `bytes` where the first undecodable sequence starts (bytes held over from a previous chunk aside). */
function firstInvalidByte(encoding: TextEncodingName, bytes: Uint8Array): number {
  // A prefix that is valid stays valid when cut shorter, so bisect on "this prefix decodes (as a stream)".
  let low = 0;
  let high = bytes.length;
  while (high - low > 1) {
    const middle = (low + high) >>> 1;
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle;
    }
  }
  // `low` bytes are a valid start, perhaps ending inside a character: the bad sequence begins where that character does.
  for (let start = low; start >= Math.max(0, low - 4); start--) {
    try {
      new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, start));
      return start;
    } catch {
      // still inside the character
    }
  }
  return low;
}

/** The message for bytes that cannot be decoded, with the line they are on (counted by line feeds before them). */
async function invalidBytesError(file: string, encoding: TextEncodingName, offset: number): Promise<UnreadableFileError> {
  let line = 1;
  if (encoding === "utf-8" || encoding === "gb18030") {
    let seen = 0;
    for await (const buf of fs.createReadStream(file, { end: Math.max(0, offset - 1), highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
      for (let i = buf.indexOf(LF); i !== -1; i = buf.indexOf(LF, i + 1)) line++;
      seen += buf.length;
    }
    if (offset === 0 || seen === 0) line = 1;
  }
  const where = encoding === "utf-8" || encoding === "gb18030" ? `line ${line} (byte offset ${offset})` : `byte offset ${offset}`;
  return new UnreadableFileError(
    file,
    `${where}: bytes that are not valid ${encoding}; the file mixes encodings or is not text. Convert it to UTF-8 and import again`,
  );
}
