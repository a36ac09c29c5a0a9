// Personal data in citizens' text (phone numbers, ID-card and bank-card numbers, e-mail addresses, names):
// found and masked for pages, exports and the monthly bulletin. Pure, no dependencies; rules written for this
// project. One module for every place that shows or exports citizen text: import maskPersonalData from here.
//
// What is found (offsets are UTF-16 indices into the text as given; run it on raw text, digits must be ASCII):
// - mainland mobiles: 1[3-9] + 9 digits, also "138-1234-5678", "138 1234 5678", "+86 138…", "0086…";
// - landlines with an area code: "0731-84567890", "(0731)84567890", "（010）6123 4567", "021 61234567";
// - ID cards: 18 characters (17 digits and a digit or X) that start with a real province code and hold a real
//   birth date. The GB 11643 check digit is NOT required: a mistyped or made-up number still points at a
//   person, and masking a false positive costs nothing. Old 15-digit ones with a valid birth date;
// - bank cards: 16–19 digits passing Luhn, compact or in groups of 4, starting 3–6 (UnionPay, Visa, Mastercard…);
// - e-mail addresses;
// - personal names: after a contact/signature cue ("联系人：张三", "来电人王小明", "我叫王小明", "本人李四", "署名：王五"), before
//   先生/女士/小姐 ("王小明先生"), and in a letter's signature (a name on the last line, after "——" or
//   "此致敬礼", or followed by the date: "……谢谢！\n王小明\n2026年10月1日").
// A number never matches inside a longer digit run or next to Latin letters (work-order numbers such as
// "GD2019051200123", 20-digit references), and dates are never phones (no date starts with 0 or 1[3-9]).
//
// Masking keeps what identifies nobody and keeps replies readable: 138****5678, 0731-****7890,
// 420102********123X, ************1234, z***@example.com, 王**, 王**先生 (a bare 张先生 stays as it is).

export type PersonalDataKind = "phone" | "id_card" | "bank_card" | "email" | "name";

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
  text: string;
}

// ── numbers ──────────────────────────────────────────────────────────────────────────────────────────────────

// Compact numbers: no digit or Latin letter on either side. Grouped numbers ("138 1234 5678") also must not
// continue with a separator and another digit, so a group never ends up cut out of a longer grouped number.
const EDGE_L = String.raw`(?<![0-9A-Za-z])`;
const EDGE_R = String.raw`(?![0-9A-Za-z])`;
const GROUP_L = String.raw`(?<![0-9A-Za-z]|\d[ -])`;
const GROUP_R = String.raw`(?![0-9A-Za-z]|[ -]\d)`;

const ID18 = new RegExp(`${EDGE_L}[1-9]\\d{16}[\\dXx]${EDGE_R}`, "g");
const ID15 = new RegExp(`${EDGE_L}[1-9]\\d{14}${EDGE_R}`, "g");
const CARD = new RegExp(`${EDGE_L}[3-6]\\d{15,18}${EDGE_R}|${GROUP_L}[3-6]\\d{3}(?: \\d{4}){3}(?: \\d{1,3})?${GROUP_R}`, "g");
// Mobile: optional +86 / 0086 / 86, then 11 digits compact, or split 3-4-4 by spaces or dashes.
const MOBILE = new RegExp(
  `(?:(?<![0-9A-Za-z+])(?:\\+86|0086|86)[ -]?|${EDGE_L})1[3-9]\\d{9}${EDGE_R}|` +
    `(?:(?<![0-9A-Za-z+])(?:\\+86|0086|86)[ -]?|${GROUP_L})1[3-9]\\d(?:-\\d{4}-| \\d{4} )\\d{4}${GROUP_R}`,
  "g",
);
// Area code 010, 02x or 0[3-9]xx, optionally in (full-width) brackets, then a 7–8 digit local number that
// starts 2–9, optionally split 3/4+4. The anonymised "0000-00000000" of the public data is not a number.
const LANDLINE = new RegExp(
  `${EDGE_L}(?:[(（]0(?:10|2\\d|[3-9]\\d{2})[)）] ?|0(?:10|2\\d|[3-9]\\d{2})[ -]?)[2-9]\\d{2,3}[ -]?\\d{4}${EDGE_R}`,
  "g",
);
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9])/g;

/** First two digits of a resident ID: the province-level division codes in use (plus 71/81/82). */
const PROVINCE_CODES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54,
  61, 62, 63, 64, 65, 71, 81, 82,
]);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days && y >= 1900 && y <= new Date().getUTCFullYear();
}

/** An 18-character resident ID's shape: a province code and a birth date that exists (check digit not tested). */
export function looksLikeIdCard18(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id) || !PROVINCE_CODES.has(Number(id.slice(0, 2)))) return false;
  return validDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)));
}

