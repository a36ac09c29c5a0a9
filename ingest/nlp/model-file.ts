// Binary model format (versioned): a JSON header, then the typed arrays. Feature tables are stored as their
// keys in feature order and rebuilt on load, so a model of ~150,000 features and 7 classes is about 5 MB.
import type { FeatureSpace } from "./features";
import { IntTable } from "./int-table";
import type { TextClassifier } from "./text-classifier";

export const MODEL_FORMAT_VERSION = 1;
const MAGIC = "MINYI-TEXT-CLASSIFIER";

interface Header {
  magic: string;
  formatVersion: number;
  classes: string[];
  config: TextClassifier["config"];
  wordFeatures: number;
  charFeatures: number;
}

export function serializeClassifier(classifier: TextClassifier): Buffer {
  const { space, model } = classifier;
  const header: Header = {
    magic: MAGIC, formatVersion: MODEL_FORMAT_VERSION, classes: classifier.classes, config: classifier.config,
    wordFeatures: space.wordIndex.size, charFeatures: space.charIndex.size,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBytes.length);
  const arrays = [keysInOrder(space.wordIndex, 0), keysInOrder(space.charIndex, space.wordIndex.size), space.idf, model.weights, model.intercepts];
  return Buffer.concat([length, headerBytes, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

export function deserializeClassifier(data: Buffer): TextClassifier {
  const headerLength = data.readUInt32LE(0);
  const header = JSON.parse(data.subarray(4, 4 + headerLength).toString("utf8")) as Header;
  if (header.magic !== MAGIC) throw new Error("not a Minyi text-classifier model");
  if (header.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new Error(`model format ${header.formatVersion} is not supported by this version (expects ${MODEL_FORMAT_VERSION}); retrain with npm run train`);
  }
  let at = 4 + headerLength;
  const take = <T extends Int32Array | Float32Array>(Type: { new (n: number): T }, count: number): T => {
    const out = new Type(count);
    new Uint8Array(out.buffer).set(data.subarray(at, at + count * 4));
    at += count * 4;
    return out;
  };
  const size = header.wordFeatures + header.charFeatures;
  const wordIndex = tableOf(take(Int32Array, header.wordFeatures), 0);
  const charIndex = tableOf(take(Int32Array, header.charFeatures), header.wordFeatures);
  const idf = take(Float32Array, size);
  const weights = take(Float32Array, header.classes.length * size);
  const intercepts = take(Float32Array, header.classes.length);
  const space: FeatureSpace = { config: header.config.features, wordIndex, charIndex, idf, size };
  return { classes: header.classes, config: header.config, space, model: { classes: header.classes.length, features: size, weights, intercepts } };
}

function keysInOrder(table: IntTable, first: number): Int32Array {
  const keys = new Int32Array(table.size);
  table.forEach((key, feature) => {
    keys[feature - first] = key;
  });
  return keys;
}

function tableOf(keys: Int32Array, first: number): IntTable {
  const table = new IntTable(keys.length);
  keys.forEach((key, i) => table.set(key, first + i));
  return table;
}
