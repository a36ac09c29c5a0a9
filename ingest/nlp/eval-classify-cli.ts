// npm run eval:classify -- --train A.csv[,B.csv] (--test C.csv | --cv 5) [--label-col label] [--text-cols content] [--json]
import { runEvalCommand } from "./eval/cli";
import { evaluateColdStart } from "./eval/cold-start";
import { DEFAULT_CLASSIFIER } from "./text-classifier";

const usage = `usage: npm run eval:classify -- --train A.csv[,B.csv] (--test C.csv | --cv 5) [--label-col COL] [--text-cols A,B] [--seed N] [--no-baseline] [--json]
  Trains Minyi's department / topic classifier on the training files and reports accuracy, macro-F1, per-class
  precision / recall / F1, the confusion matrix, training time and throughput, beside natural's Bayes baseline.
  Label column: label, 一级分类 or 一级标签; text: content, or 留言主题 + 留言详情 (found by name).
  When the labels are first-level topics of the default catalogue, the cold-start keyword rules (no training)
  are scored on the same items too.`;

process.exitCode = await runEvalCommand({
  name: "department / topic classifier",
  usage,
  config: DEFAULT_CLASSIFIER,
  extra: (evaluated) => {
    const rules = evaluated && evaluateColdStart(evaluated);
    if (!rules) return { lines: [], json: {} };
    const round = (x: number) => Math.round(x * 10000) / 10000;
    return {
      lines: [
        "",
        `cold-start rules (catalogue keywords, no training) on the same ${rules.items} items, first-level topic: accuracy ${rules.accuracy.toFixed(4)}, macro-F1 ${rules.macroF1.toFixed(4)}; ${rules.unmatched} matched no keyword, ${rules.otherTopics} went to topics outside these labels; ${rules.itemsPerSecond} items/s`,
      ],
      json: { coldStart: { ...rules, accuracy: round(rules.accuracy), macroF1: round(rules.macroF1) } },
    };
  },
});
