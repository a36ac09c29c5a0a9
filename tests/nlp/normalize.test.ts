import { describe, expect, it } from "vitest";
import { GOV_TERMS, GOV_TERMS_BY_AREA } from "../../ingest/nlp/lexicon/gov-terms";
import { STOPWORDS } from "../../ingest/nlp/lexicon/stopwords";
import { normalizeText, simplifiedPairs, toSimplifiedChar } from "../../ingest/nlp/normalize";

describe("normalizeText", () => {
  it("folds full-width ASCII to half-width and lower-cases Latin letters", () => {
    expect(normalizeText("ＡＢＣ１２３！？（）＠＃～")).toBe("abc123!?()@#~");
    expect(normalizeText("电话：１３８００１３８０００，ＱＱ群")).toBe("电话:13800138000,qq群");
    expect(normalizeText("ETC办理 WiFi")).toBe("etc办理 wifi");
    expect(normalizeText("ÀÉÎ Ünïcode")).toBe("àéî ünïcode");
  });

  it("turns every Unicode space and line break into one space and trims the ends", () => {
    expect(normalizeText("你好\u3000世界")).toBe("你好 世界");
    expect(normalizeText("a\u00a0\u2003b\u202fc")).toBe("a b c");
    expect(normalizeText("  第一行\r\n\r\n\t第二行 \n")).toBe("第一行 第二行");
    expect(normalizeText("x    y")).toBe("x y");
    expect(normalizeText(" \u3000\n ")).toBe("");
    expect(normalizeText("")).toBe("");
  });

  it("removes byte-order marks and zero-width spaces", () => {
    expect(normalizeText("\ufeff更博了\u200b，爆照了")).toBe("更博了,爆照了");
  });

  it("converts traditional characters to simplified, one character at a time", () => {
    expect(normalizeText("區縣與點號樓電費問題")).toBe("区县与点号楼电费问题");
    expect(normalizeText("我們社區的電梯壞了，物業費還漲價！")).toBe("我们社区的电梯坏了,物业费还涨价!");
    expect(normalizeText("請儘快處理噪音擾民問題，謝謝")).toBe("请尽快处理噪音扰民问题,谢谢");
    expect(normalizeText("臺灣颱風後停電")).toBe("台湾台风后停电");
  });

  it("leaves characters that are also ordinary simplified characters alone", () => {
    expect(normalizeText("著名的乾坤瞭望台")).toBe("著名的乾坤瞭望台");
    expect(normalizeText("反覆")).toBe("反覆");
  });

  it("returns text that needs nothing unchanged, and keeps emoji and other scripts", () => {
    const plain = "请问公积金怎么提取。小区物业乱收费,希望尽快处理";
    expect(normalizeText(plain)).toBe(plain);
    expect(normalizeText("好开心😭👍🇨🇳")).toBe("好开心😭👍🇨🇳");
    expect(normalizeText("ありがとう 감사합니다")).toBe("ありがとう 감사합니다");
    expect(normalizeText("。、“”《》【】")).toBe("。、“”《》【】");
  });

  it("handles long text in one piece", () => {
    expect(normalizeText("Ａ".repeat(20000))).toBe("a".repeat(20000));
    const mixed = "電費１ ".repeat(5000);
    expect(normalizeText(mixed)).toBe("电费1 ".repeat(5000).trim());
  });
});

describe("toSimplifiedChar", () => {
  it("maps one traditional character and leaves everything else", () => {
    expect(toSimplifiedChar("體")).toBe("体");
    expect(toSimplifiedChar("號")).toBe("号");
    expect(toSimplifiedChar("体")).toBe("体");
    expect(toSimplifiedChar("著")).toBe("著");
    expect(toSimplifiedChar("A")).toBe("A");
    expect(toSimplifiedChar("Ａ")).toBe("Ａ");
    expect(toSimplifiedChar("\ufeff")).toBe("\ufeff");
    expect(toSimplifiedChar("電費")).toBe("電費");
  });
});

describe("the traditional → simplified table", () => {
  const pairs = simplifiedPairs();

  it("has the common characters of citizen text, one way only", () => {
    expect(pairs.length).toBeGreaterThanOrEqual(600);
    const map = new Map(pairs);
    for (const [t, s] of [["區", "区"], ["縣", "县"], ["與", "与"], ["點", "点"], ["號", "号"], ["樓", "楼"], ["電", "电"], ["費", "费"], ["問", "问"], ["題", "题"], ["業", "业"], ["環", "环"], ["醫", "医"], ["險", "险"]]) {
      expect(map.get(t)).toBe(s);
    }
    const simplified = new Set(pairs.map(([, s]) => s));
    // No chains (a key that is also a target) and no identity pairs.
    expect(pairs.filter(([t, s]) => t === s || simplified.has(t))).toEqual([]);
    expect(pairs.every(([t, s]) => t.length === 1 && s.length === 1)).toBe(true);
  });
});

describe("the word lists are in normalised form", () => {
  it("stopwords: function words, letter formulae and punctuation, no topic words", () => {
    expect(STOPWORDS.size).toBeGreaterThanOrEqual(400);
    expect(STOPWORDS.size).toBeLessThanOrEqual(900);
    for (const w of ["的", "了", "是", "在", "我", "我们", "你好", "您好", "请问", "希望", "谢谢", "领导", "相关", "部门", "问题", "情况", "反映", "一下", "这个", "那个", ",", "。", "!", "?"]) {
      expect(STOPWORDS.has(w)).toBe(true);
    }
    for (const w of ["物业", "物业费", "公积金", "噪音", "停车", "学校", "医保", "拖欠工资", "，", "！"]) expect(STOPWORDS.has(w)).toBe(false);
    expect([...STOPWORDS].filter((w) => normalizeText(w) !== w || /\s/.test(w))).toEqual([]);
  });

  it("government terms: many per area, unique, no stopwords", () => {
    expect(GOV_TERMS.length).toBeGreaterThanOrEqual(500);
    expect(new Set(GOV_TERMS).size).toBe(GOV_TERMS.length);
    expect(Object.keys(GOV_TERMS_BY_AREA)).toEqual(["城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "卫生计生", "商贸旅游", "市场监管", "公共安全", "民政", "农村农业", "水电气暖", "政务服务"]);
    for (const [area, terms] of Object.entries(GOV_TERMS_BY_AREA)) expect(terms.length, area).toBeGreaterThanOrEqual(40);
    for (const w of ["物业费", "业委会", "拖欠工资", "农民工", "社保卡", "公积金", "异地就医", "噪音扰民", "渣土车", "违章建筑", "棚户区改造", "不动产登记", "学区房", "划片入学", "校外培训", "网约车", "共享单车", "垃圾分类", "油烟扰民", "黑臭水体", "扬尘污染", "停车难", "电动车充电", "老旧小区改造", "加装电梯", "一网通办", "最多跑一次", "低保", "特困供养", "高龄津贴", "退役军人"]) {
      expect(GOV_TERMS).toContain(w);
    }
    expect(GOV_TERMS.filter((w) => normalizeText(w) !== w || /\s/.test(w) || w.length < 2 || STOPWORDS.has(w))).toEqual([]);
  });
});
