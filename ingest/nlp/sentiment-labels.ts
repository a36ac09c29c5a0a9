// The three sentiment classes Minyi stores, and how labelled corpora's labels map onto them.
import type { Sentiment } from "../../db/schema";

/** SMP2020-EWECT emotions, plain 3-class names, Chinese names, and weibo_senti_100k's 0 / 1. */
const LABEL_TO_SENTIMENT: Record<string, Sentiment> = {
  angry: "negative", sad: "negative", fear: "negative", happy: "positive", neutral: "neutral", surprise: "neutral",
  negative: "negative", positive: "positive", 负面: "negative", 中性: "neutral", 正面: "positive", 0: "negative", 1: "positive",
};

export function sentimentOfLabel(label: string): Sentiment | null {
  return LABEL_TO_SENTIMENT[label.trim().toLowerCase()] ?? null;
}
