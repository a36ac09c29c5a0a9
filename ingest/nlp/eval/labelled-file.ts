// Reads a labelled text file (CSV / XLSX / JSON / JSONL) for training and evaluation: one label column and one
// or more text columns, found by name. Knows the real layouts: `label` + `content` (Teddy Cup derived split,
// SMP2020-EWECT) and `一级分类` + `留言主题` + `留言详情` (Teddy Cup 附件2).
import { openRecords } from "../../read";
import { UnreadableFileError } from "../../read/types";

export interface LabelledTexts {
  texts: string[];
  labels: string[];
  /** Rows with an empty label or text, skipped (with their lines, for the message). */
  skipped: { line: number; reason: string }[];
}

export interface LabelledFileOptions {
  labelColumn?: string;
  textColumns?: string[];
}

const LABEL_COLUMNS = ["label", "一级分类", "一级标签", "标签"];
const TEXT_COLUMN_SETS = [["content"], ["留言主题", "留言详情"], ["text"], ["标题", "来信内容"], ["诉求内容"]];

export async function readLabelledFile(file: string, options: LabelledFileOptions = {}): Promise<LabelledTexts> {
  const source = await openRecords(file);
  const headers = source.headers;
  const labelColumn = options.labelColumn ?? LABEL_COLUMNS.find((c) => headers.includes(c));
  if (!labelColumn || !headers.includes(labelColumn)) {
    throw new UnreadableFileError(file, `no label column: looked for ${options.labelColumn ?? LABEL_COLUMNS.join(", ")} in the header (${headers.join(", ")}); use --label-col`);
  }
  const textColumns = options.textColumns ?? TEXT_COLUMN_SETS.find((set) => set.every((c) => headers.includes(c)));
  const missing = (textColumns ?? []).filter((c) => !headers.includes(c));
  if (!textColumns || missing.length > 0) {
    throw new UnreadableFileError(file, `no text column${missing.length ? `: ${missing.join(", ")} not in the header` : ""} (header: ${headers.join(", ")}); use --text-cols`);
  }
  const result: LabelledTexts = { texts: [], labels: [], skipped: [] };
  for await (const batch of source.batches) {
    for (const record of batch) {
      const label = (record.values[labelColumn] ?? "").trim();
      const text = textColumns.map((c) => record.values[c] ?? "").join("\n").trim();
      if (!label) result.skipped.push({ line: record.line, reason: `empty ${labelColumn}` });
      else if (!text) result.skipped.push({ line: record.line, reason: `empty ${textColumns.join(" + ")}` });
      else {
        result.texts.push(text);
        result.labels.push(label);
      }
    }
  }
  return result;
}
