// Places named in a text, for geographic breakdowns. Pure and fast: one regex pass over the text finds the
// place suffixes (省 市 区 县 街道 镇 乡 社区 村 小区 花园 … 路 街 大道 巷); for each, the name is read leftwards
// up to the first character that cannot be part of a name (punctuation, function words, common verbs) or the
// end of the previous place, so "A市A2区桂花坪街道" gives A市, A2区, 桂花坪街道. Each candidate is then checked
// against the length a name of that kind has, the anonymised forms of the public data ("A市", "A1区", "K8县")
// and small lists of ordinary words that share the suffix ("城市", "市场", "地区", "出路", "老旧小区").
// Vocabulary written for this project.

type Level = "province" | "city" | "district" | "town" | "community" | "road";

interface SuffixRule {
  level: Level;
  /** Name length (characters before the suffix) for Chinese names. */
  min: number;
  max: number;
  /** Last characters of the name that turn it into an ordinary word ("地区", "景区", "超市"). */
  badLast?: string;
  /** Whole names that are ordinary words, not places. */
  badNames?: string[];
  /** Characters right after the suffix that make it part of another word ("市民", "市场", "乡村"). */
  badNext?: string;
  /** Names may be digits only ("3614小区"); otherwise a digit-only name is a bus line or a number. */
  digitsOk?: boolean;
}

const COMPOUND: SuffixRule = { level: "community", min: 2, max: 8, badNames: ["小区", "社区", "中心", "市民", "文化", "休闲", "人才", "青年", "单身", "学生", "酒店", "屋顶", "空中", "街心"] };

/** Generic words before a compound or community suffix ("老旧小区", "所在社区"). */
const GENERIC_AREA = ["街道", "城镇", "大型", "中型", "小型", "所在", "周边", "附近", "当地", "城市", "农村", "老旧", "智慧", "和谐", "文明", "各个", "每个", "所属", "老式", "新建", "回迁", "安置", "拆迁安置", "住宅", "商品房", "保障房", "封闭式", "开放式", "高档", "整个", "周围", "其他", "其它", "同一", "无物业", "物业", "单位", "目前", "现在", "一些", "部分", "老", "新"];

