// Regression guard on the real labelled letters (skipped when ../shared/data/real is absent): 5-fold
// cross-validated macro-F1 must stay above 0.88. The target (0.90) and the measured numbers are in docs/nlp.md.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { crossValidate } from "../../ingest/nlp/eval/evaluate";
import { readLabelledFile } from "../../ingest/nlp/eval/labelled-file";
import { hasRealData, REAL_DATA } from "../helpers/temp";

describe.skipIf(!hasRealData)("classifier on the real Teddy Cup letters", () => {
  it("5-fold cross-validated macro-F1 stays above 0.88 and beats natural's Bayes", async () => {
    const dir = path.join(REAL_DATA, "teddy-cup-2020-c");
    const a = await readLabelledFile(path.join(dir, "attachment2_full_derived_val.csv"));
    const b = await readLabelledFile(path.join(dir, "attachment2_messages_labeled_sample.csv"));
    expect(a.texts.length + b.texts.length).toBe(2287);
    const result = crossValidate({ texts: [...a.texts, ...b.texts], labels: [...a.labels, ...b.labels] }, 5);
    expect(result.report.classes).toHaveLength(7);
    expect(result.report.macroF1).toBeGreaterThan(0.88);
    expect(result.report.macroF1).toBeGreaterThan(result.baseline!.macroF1);
  }, 120_000);
});
