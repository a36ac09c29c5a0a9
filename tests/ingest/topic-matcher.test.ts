import { describe, expect, it } from "vitest";
import { TopicMatcher } from "../../ingest/topic-matcher";

const matcher = new TopicMatcher([
  { id: 1, name: "城乡建设", parentId: null },
  { id: 2, name: "物业管理", parentId: 1 },
  { id: 3, name: "环境保护", parentId: null },
  { id: 4, name: "其他", parentId: 1 },
  { id: 5, name: "其他", parentId: 3 },
]);

describe("TopicMatcher", () => {
  it("matches paths, first-level names and unique second-level names", () => {
    expect(matcher.match("城乡建设/物业管理")).toBe(2);
    expect(matcher.match("城乡建设 ／ 物业管理")).toBe(2);
    expect(matcher.match("城乡建设")).toBe(1);
    expect(matcher.match("物业管理")).toBe(2);
    expect(matcher.match("环境保护/其他")).toBe(5);
  });

  it("leaves unknown and ambiguous names unmatched", () => {
    expect(matcher.match("其他")).toBeNull();
    expect(matcher.match("Noise - Residential/Loud Music")).toBeNull();
    expect(matcher.match("")).toBeNull();
    expect(matcher.match(null)).toBeNull();
  });
});
