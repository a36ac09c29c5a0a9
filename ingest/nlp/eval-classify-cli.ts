// npm run eval:classify -- --train A.csv[,B.csv] (--test C.csv | --cv 5) [--label-col label] [--text-cols content] [--json]
import { runEvalCommand } from "./eval/cli";
import { DEFAULT_CLASSIFIER } from "./text-classifier";

const usage = `usage: npm run eval:classify -- --train A.csv[,B.csv] (--test C.csv | --cv 5) [--label-col COL] [--text-cols A,B] [--seed N] [--no-baseline] [--json]
  Trains Minyi's department / topic classifier on the training files and reports accuracy, macro-F1, per-class
  precision / recall / F1, the confusion matrix, training time and throughput, beside natural's Bayes baseline.
  Label column: label, 一级分类 or 一级标签; text: content, or 留言主题 + 留言详情 (found by name).`;

process.exitCode = await runEvalCommand({ name: "department / topic classifier", usage, config: DEFAULT_CLASSIFIER });