const RULES: Record<string, SuffixRule> = {
  省: { level: "province", min: 2, max: 3, badNext: "钱事略心力份去掉", badLast: "节反自" },
  自治区: { level: "province", min: 2, max: 4 },
  市: {
    // A Chinese-named city right before 领导/委/政府/教育局 … is mostly a verb + "市领导": "期盼市领导", "向市政府".
    level: "city", min: 2, max: 4, badNext: "民场长值面容貌级领委政教公住人纪交卫国发财规",
    badLast: "超夜早菜闹门集黑花股楼级城上委", badNames: ["大都", "农贸", "二手"],
  },
  自治州: { level: "city", min: 2, max: 8 },
  区: {
    level: "district", min: 2, max: 4, badNext: "域别分间",
    badLast: "地景城市园校片辖郊灾禁误专街宅活务护范验业舍能车民置工矿产游宿营商疫病老厂军学医战发全该本库域场馆站堂界集线点带段户筑装养殖染污闲息售待货圾",
    badNames: ["贫困山", "偏远山", "边远山", "深山", "大山", "高山"],
  },
  县: { level: "district", min: 1, max: 4, badLast: "全本该我各外邻郡知委", badNext: "级" },
  自治县: { level: "district", min: 2, max: 8 },
  街道: { level: "town", min: 2, max: 4, badNames: ["社区", "所在", "各个", "辖区", "周边", "附近", "城市", "沿途"] },
  镇: { level: "town", min: 2, max: 4, badLast: "城乡小古集重坐本该全各村", badNext: "压静定痛" },
  乡: { level: "town", min: 2, max: 4, badLast: "城家老故同下回返他异本该各全思梦水", badNext: "村下亲土愁音里民情间贤镇" },
  社区: { level: "community", min: 2, max: 5, badNames: GENERIC_AREA },
  村: {
    level: "community", min: 2, max: 5, badNext: "民庄级镇落",
    badLast: "农乡山渔假然政困范点全本该各邻同外进出回", badNames: ["城中", "度假", "自然", "行政", "移民", "贫困", "示范", ...GENERIC_AREA],
  },
  小区: { level: "community", min: 2, max: 8, digitsOk: true, badNames: GENERIC_AREA },
  花园: COMPOUND, 家园: COMPOUND, 公寓: COMPOUND, 广场: { ...COMPOUND, badNext: "舞" }, 大厦: COMPOUND, 新村: COMPOUND, 苑: COMPOUND,
  城: {
    level: "community", min: 2, max: 6, badNext: "市区管乡镇中建里外内墙门际投关",
    badLast: "县省京长古老全满进出回名都卫空围边", badNames: ["大学", "科技", "美食", "汽车", "影", "商"],
  },
  路: {
    level: "road", min: 2, max: 6, badNext: "线费灯况人由径过",
    badLast: "道马铁线网电思出套迷岔歧弯退活销修走让带引赶绕堵拦挡问半末生死心航陆辅泥烂土砂渣速跑",
    badNames: [
      "高速公", "农村公", "乡村公", "城市公", "村级公", "县级公", "通村公", "硬化", "回家", "上班", "下班", "放学", "上学", "一条",
      "必经之", "十字", "交叉", "快速", "水泥", "断头", "泥巴", "小区", "柏油", "沥青", "砂石", "碎石", "高架", "主干", "次干",
      "慢行", "人行", "机动车", "非机动车", "环形", "进出", "出入", "乡间", "乡村", "田间", "通村", "通组", "村级", "村组", "入户",
      "连接", "联络", "过境", "环线", "社区", "主", "分岔", "丁字", "林荫", "崎岖", "泥泞", "盘山", "单行", "双向", "内部",
    ],
  },
  街: { level: "road", min: 2, max: 6, badNext: "头边坊舞", badNames: ["步行", "美食", "商业", "小吃", "酒吧", "一条", "这条", "整条"] },
  大道: { level: "road", min: 2, max: 6, badNames: ["康庄", "阳光"] },
  巷: { level: "road", min: 2, max: 6, badLast: "小街深" },
};

/** Longer suffixes first so "街道" beats "街", "社区"/"小区" beat "区", "新村" beats "村". */
const SUFFIX_RE = new RegExp(Object.keys(RULES).sort((a, b) => b.length - a.length).join("|"), "g");

/**
 * Characters that never occur inside a place name here: function words, pronouns and common verbs. Reading a
 * name leftwards stops at them, which strips "在", "位于", "住在", "我们", "我是", "家住", "反映" … Characters that
 * do occur in names (和平路, 向阳路, 成都, 太平街, 将军路, 西地省, 魅力之城) are deliberately not here.
 */
