// Streams a text file as decoded string chunks, detecting the encoding from the first bytes.
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
}

const SAMPLE_BYTES = 64 * 1024;

export async function openTextStream(file: string, forcedEncoding?: TextEncodingName): Promise<TextStream> {
  const stat = await statReadableFile(file);
  const handle = await fs.promises.open(file, "r");
  const sample = Buffer.alloc(Math.min(SAMPLE_BYTES, stat.size));
  await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const detected = detectEncoding(sample);
  const encoding = forcedEncoding ?? detected.encoding;
  const bomLength = forcedEncoding && forcedEncoding !== detected.encoding ? 0 : detected.bomLength;

  let consumed = 0;
  const hash = createHash("sha256");
  let digest: string | undefined;
  async function* chunks(): AsyncGenerator<string> {
    // fatal: a byte sequence that is not valid in the detected encoding is reported, never replaced silently.
    const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    let offset = 0;
    for await (const buf of stream as AsyncIterable<Buffer>) {
      hash.update(buf);
      const body = offset === 0 && bomLength ? buf.subarray(bomLength) : buf;
      let text: string;
      try {
        text = decoder.decode(body, { stream: true });
      } catch {
        throw new UnreadableFileError(
          file,
          `bytes near offset ${offset} are not valid ${encoding}; the file mixes encodings or is not text. Convert it to UTF-8 and import again`,
        );
      }
      offset += buf.length;
      consumed = offset;
      if (text) yield text;
    }
    const tail = decoder.decode();
    digest = hash.digest("hex");
    if (tail) yield tail;
  }
  return { encoding, totalBytes: stat.size, bytesRead: () => consumed, chunks: chunks(), sha256: () => digest };
}
