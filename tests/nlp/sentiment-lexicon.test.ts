import { describe, expect, it } from "vitest";
import { LEXICON_PROBLEMS, LEXICON_SIZE, lexiconSentiment } from "../../ingest/nlp/sentiment-lexicon";

const label = (text: string) => lexiconSentiment(text).label;
const hits = (text: string) => lexiconSentiment(text).hits;

describe("lexiconSentiment", () => {
  it("reads negated words as one word or flips them", () => {
    expect(lexiconSentiment("不满意")).toEqual({ label: "negative", score: -0.5828, hits: [{ term: "不满意", weight: -2 }] });
    expect(lexiconSentiment("不错")).toEqual({ label: "positive", score: 0.4621, hits: [{ term: "不错", weight: 1.5 }] });
    // 并不 is an emphatic negator (1.3 ×) and a negated negative word flips to 0.6 × its weight: mildly positive.
    expect(lexiconSentiment("并不差")).toEqual({ label: "positive", score: 0.2543, hits: [{ term: "差", weight: 0.78 }] });
    expect(lexiconSentiment("并不满意")).toEqual({ label: "negative", score: -0.6001, hits: [{ term: "满意", weight: -2.08 }] });
    expect(hits("一点也不满意")).toEqual([{ term: "满意", weight: -2.4 }]);
    expect(lexiconSentiment("不要担心")).toEqual({ label: "positive", score: 0.2913, hits: [{ term: "担心", weight: 0.9 }] });
    // Words that start with a negator but are not negations.
    expect(lexiconSentiment("不管怎样都要坚持")).toEqual({ label: "neutral", score: 0, hits: [] });
    expect(hits("特别开心")).toEqual([{ term: "开心", weight: 3.6 }]);
  });

  it("flips only within a few characters of the same clause", () => {
    expect(hits("没有及时处理")).toEqual([{ term: "及时处理", weight: -1.6 }]);
    expect(hits("不知道为什么，很开心")).toEqual([{ term: "为什么", weight: -0.5 }, { term: "开心", weight: 3 }]);
    expect(hits("我不去那家餐厅吃饭了满意")).toEqual([{ term: "满意", weight: 2 }]);
  });

  it("reads verbs of getting things done as negative only when negated", () => {
    expect(lexiconSentiment("至今没有人处理")).toEqual({ label: "negative", score: -0.5828, hits: [{ term: "处理", weight: -2 }] });
    expect(lexiconSentiment("物业不管")).toEqual({ label: "negative", score: -0.5828, hits: [{ term: "管", weight: -2 }] });
    expect(label("请处理一下")).toBe("neutral");
    expect(lexiconSentiment("请尽快处理")).toEqual({ label: "neutral", score: -0.1651, hits: [{ term: "请尽快", weight: -0.5 }] });
  });

  it("scales by degree adverbs before and after the word", () => {
    expect(lexiconSentiment("很开心")).toEqual({ label: "positive", score: 0.7616, hits: [{ term: "开心", weight: 3 }] });
    expect(lexiconSentiment("有点失望")).toEqual({ label: "negative", score: -0.3799, hits: [{ term: "失望", weight: -1.2 }] });
    expect(hits("好难过")).toEqual([{ term: "难过", weight: -3.2 }]);
    expect(hits("开心死了")).toEqual([{ term: "开心", weight: 4 }]);
    // Negator then degree weakens; degree then negator strengthens.
    expect(lexiconSentiment("不太满意")).toEqual({ label: "negative", score: -0.3095, hits: [{ term: "满意", weight: -0.96 }] });
    expect(hits("很不负责")).toEqual([{ term: "负责", weight: -3 }]);
  });

  it("reads 好 as an adverb before a word and as 'good' at the end of a clause", () => {
    expect(hits("服务好")).toEqual([{ term: "服务好", weight: 1 }]);
    expect(hits("这家店的菜好")).toEqual([{ term: "好", weight: 1 }]);
    expect(hits("不是很好")).toEqual([{ term: "好", weight: -0.48 }]);
    expect(hits("你好,好多人")).toEqual([]);
  });

  it("weighs the clause after a contrast word more", () => {
    expect(lexiconSentiment("虽然服务态度不错，但是问题一直没解决")).toEqual({
      label: "negative",
      score: -0.5488,
      hits: [{ term: "不错", weight: 0.75 }, { term: "解决", weight: -2.6 }],
    });
    expect(lexiconSentiment("虽然等了很久，但是问题解决了，非常感谢")).toEqual({
      label: "positive",
      score: 0.9536,
      hits: [{ term: "等了很久", weight: -0.5 }, { term: "问题解决", weight: 2.6 }, { term: "感谢", weight: 3.51 }],
    });
  });

  it("reads Weibo emoticons and emoji, never negated, repeats counted once", () => {
    expect(lexiconSentiment("[怒][怒][怒]")).toEqual({ label: "negative", score: -0.6823, hits: [{ term: "[怒]", weight: -2.5 }] });
    expect(lexiconSentiment("[赞][心]")).toEqual({ label: "positive", score: 0.8701, hits: [{ term: "[赞]", weight: 2 }, { term: "[心]", weight: 2 }] });
    expect(hits("不[怒]")).toEqual([{ term: "[怒]", weight: -2.5 }]);
    expect(lexiconSentiment("😭😭")).toEqual({ label: "negative", score: -0.6823, hits: [{ term: "😭", weight: -2.5 }] });
    expect(hits("今天去公园[哈哈]")).toEqual([{ term: "[哈哈]", weight: 2 }]);
    // [微笑] is read as sarcastic as often as not on Weibo: weak, neutral alone.
    expect(lexiconSentiment("[微笑]")).toEqual({ label: "neutral", score: -0.1651, hits: [{ term: "[微笑]", weight: -0.5 }] });
    expect(hits("哈哈哈哈哈哈")).toEqual([{ term: "哈哈哈哈", weight: 2 }]);
    expect(label("[未知表情]")).toBe("neutral");
  });

  it("uses ! and ? as intensifiers, and as a weak signal in a clause with no word", () => {
    expect(hits("太失望了")).toEqual([{ term: "太失望", weight: -2 }]);
    expect(hits("太失望了！！！")).toEqual([{ term: "太失望", weight: -3.2 }]);
    expect(hits("满意！")).toEqual([{ term: "满意", weight: 2.6 }]);
    expect(lexiconSentiment("什么时候才修？？")).toEqual({ label: "negative", score: -0.3215, hits: [{ term: "??", weight: -1 }] });
    expect(hits("现在的警察都是这样办事的么？！")).toEqual([{ term: "?!", weight: -0.3 }]);
  });

  it("calls factual questions and requests neutral", () => {
    expect(lexiconSentiment("请问公积金怎么提取")).toEqual({ label: "neutral", score: 0, hits: [] });
    expect(lexiconSentiment("请问公积金怎么提取？")).toEqual({ label: "neutral", score: -0.0997, hits: [{ term: "?", weight: -0.3 }] });
    expect(label("您好，我想咨询一下社保卡如何办理，谢谢")).toBe("neutral");
    expect(label("2月份的暖气费什么时候退还")).toBe("neutral");
    expect(label("建议在我们村的主干道安装路灯。")).toBe("neutral");
    expect(lexiconSentiment("")).toEqual({ label: "neutral", score: 0, hits: [] });
  });

  it("reads complaints and praise of government work", () => {
    expect(lexiconSentiment("小区物业乱收费，多次反映至今没有解决，希望领导重视！")).toEqual({
      label: "negative",
      score: -0.9311,
      hits: [{ term: "乱收费", weight: -2 }, { term: "多次", weight: -1 }, { term: "解决", weight: -2 }],
    });
    expect(label("楼下烧烤店油烟扰民严重，晚上吵得睡不着，投诉多次没人管")).toBe("negative");
    expect(label("公司拖欠工资三个月，老板跑路了，我们农民工怎么办？？")).toBe("negative");
    expect(label("街道办工作人员推诿扯皮，态度恶劣")).toBe("negative");
    expect(label("路灯坏了一个月了还没修")).toBe("negative");
    expect(lexiconSentiment("感谢社区工作人员，问题很快就解决了，点赞！")).toEqual({
      label: "positive",
      score: 0.9887,
      hits: [{ term: "感谢", weight: 1.5 }, { term: "解决了", weight: 3 }, { term: "点赞", weight: 3.25 }],
    });
  });

  it("normalises first: traditional and full-width text, links and @names", () => {
    expect(hits("非常滿意")).toEqual([{ term: "非常满意", weight: 3 }]);
    expect(hits("太差了！")).toEqual([{ term: "太差", weight: -2.6 }]);
    expect(hits("@开心每一天 今天的快递又丢了")).toEqual([{ term: "丢了", weight: -1.2 }]);
    expect(hits("看这里 http://t.cn/sb666 好东西")).toEqual([]);
  });

  it("matches letter words only as whole words", () => {
    expect(hits("usb接口")).toEqual([]);
    expect(hits("真是sb")).toEqual([{ term: "sb", weight: -4.5 }]); // 真是: degree 1.5
    expect(hits("abc sb2")).toEqual([]);
    expect(hits("yyds!")).toEqual([{ term: "yyds", weight: 2.6 }]);
  });

  it("has a consistent lexicon", () => {
    expect(LEXICON_PROBLEMS).toEqual([]);
    expect(LEXICON_SIZE).toBeGreaterThan(1500);
  });
});