/** GB 11643: weighted sum of the first 17 digits mod 11 picks the check character; birth date must exist. */
export function isValidIdCard18(id: string): boolean {
  if (!looksLikeIdCard18(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

/** Pre-1999 IDs have no check digit: a province code and a real 19yy birth date are all we can test. */
function isValidIdCard15(id: string): boolean {
  return PROVINCE_CODES.has(Number(id.slice(0, 2))) &&
    validDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)));
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

/** A card-length number labelled as an order/work-order number is not a card, Luhn or not (1 in 10 pass). */
const ORDER_LABEL = /(?:单号|编号|工单|订单|流水号|批次号)[号码]?[:：\s]*$/;

const digitsOf = (s: string) => s.replace(/[^\dXx]/g, "");

interface NumberRule {
  kind: PersonalDataKind;
  re: RegExp;
  accept: (match: string, before: string) => boolean;
}

// Priority order: an ID or card number is never also reported as a phone (they cannot overlap anyway once the
// digit-run edges are respected, but the order makes the intent explicit).
const NUMBER_RULES: NumberRule[] = [
  { kind: "id_card", re: ID18, accept: (m) => looksLikeIdCard18(m) },
  { kind: "id_card", re: ID15, accept: (m) => isValidIdCard15(m) },
  { kind: "bank_card", re: CARD, accept: (m, before) => luhnValid(digitsOf(m)) && !ORDER_LABEL.test(before) },
  { kind: "phone", re: MOBILE, accept: () => true },
  { kind: "phone", re: LANDLINE, accept: () => true },
];

// ── names ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Common Chinese surnames (single and compound), written for this project. */
const SURNAMES_1 =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚" +
  "卢姜崔钟谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔汤" +
  "易常温康施文牛樊葛邢安齐伍庞颜倪聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季" +
  "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚" +
  "娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明" +
  "佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺盘满闻厉伊仝区郜海阚花权强" +
  "帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘" +
  "亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸" +
  "奉植衡富尧闭由于向";
const SURNAME_SET = new Set(SURNAMES_1);
/**
 * The most frequent surnames, minus characters that often end a given name (龙, 华, 明, 国 …): "X先生" with one
 * of these right before 先生 is read as a surname, so "请张先生" is 张先生 while "王小明先生" is 王小明先生.
 */
const LIKELY_SURNAME = new Set([...SURNAMES_1.slice(0, 96)].filter((c) => !"龙金石方江万武白文华平明国军伟强林".includes(c)));
const COMPOUND_SURNAMES = new Set([
  "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙", "宇文", "司徒",
  "申屠", "独孤", "南宫", "西门", "端木", "轩辕", "呼延", "百里", "东郭", "闻人", "万俟", "澹台", "公冶", "濮阳",
]);

/** Characters that end a name: function words, verbs and nouns that follow a name but rarely occur in one. */
const NOT_GIVEN = new Set(
  "的了是在和与及等或反映住家电话手机号码联系人我你他她它们这那有无不也都就要会对于从向被把给让说问请现今年月" +
  "日时为因所以但而且其该此各某男女岁身份证先生士姐市省区县镇乡村街路道社楼栋室单元门业主居民工作位公司局厅处" +
  "科投诉举报咨询求助希望领导同志网友您好谢感经已将又再还曾去来到过着想看见于个之吧呢吗啊呀哦嗯啦共总约近多应自城苑园",
);

const HAN = /[\u4e00-\u9fff]/;
const isHan = (c: string | undefined) => c !== undefined && HAN.test(c);
const givenOk = (c: string | undefined) => isHan(c) && !NOT_GIVEN.has(c!);

/** Cues after which a full name follows; the name must then end clearly (see NAME_END). */
const NAME_CUE = /(联系人|联络人|投诉人|举报人|来信人|来电人|来电者|来访人|留言人|诉求人|求助人|咨询人|反映人|申请人|当事人|户主|姓名|署名|落款|我叫|我的名字是|本人|我是)(?:是|为)?[:：]?\s*/g;
/**
 * A name is followed by a non-Han character or one of these ("本人李四反映", "举报人张三电话"), never by more
 * of a word: "被投诉人海利房地产", "申请人储存易燃", "我是王府井社区" are not names.
 */
const NAME_END = new Set("反在于是现住今男女和与因从自电联手身性系等及请称也说已沟");
/** Ordinary words that start with a surname character and often follow a cue ("本人权益", "当事人应当"). */
const NOT_A_NAME = new Set([
  "权益", "应当", "应该", "承诺", "承担", "名下", "常年", "常住", "长期", "多次", "全家", "全部", "全额", "亲自", "方便",
  "曾经", "曾在", "于是", "向来", "成年", "成为", "单位", "家属", "房屋", "房子", "车辆", "时间", "时候", "信息", "连续",
  "相关", "相信", "原因", "原来", "原籍", "包括", "符合", "计划", "支付", "平时", "平常", "宁愿", "利益", "同时", "同意",
  "尚未", "任何", "严重", "解决", "居住", "经常", "安全", "高度", "管理", "项目", "文件", "现在", "由于", "向您",
  "成绩", "成员", "户口", "申请", "金额", "余额",
]);
const HONORIFIC = /先生|女士|小姐/g;
/** "原先生活", "首先生成": 先生 followed by these is the verb 生, not "Mr". */
const NOT_MR_NEXT = new Set("活产命长成存效前后育态物气殖病死");

/** Surname at `i` (compound first): its length, or 0. */
function surnameAt(text: string, i: number): number {
  if (COMPOUND_SURNAMES.has(text.slice(i, i + 2))) return 2;
  return SURNAME_SET.has(text[i]) ? 1 : 0;
}

/** Full name right after a cue: surname + 1–2 given characters; anonymised "张某", "李XX" are not names. */
function nameAfterCue(text: string, i: number): number {
  const s = surnameAt(text, i);
  if (!s || NOT_A_NAME.has(text.slice(i, i + 2))) return 0;
  let n = 0;
  while (n < 2 && givenOk(text[i + s + n])) n++;
  for (; n > 0; n--) {
    const next = text[i + s + n];
    if (!isHan(next) || NAME_END.has(next!)) return s + n;
  }
  return 0;
}

function findNames(text: string, taken: (s: number, e: number) => boolean, out: PersonalDataMatch[]): void {
  for (const m of text.matchAll(NAME_CUE)) {
    const start = m.index! + m[0].length;
    const len = nameAfterCue(text, start);
    if (len && !taken(start, start + len)) out.push({ kind: "name", start, end: start + len, text: text.slice(start, start + len) });
  }
  for (const m of text.matchAll(HONORIFIC)) {
    const h = m.index!;
    if (m[0] === "先生" && NOT_MR_NEXT.has(text[h + 2])) continue;
    const start = honorificNameStart(text, h);
    if (start >= 0 && !taken(start, h + m[0].length)) out.push({ kind: "name", start, end: h + m[0].length, text: text.slice(start, h + m[0].length) });
  }
  for (const [start, end] of signatureNames(text)) {
    if (!taken(start, end)) out.push({ kind: "name", start, end, text: text.slice(start, end) });
  }
}

// ── signatures ───────────────────────────────────────────────────────────────────────────────────────────────

/** A date as letters are dated: "2026年10月1日", "2026-10-01", "2026.10.1", "2026年10月". */
const DATE = String.raw`\d{4}\s*[年./-]\s*\d{1,2}\s*(?:[月./-]\s*\d{1,2}\s*[日号]?|月)`;
/** What may stand before a signature on its own line: a dash, a role ("市民", "业主"). */
const SIGN_PREFIX = String.raw`(?:——|—|--|-|～|~)?\s*(?:(?:市民|居民|业主|网友|群众|来信人|留言人)[:：]?)?\s*`;
const SIGNATURE_LINE = new RegExp(String.raw`^\s*${SIGN_PREFIX}([\u4e00-\u9fff]{2,4})\s*[,，]?\s*(?:${DATE})?\s*[。.!！]?\s*$`, "d");
/** At the very end of a one-line text: "……谢谢！王小明 2026年10月1日", "……——王小明", "此致敬礼！王小明". */
const SIGNATURE_TAIL = [
  new RegExp(String.raw`(?:[。！!？?；;，,]|敬礼|——|—)\s*([\u4e00-\u9fff]{2,4})\s*[,，]?\s*${DATE}\s*[。.]?\s*$`, "d"),
  new RegExp(String.raw`(?:——|—|此致\s*[，,]?\s*敬礼\s*[!！。]?)\s*([\u4e00-\u9fff]{2,4})\s*[。.]?\s*$`, "d"),
];

/** A whole token that is a full name: a surname and one or two given-name characters. */
function isFullName(token: string): boolean {
  const s = surnameAt(token, 0);
  if (!s || token.length < s + 1 || token.length > s + 2 || NOT_A_NAME.has(token.slice(0, 2))) return false;
  for (let i = s; i < token.length; i++) if (!givenOk(token[i])) return false;
  return true;
}

/** [start, end) of names signing the text: on one of its last two lines (with text before), or at its end. */
function signatureNames(text: string): [number, number][] {
  const out: [number, number][] = [];
  const lines: { start: number; text: string }[] = [];
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf("\n", at);
    const end = nl < 0 ? text.length : nl;
    if (text.slice(at, end).trim()) lines.push({ start: at, text: text.slice(at, end) });
    if (nl < 0) break;
    at = nl + 1;
  }
  for (let k = Math.max(1, lines.length - 2); k < lines.length; k++) {
    const m = SIGNATURE_LINE.exec(lines[k].text);
    if (m && isFullName(m[1])) out.push([lines[k].start + m.indices![1][0], lines[k].start + m.indices![1][1]]);
  }
  if (out.length === 0) {
    for (const re of SIGNATURE_TAIL) {
      const m = re.exec(text);
      if (m && isFullName(m[1])) {
        out.push([m.indices![1][0], m.indices![1][1]]);
        break;
      }
    }
  }
  return out;
}

