// How well the no-training sentiment lexicon (ingest/nlp/sentiment-lexicon.ts) does on real labelled public data.
// Reads the files in place (never copied into the repo; no test depends on them) and prints JSON.
//
//   npx tsx tests/bench/sentiment-lexicon-eval.ts            development sets: SMP2020-EWECT usual_eval + usual_test,
//                                                            weibo_senti_100k subset
//   npx tsx tests/bench/sentiment-lexicon-eval.ts --virus    also SMP2020-EWECT virus_eval (COVID-19): reporting
//                                                            only, never used to tune the lexicon
//   npx tsx tests/bench/sentiment-lexicon-eval.ts --errors usual_eval [N]   N misread development items, to read
//
// SMP2020-EWECT labels: angry / sad / fear → negative, happy → positive, neutral / surprise → neutral; scored on
// the three classes (accuracy, macro-F1, per-class precision / recall / F1, confusion). weibo_senti_100k is binary
// (0 negative, 1 positive): a neutral prediction counts as wrong; also reported are the share of items given a
// polarity (coverage) and the accuracy on those, and macro-F1 over the two classes.
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { lexiconSentiment } from "../../ingest/nlp/sentiment-lexicon";

const DATA = process.env.MINYI_REAL_DATA ?? "/work/shared/data/real";
const CLASSES = ["negative", "neutral", "positive"] as const;
const SMP_LABELS: Record<string, string> = { angry: "negative", sad: "negative", fear: "negative", happy: "positive", neutral: "neutral", surprise: "neutral" };

interface Dataset {
  name: string;
  file: string;
  binary: boolean;
  development: boolean;
  read: (rows: Record<string, string>[]) => { texts: string[]; labels: string[] };
}

const smp = (rows: Record<string, string>[]) => {
  const texts: string[] = [];
  const labels: string[] = [];
  for (const row of rows) {
    const label = SMP_LABELS[(row.label ?? "").trim()];
    const text = (row.content ?? "").trim();
    if (label && text) {
      texts.push(text);
      labels.push(label);
    }
  }
  return { texts, labels };
};

const DATASETS: Dataset[] = [
  { name: "usual_eval", file: "smp2020-ewect/usual_eval_labeled.csv", binary: false, development: true, read: smp },
  { name: "usual_test", file: "smp2020-ewect/usual_test_labeled.csv", binary: false, development: true, read: smp },
  {
    name: "weibo_senti_100k_subset",
    file: "weibo-senti-100k-subset/weibo_senti_100k_subset.csv",
    binary: true,
    development: true,
    read: (rows) => {
      const texts: string[] = [];
      const labels: string[] = [];
      for (const row of rows) {
        const text = (row.review ?? "").replace(/^\uFEFF/, "").trim();
        const label = row.label === "1" ? "positive" : row.label === "0" ? "negative" : "";
        if (label && text) {
          texts.push(text);
          labels.push(label);
        }
      }
      return { texts, labels };
    },
  },
  { name: "virus_eval", file: "smp2020-ewect/virus_eval_labeled.csv", binary: false, development: false, read: smp },
];

function load(d: Dataset) {
  const rows = parse(fs.readFileSync(path.join(DATA, d.file), "utf8"), { columns: true, bom: true, relax_quotes: true }) as Record<string, string>[];
  return d.read(rows);
}

function scores(truth: string[], predicted: string[], classes: readonly string[]) {
  const perClass: Record<string, { precision: number; recall: number; f1: number; support: number }> = {};
  const confusion: Record<string, Record<string, number>> = {};
  for (const t of CLASSES) confusion[t] = Object.fromEntries(CLASSES.map((p) => [p, 0]));
  truth.forEach((t, i) => confusion[t][predicted[i]]++);
  let f1Sum = 0;
  for (const c of classes) {
    const tp = confusion[c][c];
    const support = CLASSES.reduce((a, p) => a + confusion[c][p], 0);
    const predictedC = CLASSES.reduce((a, t) => a + confusion[t][c], 0);
    const precision = predictedC ? tp / predictedC : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision: r4(precision), recall: r4(recall), f1: r4(f1), support };
    f1Sum += f1;
  }
  const correct = truth.filter((t, i) => t === predicted[i]).length;
  return { accuracy: r4(correct / truth.length), macroF1: r4(f1Sum / classes.length), perClass, confusion };
}

const r4 = (x: number) => Math.round(x * 10000) / 10000;

function evaluate(d: Dataset) {
  const { texts, labels } = load(d);
  const t0 = performance.now();
  const predicted = texts.map((text) => lexiconSentiment(text).label);
  const seconds = (performance.now() - t0) / 1000;
  const result: Record<string, unknown> = { items: texts.length };
  if (d.binary) {
    const s = scores(labels, predicted, ["negative", "positive"]);
    const covered = predicted.map((p, i) => (p === "neutral" ? -1 : i)).filter((i) => i >= 0);
    Object.assign(result, {
      accuracy: s.accuracy,
      macroF1TwoClasses: s.macroF1,
      coverage: r4(covered.length / texts.length),
      accuracyWhereNotNeutral: r4(covered.filter((i) => predicted[i] === labels[i]).length / Math.max(1, covered.length)),
      perClass: s.perClass,
      confusion: s.confusion,
    });
  } else {
    Object.assign(result, scores(labels, predicted, CLASSES));
  }
  result.itemsPerSecond = Math.round(texts.length / seconds);
  return result;
}

const args = process.argv.slice(2);
const errorsAt = args.indexOf("--errors");
if (errorsAt >= 0) {
  const d = DATASETS.find((x) => x.name === args[errorsAt + 1]);
  if (!d || !d.development) {
    console.error(`--errors takes a development set: ${DATASETS.filter((x) => x.development).map((x) => x.name).join(", ")}`);
    process.exit(2);
  }
  const limit = Number(args[errorsAt + 2] ?? 50);
  const { texts, labels } = load(d);
  let shown = 0;
  for (let i = 0; i < texts.length && shown < limit; i++) {
    const r = lexiconSentiment(texts[i]);
    if (r.label === labels[i]) continue;
    shown++;
    console.log(`${labels[i]} → ${r.label}\t${r.hits.map((h) => `${h.term}:${h.weight}`).join(" ")}\t${texts[i].slice(0, 160).replace(/\s+/g, " ")}`);
  }
} else {
  const out: Record<string, unknown> = {};
  for (const d of DATASETS) if (d.development || args.includes("--virus")) out[d.name] = evaluate(d);
  console.log(JSON.stringify(out, null, 2));
}
