// The fictional city 江城市: districts, streets, 小区, roads, institutions and people's names.
// The city itself is built from a fixed seed, so place names are the same whatever seed the data uses.
import { Rng } from "./random";

export const CITY = "江城市";

export interface District {
  name: string;
  weight: number;
  streets: string[];
  rural: boolean;
}

export const DISTRICTS: District[] = [
  { name: "江南区", weight: 20, rural: false, streets: ["南湖街道", "中华路街道", "紫阳街道", "白沙街道", "书院街道", "望江街道"] },
  { name: "江北区", weight: 19, rural: false, streets: ["兴华街道", "花桥街道", "后湖街道", "北站街道", "长丰街道", "新河街道"] },
  { name: "高新区", weight: 14, rural: false, streets: ["科创街道", "星湖街道", "九峰街道", "花山街道", "创业街道"] },
  { name: "滨湖区", weight: 13, rural: false, streets: ["湖滨街道", "沙湖街道", "鹦洲街道", "琴湖街道", "月湖街道"] },
  { name: "东湖区", weight: 13, rural: false, streets: ["东亭街道", "磨石街道", "湖东街道", "水岸街道", "梨园街道"] },
  { name: "西山区", weight: 10, rural: false, streets: ["西山街道", "金山街道", "将台街道", "吴山街道", "红旗街道"] },
  { name: "临江县", weight: 11, rural: true, streets: ["城关镇", "沙河镇", "柳溪镇", "石桥镇", "双凤乡", "青山镇"] },
];

const DISTRICT_WEIGHTS = DISTRICTS.map((d) => d.weight);

export const ROADS = [
  "解放大道", "建设路", "人民路", "中山路", "和平大道", "滨江大道", "江城大道", "高新大道", "东湖路", "滨湖路",
  "西山路", "临江路", "文化路", "学府路", "科技路", "创业路", "友谊路", "胜利街", "青年路", "工业路",
  "站前路", "湖滨路", "春风路", "朝阳路", "幸福路", "振兴路", "金桥大道", "望江路", "沿江路", "环城北路",
  "环城南路", "光明路", "民主路", "新华路", "长丰大道", "江景大道", "龙泉路", "紫阳路", "汉兴路", "花桥路",
  "星湖大道", "九峰一路", "湖光路", "桂园路", "梧桐路", "石桥路", "柳溪大道", "青山路", "育才路", "丰收路",
];

const XQ_PREFIX = [
  "翠湖", "锦绣", "阳光", "金色", "紫荆", "梧桐", "桂园", "枫林", "滨江", "御景", "书香", "怡和", "春江", "明珠",
  "东方", "盛世", "长江", "学府", "青年", "幸福", "和谐", "康乐", "星河", "月湖", "水岸", "香樟", "丽景", "新城",
  "银河", "金桥", "南湖", "北辰", "西城", "东苑", "湖光", "山水", "绿洲", "翡翠", "百合", "玉兰", "丹桂", "清华",
  "嘉和", "福星", "恒安", "泰和", "永安", "润园", "江湾", "龙湖", "凤凰", "秀水", "天鹅", "半岛", "云栖", "兰亭",
];
const XQ_SUFFIX = [
  "花园", "小区", "家园", "苑", "新村", "公馆", "名都", "雅苑", "华庭", "城", "佳园", "华府", "御府", "公寓", "里",
  "花园二期", "一期", "三期", "湾", "新城",
];

export interface Community {
  name: string;
  district: string;
  street: string;
  /** 老旧小区 or 新建商品房, used by some phrases. */
  old: boolean;
  buildings: number;
}

export interface CityData {
  communities: Community[];
  villages: { name: string; district: string; street: string }[];
}

/** The community of the July water-outage burst. */
export const BURST_COMMUNITY: Community = { name: "翠湖花园", district: "江南区", street: "南湖街道", old: false, buildings: 18 };
/** The metro-construction noise burst site. */
export const METRO_SITE = { line: "6号线", station: "花桥路站", district: "江北区", street: "花桥街道", road: "花桥路", near: ["锦绣家园", "花桥新村", "汉兴华庭"] };

