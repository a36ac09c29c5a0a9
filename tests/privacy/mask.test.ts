// db/privacy/mask.ts: what is masked, how, and what is left alone (work-order numbers, dates, ordinary words).
import { describe, expect, it } from "vitest";
import { findPersonalData, isValidIdCard18, looksLikeIdCard18, maskPersonalData } from "../../db/privacy/mask";

describe("maskPersonalData", () => {
  it("masks mobiles in every common writing, keeping the first 3 and last 4 digits", () => {
    expect(maskPersonalData("电话13812345678")).toBe("电话138****5678");
    expect(maskPersonalData("电话138-1234-5678。")).toBe("电话138-****-5678。");
    expect(maskPersonalData("打我电话138 1234 5678")).toBe("打我电话138 **** 5678");
    expect(maskPersonalData("+86 13812345678")).toBe("+86 138****5678");
  });

  it("masks landlines with an area code, keeping the area code and the last 4 digits", () => {
    expect(maskPersonalData("座机0731-84567890")).toBe("座机0731-****7890");
    expect(maskPersonalData("（010）6123 4567")).toBe("（010）**** 4567");
  });

  it("masks 18-character ID numbers with or without X, whether or not the check digit is right", () => {
    expect(isValidIdCard18("11010519491231002X")).toBe(true);
    expect(maskPersonalData("身份证11010519491231002X")).toBe("身份证110105********002X");
    // The demo's made-up numbers (and typos) fail the check digit but still point at a person.
    expect(isValidIdCard18("420102199003071234")).toBe(false);
    expect(looksLikeIdCard18("420102199003071234")).toBe(true);
    expect(maskPersonalData("身份证号420102199003071234，")).toBe("身份证号420102********1234，");
    expect(maskPersonalData("身份证号42010219900307123x")).toBe("身份证号420102********123x");
  });

  it("masks bank cards (Luhn), keeping the last 4 digits", () => {
    expect(maskPersonalData("卡号6222021234567890128")).toBe("卡号***************0128");
    expect(maskPersonalData("卡号 4111 1111 1111 1111")).toBe("卡号 **** **** **** 1111");
  });

  it("masks e-mail addresses, keeping the first character and the domain", () => {
    expect(maskPersonalData("邮箱zhang.san@example.com，")).toBe("邮箱z***@example.com，");
    expect(maskPersonalData("13812345678@qq.com")).toBe("1***@qq.com");
  });

  it("masks names after cues and before 先生/女士, keeping the surname", () => {
    expect(maskPersonalData("本人王小明，电话13812345678")).toBe("本人王**，电话138****5678");
    expect(maskPersonalData("来电人姓名陈建国，电话13912345678")).toBe("来电人姓名陈**，电话139****5678");
    expect(maskPersonalData("联系人：欧阳娜娜")).toBe("联系人：欧阳**");
    // Hotline replies name the caller: 来电人 / 来电者 / 诉求人 are cues too, but what usually follows them is a verb.
    expect(maskPersonalData("已联系来电人王小明（13812345678）说明情况")).toBe("已联系来电人王**（138****5678）说明情况");
    expect(maskPersonalData("经与诉求人李建华沟通，已达成一致")).toBe("经与诉求人李**沟通，已达成一致");
    expect(maskPersonalData("来电者：赵敏，反映小区停水")).toBe("来电者：赵**，反映小区停水");
    for (const text of ["来电人称小区地下车库漏水", "来电人于今日再次来电", "来电人反映噪音扰民", "来电人向我局反映", "已告知来电人可申请仲裁", "来电人多次来电"]) {
      expect(maskPersonalData(text), text).toBe(text);
    }
    expect(maskPersonalData("王小明先生反映")).toBe("王**先生反映");
    expect(maskPersonalData("欧阳娜娜女士来电")).toBe("欧阳**女士来电");
    // A surname and a form of address identify nobody and keep the text readable.
    expect(maskPersonalData("张女士反映，请李先生回电")).toBe("张女士反映，请李先生回电");
  });

  it("masks the name signing a letter: last line, after a dash or 此致敬礼, or before the date", () => {
    expect(maskPersonalData("小区路灯不亮。谢谢！\n王小明\n2026年10月1日")).toBe("小区路灯不亮。谢谢！\n王**\n2026年10月1日");
    expect(maskPersonalData("小区路灯不亮。\n市民 李建华 2026-10-01")).toBe("小区路灯不亮。\n市民 李** 2026-10-01");
    expect(maskPersonalData("盼复。谢谢！王小明 2026年10月1日")).toBe("盼复。谢谢！王** 2026年10月1日");
    expect(maskPersonalData("请尽快处理——张伟")).toBe("请尽快处理——张**");
    expect(maskPersonalData("此致敬礼！李四")).toBe("此致敬礼！李**");
  });

  it("leaves ordinary endings, work-order numbers, dates and amounts alone", () => {
    for (const text of [
      "希望尽快解决。\n辛苦了",
      "谢谢！\n万分感谢",
      "小区门口道路破损。\n高新区管委会",
      "工单号GD2019051200123已办结",
      "编号 20261001123456789012 的工单",
      "2026年10月1日起施行，罚款2000元",
      "请尽快处理，谢谢",
      "市民反映小区噪音扰民",
      "群众利益受损，安全隐患严重",
    ]) expect(maskPersonalData(text)).toBe(text);
  });

  it("finds every kind with its offsets", () => {
    const text = "本人王小明，身份证420102199003071234，电话13812345678，邮箱a@b.cn";
    expect(findPersonalData(text).map((m) => [m.kind, m.text])).toEqual([
      ["name", "王小明"],
      ["id_card", "420102199003071234"],
      ["phone", "13812345678"],
      ["email", "a@b.cn"],
    ]);
  });
});