const STOP_CHARS = new Set(
  "的了是在于我你他她它们这那个些把被从往到对给与及或请让要也就很没不说问为因所以但而且其该此各某等已又再还" +
  "曾去来过着想看见吗呢吧啊呀哦嗯啦得住映诉报询望求咨反投举条号年距离近离附处每整" +
  "什么次据悉只仅却并甚至侧转乘坐交考虑极唯独拆除取消促致使您即未应题属者可能由现将自户行切否走",
);
/** Words that start a captured name but are not part of it ("前往X路", "发现X小区"). */
const LEAD_WORDS = [
  // verbs and adverbs that end right before a place name in complaints (read off the public letters)
  "前往", "回到", "进入", "路过", "经过", "途经", "沿着", "靠近", "包括", "地处", "坐落", "毗邻", "紧邻", "搬到", "发现", "希望",
  "建议", "整治", "修建", "建设", "开通", "解决", "加快", "加大", "加强", "加上", "加之", "尽快", "督促", "恳请", "申请", "导致",
  "影响", "严重", "造成", "开展", "对于", "关于", "针对", "同时", "如果", "直接", "立即", "无法", "一下", "比如", "安排", "进行",
  "保证", "完成", "确保", "切实", "启动", "维护", "满足", "增加", "纳入", "虽然", "难道", "知道", "当时", "当地", "当初", "当前",
  "有关", "联系", "缓解", "管理", "处理", "办理", "打通", "打造", "提高", "提升", "提出", "提供", "按照", "优化", "优先", "组织",
  "负责", "责令", "责成", "执行", "非常", "临时", "部分", "全面", "方面", "分流", "然后", "仍然", "另外", "此外", "以外", "回复",
  "多次", "许多", "很多", "全部", "改造", "改善", "修缮", "实施", "落实", "推进", "重视", "关注", "帮助", "继续", "结合", "占用",
  "拉通", "开放", "成立", "恢复", "延长", "变成", "购买", "绕道", "综合", "完善", "重新", "建成", "修好", "修通", "通往", "通向",
  "连通", "连接", "规划", "上述", "形成", "经济", "考虑", "取消", "拆除", "新建", "相关", "共同", "积极", "严格", "致使", "甚至", "唯独", "代表",
  // people, bodies and generic nouns that precede a place
  "居民", "业主", "村民", "市民", "全体", "广大", "本人", "领导", "书记", "市长", "区长", "县长", "镇长", "村长", "主任", "局长",
  "政府", "部门", "单位", "公司", "物业", "学校", "车辆", "公交", "地铁", "车站", "城管", "消防", "交通", "教育", "工业", "农村",
  "国家", "全国", "项目", "安置", "保障", "垃圾", "情况", "主干", "开发", "辖区", "城区", "县城", "街道", "小区", "社区", "路口",
  "路段", "道路", "线路", "公路", "马路", "市政", "周边", "周围", "旁边", "隔壁", "对面", "门口", "进出", "出入", "沿线", "方便", "一名", "一个", "各个", "所有",
  "第一", "一期", "二期", "三期", "四期", "南北", "东西", "左转", "右转", "之前", "目前", "今天", "昨天", "最近", "近日", "日前",
  // single characters that end such words ("所有" → 有, "加入" → 入) and rarely start a name; a real name that
  // starts with one is shortened and, if too short then, dropped — rare next to the noise they remove
  "有", "然", "加", "入", "实", "系", "理", "打", "提", "按", "动", "优", "格", "责", "非", "部", "面", "管", "分", "房", "走",
  "修", "改", "接", "原", "经", "家", "向(?!阳)", "小小", "地方", "房产", "财产", "方式",
];
const LEAD_RE = new RegExp(`^(?:${LEAD_WORDS.join("|")})+`);
/** Between two places these join them ("X路和Y路"); elsewhere they can start a name (和平路, 向阳路, 同仁街). */
const CONNECTOR_RE = /^[和或即由至向同]/;

/** Names that start with a leading word: 经开区 (经济技术开发区). */
const KEEP_WHOLE = new Set(["经开"]);
/** Drop leading words ("经洞井村" → 洞井村), except from the few names that start with one ("经开区"). */
function stripLead(raw: string): string {
  const name = raw.replace(LEAD_RE, "");
  return name.length >= 2 || /^[A-Z]/.test(name) || !KEEP_WHOLE.has(raw) ? name : raw;
}

/** Prepositions and verbs glued to a province or city name ("向西地省", "市委市政府" → no city "委市"). */
const ADMIN_LEAD_RE = /^[向知政对给和同由经为及将按依据]+/;

/** Anonymised names of the public data: "A市", "A1区", "K8县", "F9市". */
const ANON = /^[A-Z]\d{0,2}$/;
const HAN_NAME = /^[\u4e00-\u9fff]+$/;
const ALNUM_NAME = /^[\u4e00-\u9fff0-9A-Za-z]+$/;
const DIGITS = /^\d+$/;
const MAX_SCAN = 12;

