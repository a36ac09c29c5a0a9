import { describe, expect, it } from "vitest";
import { analyzeText } from "../../ingest/nlp/analyze";
import { deserializeClassifier, serializeClassifier } from "../../ingest/nlp/model-file";
import { DEFAULT_SENTIMENT_CLASSIFIER } from "../../ingest/nlp/sentiment-model";
import { predict, predictAndExplain, trainClassifier } from "../../ingest/nlp/text-classifier";

// Hand-written letters: several phrasings per class so the model has to generalise, not memorise.
const LETTERS: [string, string][] = [
  ["小区物业乱收停车费，物业公司不作为", "城乡建设"], ["开发商延期交房，房产证迟迟办不下来", "城乡建设"],
  ["老旧小区改造工程施工质量差", "城乡建设"], ["小区电梯经常故障，物业不维修", "城乡建设"],
  ["楼下工地夜间施工噪音扰民", "城乡建设"], ["安置房拆迁补偿款一直没有到位", "城乡建设"],
  ["公司拖欠工资三个月，劳动监察不处理", "劳动和社会保障"], ["单位不给缴纳社保，养老保险断缴", "劳动和社会保障"],
  ["退休人员养老金调整政策咨询", "劳动和社会保障"], ["农民工工资被包工头拖欠", "劳动和社会保障"],
  ["失业保险金如何申领", "劳动和社会保障"], ["公司辞退员工不签劳动合同", "劳动和社会保障"],
  ["学校强制学生补课并收取费用", "教育文体"], ["幼儿园学位紧张，孩子无法入学", "教育文体"],
  ["小学划片入学政策不合理", "教育文体"], ["培训机构退费难，老师跑路", "教育文体"],
  ["中学教师体罚学生", "教育文体"], ["初中学校食堂饭菜质量差", "教育文体"],
];
const texts = LETTERS.map(([t]) => analyzeText(t));
const labels = LETTERS.map(([, l]) => l);

describe("text classifier", () => {
  const classifier = trainClassifier(texts, labels);

  it("routes unseen letters by their words", () => {
    expect(predict(classifier, analyzeText("物业公司乱收费，小区停车位不够")).label).toBe("城乡建设");
    expect(predict(classifier, analyzeText("老板拖欠我们的工资不发")).label).toBe("劳动和社会保障");
    expect(predict(classifier, analyzeText("孩子上小学的入学问题")).label).toBe("教育文体");
  });

  it("gives a confidence in (0, 1] and the terms behind the decision", () => {
    const p = predictAndExplain(classifier, analyzeText("公司拖欠工资，社保也不交"));
    expect(p.label).toBe("劳动和社会保障");
    expect(p.confidence).toBeGreaterThan(1 / 3);
    expect(p.confidence).toBeLessThanOrEqual(1);
    expect(p.terms.length).toBeGreaterThan(0);
    expect(p.terms.map(([t]) => t).join(" ")).toMatch(/工资|社保|拖欠/);
  });

  it("round-trips through the model file format with identical scores", () => {
    const restored = deserializeClassifier(serializeClassifier(classifier));
    for (const text of ["学校补课收费", "物业不维修电梯", "工资被拖欠"]) {
      const a = predict(classifier, analyzeText(text));
      const b = predict(restored, analyzeText(text));
      expect(b.label).toBe(a.label);
      expect(b.confidence).toBeCloseTo(a.confidence, 6);
    }
  });

  it("refuses a model file of another format version", () => {
    const data = serializeClassifier(classifier);
    const headerLength = data.readUInt32LE(0);
    const header = data.subarray(4, 4 + headerLength).toString("utf8").replace('"formatVersion":1', '"formatVersion":9');
    const changed = Buffer.concat([data.subarray(0, 4), Buffer.from(header), data.subarray(4 + headerLength)]);
    expect(() => deserializeClassifier(changed)).toThrow(/format 9 is not supported/);
  });

  it("needs two classes", () => {
    expect(() => trainClassifier(texts.slice(0, 3), ["a", "a", "a"])).toThrow(/two classes/);
  });
});

describe("analysers", () => {
  it("topic analysis drops stopwords and punctuation and folds digits", () => {
    const a = analyzeText("您好！我家电话13812345678，小区物业乱收费。");
    expect(a.words).toContain("物业");
    expect(a.words.some((w) => /[！，。]/.test(w))).toBe(false);
    expect(String.fromCharCode(...a.chars)).not.toMatch(/[1-9]/);
  });

  it("sentiment analysis keeps negations, punctuation and whole emoticons, and drops @names", () => {
    const a = analyzeText("//@某某网友:太不像话了！！[怒]", DEFAULT_SENTIMENT_CLASSIFIER.analyzer);
    expect(a.words).toContain("[怒]");
    expect(a.words.join("")).toContain("不");
    expect(a.words.join("")).toContain("!"); // full-width ！ is normalised to !
    expect(a.words.join("")).not.toContain("某某网友");
  });
});