const VILLAGE_NAMES = [
  "王家湾", "李家岗", "张家台", "刘家垸", "陈家咀", "杨树湾", "柳河", "石门", "桃园", "杏花", "沙岗", "双河",
  "黄土坡", "新庄", "马鞍山", "白鹤", "青石", "枣林", "后湾", "大屋", "周家湾", "东岳", "竹林", "高桥",
];

function buildCity(): CityData {
  const rng = new Rng(0x5eed_c17e);
  const used = new Set<string>([BURST_COMMUNITY.name, ...METRO_SITE.near]);
  const communities: Community[] = [BURST_COMMUNITY];
  const jiangbei = DISTRICTS.find((d) => d.name === "江北区")!;
  for (const n of METRO_SITE.near) {
    communities.push({ name: n, district: jiangbei.name, street: METRO_SITE.street, old: n.includes("新村"), buildings: rng.int(6, 30) });
  }
  while (communities.length < 260) {
    const name = rng.pick(XQ_PREFIX) + rng.pick(XQ_SUFFIX);
    if (used.has(name)) continue;
    used.add(name);
    const d = rng.weighted(DISTRICTS, DISTRICT_WEIGHTS);
    const old = name.includes("新村") || name.endsWith("小区") || name.endsWith("里") || rng.chance(0.25);
    communities.push({ name, district: d.name, street: rng.pick(d.streets), old, buildings: rng.int(4, 40) });
  }
  const county = DISTRICTS.find((d) => d.rural)!;
  const villages = VILLAGE_NAMES.map((v) => ({ name: v + "村", district: county.name, street: rng.pick(county.streets) }));
  return { communities, villages };
}

export const CITYDATA: CityData = buildCity();

export function pickDistrict(rng: Rng): District {
  return rng.weighted(DISTRICTS, DISTRICT_WEIGHTS);
}

export function districtOf(name: string): District {
  return DISTRICTS.find((d) => d.name === name) ?? DISTRICTS[0];
}

export const HOSPITALS = [
  "江城市第一人民医院", "江城市第二人民医院", "江城市中医医院", "江城市妇幼保健院", "江城市中心医院", "江南区人民医院",
  "江北区人民医院", "高新区人民医院", "临江县人民医院", "江城市第三人民医院", "江城市儿童医院", "江城市口腔医院",
];

export const SCHOOLS = [
  "实验小学", "第一小学", "育才小学", "外国语学校", "第三中学", "第十二中学", "江城中学", "师范附属小学",
  "光明小学", "第二初级中学", "阳光幼儿园", "童心幼儿园", "小天鹅幼儿园", "新星幼儿园", "第七中学", "科技小学",
];

export const SCENIC = [
  "东湖风景区", "西山森林公园", "江城古镇", "滨江公园", "江城博物馆", "临江湿地公园", "月湖公园", "江城动物园",
  "江城塔遗址公园", "南湖欢乐谷", "江城科技馆", "沙河漂流景区",
];

export const SHOP_PREFIX = [
  "佳佳", "鑫源", "好又多", "福满楼", "老刘", "小杨", "惠民", "金鼎", "百姓", "万家", "乐购", "华联", "大众", "春晖",
  "美佳", "新世纪", "红星", "永辉旺", "鸿运", "顺发", "聚鲜", "一品", "味之源", "江城老",
];
export const SHOP_KIND = [
  "超市", "餐馆", "烧烤店", "火锅店", "面馆", "便利店", "健身房", "美容院", "理发店", "药房", "母婴店", "家电城",
  "手机店", "洗车店", "奶茶店", "培训中心", "装饰公司", "汽车4S店", "农贸市场", "水果店",
];

export const COMPANY_PREFIX = [
  "宏达", "鑫盛", "华信", "恒通", "联创", "远航", "中汇", "鼎盛", "瑞丰", "金阳", "天成", "博远", "众合", "荣华",
  "兴业", "新锐", "长风", "天宇", "嘉禾", "汇通",
];
export const COMPANY_KIND = [
  "建筑工程有限公司", "科技有限公司", "餐饮管理有限公司", "物流有限公司", "电子厂", "服装厂", "装饰工程有限公司",
  "劳务有限公司", "物业服务有限公司", "房地产开发有限公司", "商贸有限公司", "教育咨询有限公司", "汽车服务有限公司",
];

