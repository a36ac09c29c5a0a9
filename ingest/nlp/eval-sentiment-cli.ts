// npm run eval:sentiment -- --train A.csv[,B.csv] (--test C.csv | --cv 5) [--json]
// Labels angry / sad / fear → negative, happy → positive, neutral / surprise → neutral. Also prints the score of
// the default lexicon (no training data) on the same test items.
import { runEvalCommand } from "./eval/cli";
import { classificationReport } from "./eval/metrics";
import { sentimentOfLabel } from "./sentiment-labels";
import { lexiconSentiment } from "./sentiment-lexicon";
import { DEFAULT_SENTIMENT_CLASSIFIER } from "./sentiment-model";

const usage = `usage: npm run eval:sentiment -- --train A.csv[,B.csv] (--test C.csv | --cv 5) [--label-col COL] [--text-cols A] [--seed N] [--no-baseline] [--json]
  Trains the 3-class sentiment model (negative / neutral / positive) and reports accuracy, macro-F1, per-class
  scores, the confusion matrix, training time and throughput; also the no-training lexicon on the same items.`;

process.exitCode = await runEvalCommand({
  name: "sentiment model",
  usage,
  config: DEFAULT_SENTIMENT_CLASSIFIER,
  mapLabel: sentimentOfLabel,
  extra: (test) => {
    if (!test) return { lines: [], json: {} };
    const t = performance.now();
    const predicted = test.texts.map((text) => lexiconSentiment(text).label);
    const seconds = (performance.now() - t) / 1000;
    const r = classificationReport(test.labels, predicted, ["negative", "neutral", "positive"]);
    return {
      lines: ["", `lexicon (default with no labelled data) on the same items: accuracy ${r.accuracy.toFixed(4)}, macro-F1 ${r.macroF1.toFixed(4)}, ${Math.round(test.texts.length / seconds)} items/s`],
      json: { lexicon: { accuracy: Math.round(r.accuracy * 10000) / 10000, macroF1: Math.round(r.macroF1 * 10000) / 10000 } },
    };
  },
});
