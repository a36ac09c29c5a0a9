// The cold-start score eval:classify prints beside the trained model: keyword rules from the default catalogue.
import { describe, expect, it } from "vitest";
import { evaluateColdStart } from "../../ingest/nlp/eval/cold-start";

describe("cold-start rules evaluation", () => {
  it("scores the rules' first-level topic against the labels and counts misses", () => {
    const result = evaluateColdStart({
      texts: ["小区物业乱收停车费，业委会也不管", "工厂夜里排放废气，附近异味很重", "公交线路班次太少，站点离得远", "今天天气不错"],
      labels: ["城乡建设", "环境保护", "交通运输", "交通运输"],
    });
    expect(result).not.toBeNull();
    expect(result!.items).toBe(4);
    expect(result!.accuracy).toBeCloseTo(0.75, 5);
    expect(result!.unmatched).toBe(1);
    expect(result!.otherTopics).toBe(0);
  });

  it("does not apply when the labels are not catalogue topics", () => {
    expect(evaluateColdStart({ texts: ["a", "b"], labels: ["positive", "negative"] })).toBeNull();
  });
});