export const PROPERTY_COMPANIES = ["安居物业", "金盾物业", "明珠物业", "长城物业", "佳和物业", "恒安物业", "绿城服务", "江城物业"];
export const DEVELOPERS = ["宏达置业", "江城城投置业", "鼎盛地产", "瑞丰房地产", "金阳置业", "华信地产", "天成置业"];

export const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
  "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
  "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
];
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (1 + i * 0.08));
const GIVEN = [
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
  "平", "刚", "桂英", "建国", "建华", "志强", "海燕", "玉兰", "晓东", "文军", "红梅", "小红", "春华", "国庆", "丽华",
  "子涵", "浩然", "欣怡", "梓轩", "雨桐", "宇航", "思远", "佳琪", "俊杰", "雪梅",
];

export function surname(rng: Rng): string {
  return rng.weighted(SURNAMES, SURNAME_WEIGHTS);
}

export function fullName(rng: Rng): string {
  return surname(rng) + rng.pick(GIVEN);
}

/** 来电人 as hotline systems record it. */
export function callerName(rng: Rng): string {
  const r = rng.next();
  if (r < 0.03) return "匿名";
  if (r < 0.05) return "市民";
  if (r < 0.07) return surname(rng) + "师傅";
  return surname(rng) + (rng.chance(0.5) ? "女士" : "先生");
}

/** 来信人 as mailbox systems publish it. */
export function letterAuthor(rng: Rng): string {
  const r = rng.next();
  if (r < 0.45) return surname(rng) + "**";
  if (r < 0.7) return surname(rng) + (rng.chance(0.5) ? "女士" : "先生");
  if (r < 0.8) return "匿名";
  if (r < 0.86) return rng.pick(["热心市民", "一位市民", "网友", "业主代表", "家长", "退休职工"]);
  return fullName(rng);
}

const NICK_A = [
  "江城", "爱吃热干面的", "南湖边的", "快乐的", "佛系", "早起的", "不想上班的", "追风的", "江北", "高新区打工", "滨湖",
  "东湖边", "临江", "吃货", "奔跑的", "安静的", "路过的", "认真的", "小区里的", "晚睡的",
];
const NICK_B = [
  "小王同学", "猫", "土豆", "大叔", "阿姨", "宝妈", "奶爸", "骑手", "程序员", "老师", "司机", "打工人", "小胖", "鱼",
  "橙子", "老李", "小陈", "兔子", "阿杰", "居民",
];

export function weiboNick(rng: Rng): string {
  const r = rng.next();
  if (r < 0.25) return "用户" + rng.int(1, 9) + rng.digits(9);
  if (r < 0.75) return rng.pick(NICK_A) + rng.pick(NICK_B) + (rng.chance(0.4) ? String(rng.int(1, 2025)) : "");
  if (r < 0.9) return rng.pick(NICK_B) + "_" + rng.pick(["jc", "JC", "wh", "xx", "lol", "2024", "666", "520"]) + rng.int(0, 99);
  return surname(rng) + rng.pick(["小姐姐", "哥", "姐", "大哥", "老师", "工"]) + rng.pick(["在江城", "爱生活", "", "_", "-江城"]);
}

/** A fake mobile number (138…, 159…), for masking tests. */
export function fakePhone(rng: Rng): string {
  return rng.pick(["138", "139", "137", "159", "158", "186", "187", "135", "177", "150"]) + rng.digits(8);
}

/** An ID-card-like 18-character number (fictional, checksum not valid on purpose). */
export function fakeIdCard(rng: Rng): string {
  const year = rng.int(1950, 2004);
  const month = String(rng.int(1, 12)).padStart(2, "0");
  const day = String(rng.int(1, 28)).padStart(2, "0");
  return "4201" + rng.digits(2) + year + month + day + rng.digits(3) + rng.pick(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]);
}