/**
 * Start of the name before 先生/女士/小姐 at `h`, or -1. A likely surname right before is "张先生"; otherwise the
 * longest full name that fits ("欧阳娜娜女士", "王小明先生", "张三先生"); otherwise any surname ("明先生").
 */
function honorificNameStart(text: string, h: number): number {
  if (LIKELY_SURNAME.has(text[h - 1])) return h - 1;
  const given = (from: number) => { for (let i = from; i < h; i++) if (!givenOk(text[i])) return false; return true; };
  for (const g of [2, 1]) if (COMPOUND_SURNAMES.has(text.slice(h - g - 2, h - g)) && given(h - g)) return h - g - 2;
  for (const g of [2, 1]) if (SURNAME_SET.has(text[h - g - 1]) && given(h - g)) return h - g - 1;
  if (COMPOUND_SURNAMES.has(text.slice(h - 2, h))) return h - 2;
  return SURNAME_SET.has(text[h - 1]) ? h - 1 : -1;
}

// ── API ──────────────────────────────────────────────────────────────────────────────────────────────────────

export function findPersonalData(text: string): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const taken = (s: number, e: number) => found.some((f) => s < f.end && f.start < e);
  const add = (kind: PersonalDataKind, start: number, match: string) => {
    if (!taken(start, start + match.length)) found.push({ kind, start, end: start + match.length, text: match });
  };
  // E-mail first: "13812345678@qq.com" is an address, not a phone.
  for (const m of text.matchAll(EMAIL)) add("email", m.index!, m[0]);
  for (const rule of NUMBER_RULES) {
    for (const m of text.matchAll(rule.re)) {
      if (rule.accept(m[0], text.slice(Math.max(0, m.index! - 8), m.index!))) add(rule.kind, m.index!, m[0]);
    }
  }
  findNames(text, taken, found);
  return found.sort((a, b) => a.start - b.start);
}

