// Shared command line of eval:classify and eval:sentiment: read the files, train and test or cross-validate,
// print the report (and with --json, a JSON summary as the last line).
import { parseArgs } from "node:util";
import { UnreadableFileError } from "../../read/types";
import type { ClassifierConfig } from "../text-classifier";
import { crossValidate, trainAndTest, type EvaluationResult, type LabelledSet } from "./evaluate";
import { readLabelledFile } from "./labelled-file";

export interface EvalCommand {
  name: string;
  usage: string;
  config: ClassifierConfig;
  /** Maps a file's label to the evaluated class; null drops the row (counted in the message). */
  mapLabel?: (label: string) => string | null;
  /** Extra lines to print after the report (e.g. the lexicon's score on the same test set). */
  extra?: (test: LabelledSet | null) => { lines: string[]; json: Record<string, unknown> };
}

export async function runEvalCommand(command: EvalCommand, argv = process.argv.slice(2)): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        train: { type: "string" }, test: { type: "string" }, cv: { type: "string" }, "label-col": { type: "string" },
        "text-cols": { type: "string" }, json: { type: "boolean", default: false }, seed: { type: "string" },
        "no-baseline": { type: "boolean", default: false }, help: { type: "boolean", default: false },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${command.usage}`);
    return 2;
  }
  if (values.help) {
    console.log(command.usage);
    return 0;
  }
  if (!values.train || (!values.test && !values.cv) || (values.test && values.cv)) {
    console.error(`give --train and exactly one of --test or --cv\n${command.usage}`);
    return 2;
  }
  const fileOptions = { labelColumn: values["label-col"], textColumns: values["text-cols"]?.split(",").map((s) => s.trim()) };
  const log = (line: string) => (values.json ? console.error(line) : console.log(line));
  try {
    const train = await readSets(values.train.split(","), fileOptions, command.mapLabel, log);
    const test = values.test ? await readSets(values.test.split(","), fileOptions, command.mapLabel, log) : null;
    const options = { config: command.config, baseline: !values["no-baseline"], seed: values.seed ? Number(values.seed) : undefined };
    const result = test ? trainAndTest(train, test, options) : crossValidate(train, Number(values.cv), options);
    const extra = command.extra?.(test ?? train);
    for (const line of formatReport(command.name, result)) log(line);
    for (const line of extra?.lines ?? []) log(line);
    if (values.json) console.log(JSON.stringify(jsonSummary(result, extra?.json)));
    return 0;
  } catch (e) {
    if (e instanceof UnreadableFileError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

async function readSets(files: string[], options: Parameters<typeof readLabelledFile>[1], mapLabel: EvalCommand["mapLabel"], log: (l: string) => void): Promise<LabelledSet> {
  const set: LabelledSet = { texts: [], labels: [] };
  for (const file of files) {
    const data = await readLabelledFile(file, options);
    let dropped = 0;
    data.texts.forEach((text, i) => {
      const label = mapLabel ? mapLabel(data.labels[i]) : data.labels[i];
      if (label === null) dropped++;
      else {
        set.texts.push(text);
        set.labels.push(label);
      }
    });
    const skipped = data.skipped.length ? `, ${data.skipped.length} skipped (first: line ${data.skipped[0].line}, ${data.skipped[0].reason})` : "";
    log(`${file}: ${data.texts.length - dropped} items${skipped}${dropped ? `, ${dropped} with an unknown label dropped` : ""}`);
  }
  return set;
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5);

export function formatReport(name: string, r: EvaluationResult): string[] {
  const lines = [
    `${name}: ${r.folds ? `${r.folds}-fold cross-validation over ${r.testItems} items` : `trained on ${r.trainItems}, tested on ${r.testItems}`}`,
    `accuracy ${r.report.accuracy.toFixed(4)}   macro-F1 ${r.report.macroF1.toFixed(4)}`,
    `training ${r.trainSeconds.toFixed(2)} s per model (${r.trainItems} items, segmentation included); classification ${Math.round(r.itemsPerSecond)} items/s (segmentation included, one core)`,
  ];
  if (r.baseline) {
    lines.push(`baseline ${r.baseline.name}: accuracy ${r.baseline.accuracy.toFixed(4)}, macro-F1 ${r.baseline.macroF1.toFixed(4)} (Minyi ${r.report.macroF1 >= r.baseline.macroF1 ? "+" : ""}${((r.report.macroF1 - r.baseline.macroF1) * 100).toFixed(1)} points)`);
  }
  lines.push(`accuracy by confidence: ${r.calibration.map((b) => `${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.items} items, ${pct(b.accuracy).trim()} %`).join("; ")}`);
  const width = Math.max(...r.report.classes.map(displayWidth), 8);
  lines.push("", `${"class".padEnd(width)}  prec.  recall    F1  support`);
  for (const c of r.report.classes) {
    const s = r.report.perClass[c];
    lines.push(`${c.padEnd(width - displayWidth(c) + c.length)}  ${pct(s.precision)}  ${pct(s.recall)}  ${pct(s.f1)}  ${String(s.support).padStart(7)}`);
  }
  lines.push("", "confusion matrix (rows: true class, columns: predicted, same order)");
  r.report.confusion.forEach((row, i) => lines.push(`${String(i + 1).padStart(2)} ${row.map((n) => String(n).padStart(5)).join("")}  ${r.report.classes[i]}`));
  return lines;
}

/** Terminal columns: CJK characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return width;
}

function jsonSummary(r: EvaluationResult, extra: Record<string, unknown> = {}) {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const perClass = Object.fromEntries(Object.entries(r.report.perClass).map(([c, s]) => [c, { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), support: s.support }]));
  return {
    accuracy: round(r.report.accuracy), macroF1: round(r.report.macroF1), trainSeconds: round(r.trainSeconds),
    itemsPerSecond: Math.round(r.itemsPerSecond), perClass, folds: r.folds, trainItems: r.trainItems, testItems: r.testItems,
    confusion: r.report.confusion, classes: r.report.classes, calibration: r.calibration.map((b) => ({ ...b, accuracy: round(b.accuracy) })),
    baseline: r.baseline && { name: r.baseline.name, accuracy: round(r.baseline.accuracy), macroF1: round(r.baseline.macroF1), trainSeconds: round(r.baseline.trainSeconds) },
    ...extra,
  };
}