function isNameChar(code: number, ch: string): boolean {
  if (code >= 0x4e00 && code <= 0x9fff) return !STOP_CHARS.has(ch);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

interface Found {
  name: string;
  start: number;
  end: number;
  level: Level;
}

/** Is `name` + `suffix` a place of that kind? `afterPlace`: the name starts right where another place ended. */
function accept(name: string, suffix: string, next: string | undefined, afterPlace: boolean): boolean {
  const rule = RULES[suffix];
  if (rule.level !== "road" && rule.level !== "community" && ANON.test(name)) return true;
  if (next !== undefined && rule.badNext?.includes(next)) return false;
  if (rule.badNames?.includes(name)) return false;
  if (DIGITS.test(name)) return rule.digitsOk === true;
  if (!(rule.level === "community" || rule.level === "road" ? ALNUM_NAME : HAN_NAME).test(name)) return false;
  // One-character county names ("沛县") only right after a city or province; otherwise "全县", "进县" …
  const min = suffix === "县" && !afterPlace ? 2 : rule.min;
  if (name.length < min || name.length > rule.max) return false;
  return !rule.badLast?.includes(name[name.length - 1]);
}

/** Administrative suffixes whose rejected candidates still end the name of the next place ("洪山区珞喻路"). */
const ADMIN = new Set(["省", "市", "区", "县"]);

function scan(text: string): Found[] {
  const found: Found[] = [];
  let lastEnd = 0; // names are read leftwards no further than this
  let placeEnd = -1; // end of the last accepted place
  for (const m of text.matchAll(SUFFIX_RE)) {
    const s = m.index!;
    const suffix = m[0];
    const e = s + suffix.length;
    const prev = found[found.length - 1];
    // "丽发新城" + "小区" is one compound: "丽发新城小区".
    if (suffix === "小区" && prev && prev.end === s && prev.level === "community" && !/(小区|社区|村)$/.test(prev.name)) {
      prev.name += suffix;
      prev.end = lastEnd = placeEnd = e;
      continue;
    }
    let i = s;
    const limit = Math.max(lastEnd, s - MAX_SCAN);
    while (i > limit && isNameChar(text.charCodeAt(i - 1), text[i - 1])) i--;
    const afterPlace = i === placeEnd;
    let name = stripLead(afterPlace ? text.slice(i, s).replace(CONNECTOR_RE, "") : text.slice(i, s));
    if (suffix === "省" || suffix === "市") name = name.replace(ADMIN_LEAD_RE, "");
    if (name && accept(name, suffix, text[e], afterPlace && s - name.length === placeEnd)) {
      found.push({ name: name + suffix, start: s - name.length, end: e, level: RULES[suffix].level });
      lastEnd = placeEnd = e;
    } else if (ADMIN.has(suffix) && name.length >= 2) {
      lastEnd = e; // "开发区", "洪山区" (rejected as 山区): still the end of a word
    }
  }
  return found;
}

/** Distinct places in order of first appearance. */
export function extractPlaces(text: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const f of scan(text)) if (!out.includes(f.name)) out.push(f.name);
  return out;
}

const RANK: Record<Level, number> = { province: 0, city: 1, district: 2, town: 3, road: 4, community: 5 };
const LEVEL_SUFFIX = new RegExp(`(?:${Object.keys(RULES).sort((a, b) => b.length - a.length).join("|")})$`);

/** Level of a place string as returned by extractPlaces (by its suffix). */
export function placeLevel(place: string): Level | null {
  const m = place.match(LEVEL_SUFFIX);
  return m ? RULES[m[0]].level : null;
}

/** The most specific place: community/compound > road > street/town > district/county > city > province. */
export function primaryPlace(places: string[]): string | null {
  let best: string | null = null;
  let bestRank = -1;
  for (const p of places) {
    const level = placeLevel(p);
    const rank = level ? RANK[level] : -1;
    if (rank > bestRank) { best = p; bestRank = rank; }
  }
  return best;
}