/** Replace digits (and X) of `s` from digit index `from` to `to` (exclusive) by "*", keeping separators. */
function starDigits(s: string, from: number, to: number): string {
  let k = 0;
  return s.replace(/[\dXx]/g, (c) => (k++ >= from && k <= to ? "*" : c));
}

function maskMatch(m: PersonalDataMatch): string {
  const digits = digitsOf(m.text).length;
  switch (m.kind) {
    case "phone": {
      // Mobile: 138****5678 (the +86 prefix counts 2 more leading digits). Landline: area code and last 4 kept.
      const mobile = m.text.match(/1[3-9]\d[ -]?\d{4}[ -]?\d{4}$/);
      if (mobile) { const lead = digits - 11; return starDigits(m.text, lead + 3, lead + 7); }
      const area = m.text.match(/^[(（]?(0(?:10|2\d|[3-9]\d{2}))/)![1].length;
      return starDigits(m.text, area, digits - 4);
    }
    case "id_card": return starDigits(m.text, 6, digits - 4);
    case "bank_card": return starDigits(m.text, 0, digits - 4);
    case "email": { const at = m.text.indexOf("@"); return m.text[0] + "***" + m.text.slice(at); }
    case "name": return maskName(m.text);
  }
}

/**
 * Names keep the surname and hide the given name with a fixed "**" (its length is not shown either):
 * "王小明" → "王**", "张三先生" → "张**先生". A bare "张先生" / "李女士" stays as it is: a surname and a form of
 * address identify nobody, and keeping them keeps replies readable.
 */
function maskName(name: string): string {
  const honorific = name.match(/(先生|女士|小姐)$/)?.[0] ?? "";
  const body = name.slice(0, name.length - honorific.length);
  const surname = COMPOUND_SURNAMES.has(body.slice(0, 2)) && body.length > 2 ? body.slice(0, 2) : body.slice(0, 1);
  return body.length === surname.length ? name : surname + "**" + honorific;
}

export function maskPersonalData(text: string): string {
  const matches = findPersonalData(text);
  if (!matches.length) return text;
  let out = "";
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + maskMatch(m);
    at = m.end;
  }
  return out + text.slice(at);
}

export function summarizePersonalData(text: string): Partial<Record<PersonalDataKind, number>> | null {
  const matches = findPersonalData(text);
  if (!matches.length) return null;
  const counts: Partial<Record<PersonalDataKind, number>> = {};
  for (const m of matches) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
  return counts;
}
