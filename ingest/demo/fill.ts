// Placeholder filling: one Ctx per item so that {xq}, {lu}, … agree across title, body and reply.
import {
  CITYDATA, COMPANY_KIND, COMPANY_PREFIX, DEVELOPERS, DISTRICTS, HOSPITALS, PROPERTY_COMPANIES, ROADS, SCENIC, SCHOOLS,
  SHOP_KIND, SHOP_PREFIX, pickDistrict, type Community, type District,
} from "./city";
import type { PlaceKind } from "./bank";
import type { Rng } from "./random";
import { DAY, parts } from "./timeline";

const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1–99 in Chinese numerals (两 for a lone 2 when `liang`). */
export function cnNumber(n: number, liang = false): string {
  if (n === 2 && liang) return "两";
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? "" : CN_DIGITS[tens]) + "十" + (ones ? CN_DIGITS[ones] : "");
}

const COMMUNITIES_BY_DISTRICT = new Map<string, Community[]>();
for (const c of CITYDATA.communities) {
  const list = COMMUNITIES_BY_DISTRICT.get(c.district) ?? [];
  list.push(c);
  COMMUNITIES_BY_DISTRICT.set(c.district, list);
}

const DURATIONS = [
  "一个多月", "半个多月", "两三天", "一个星期", "十来天", "大半年", "两年多", "好几个月", "三个多月", "一年多", "快一个月",
  "四五天", "二十多天", "半年",
];
const RECENT = ["最近一个月", "这段时间", "今年以来", "近两周", "最近", "这半年", "近期", "这几天"];
const VACCINES = ["九价HPV疫苗", "流感疫苗", "狂犬疫苗", "水痘疫苗", "肺炎疫苗", "带状疱疹疫苗", "乙肝疫苗"];
const PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

export type Person = 1 | 3;

export class Ctx {
  private cache = new Map<string, string>();
  district: District;
  community: Community;
  street: string;

  constructor(
    readonly rng: Rng,
    /** Time the citizen wrote / called (for {date}, {month}). */
    readonly t: number,
    readonly person: Person,
    fixed?: { community?: Community; district?: string },
  ) {
    if (fixed?.community) {
      this.community = fixed.community;
      this.district = DISTRICTS.find((d) => d.name === fixed.community!.district)!;
    } else {
      this.district = fixed?.district ? DISTRICTS.find((d) => d.name === fixed.district)! : pickDistrict(rng);
      const pool = COMMUNITIES_BY_DISTRICT.get(this.district.name) ?? CITYDATA.communities;
      this.community = rng.pick(pool);
    }
    this.street = fixed?.community ? this.community.street : this.district.rural ? rng.pick(this.district.streets) : this.community.street;
  }

  get(key: string): string {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const v = this.make(key);
    this.cache.set(key, v);
    return v;
  }

  set(key: string, value: string): void {
    this.cache.set(key, value);
  }

  /** Values that should differ on every use (numbers, durations) are not cached. */
  private fresh(key: string): string | undefined {
    const r = this.rng;
    switch (key) {
      case "n": {
        const n = r.int(2, 9);
        return r.chance(0.5) ? cnNumber(n, true) : String(n);
      }
      case "nn":
        return String(r.int(10, 99));
      case "nnn":
        return String(r.int(100, 999));
      case "nnnn":
        return String(r.int(1000, 9999));
      case "money":
        return String(r.pick([r.int(2, 50) * 100, r.int(1, 30) * 1000, r.int(3, 60) * 1000, r.int(1, 9) * 10000 + r.int(0, 9) * 1000]));
      case "price":
        return (1.5 + r.int(0, 25) / 10).toFixed(1);
      case "h":
      case "h2":
        return String(r.pick([1, 2, 5, 6, 7, 8, 10, 11, 12]));
      case "dur":
        return r.chance(0.3) ? `${r.int(2, 9)}${r.pick(["天", "个月", "个星期"])}` : r.pick(DURATIONS);
      case "recent":
        return r.pick(RECENT);
      case "date":
        return this.date(r.int(1, 25));
      case "date1":
        return this.date(r.int(1, 3));
      case "fdate":
        return this.date(-r.int(3, 20));
      case "month":
        return this.monthText(-r.int(2, 14));
      case "fmonth":
        return this.monthText(r.int(1, 8));
      case "mm":
        return String(r.int(1, 12));
      case "fever":
        return (38 + r.int(0, 18) / 10).toFixed(1);
      case "hot":
        return String(r.int(35, 40));
      case "yrs":
        return String(r.pick([r.int(3, 12), r.int(10, 35)]));
      default:
        return undefined;
    }
  }

  private make(key: string): string {
    const f = this.fresh(key);
    if (f !== undefined) return f;
    const r = this.rng;
    switch (key) {
      case "qu":
        return this.district.name;
      case "jd":
        return this.street;
      case "xq":
        return this.community.name;
      case "dong":
        return r.chance(0.5) ? `${r.int(1, this.community.buildings)}栋` : `${r.int(1, this.community.buildings)}号楼`;
      case "dy":
        return `${r.int(1, 4)}单元`;
      case "lu":
        return r.pick(ROADS);
      case "lu2": {
        let x = r.pick(ROADS);
        while (x === this.get("lu")) x = r.pick(ROADS);
        return x;
      }
      case "shop":
        return r.pick(SHOP_PREFIX) + r.pick(SHOP_KIND);
      case "gs":
        return "江城" + r.pick(COMPANY_PREFIX) + r.pick(COMPANY_KIND);
      case "yy":
        return r.chance(0.2) ? `${this.street}社区卫生服务中心` : r.pick(HOSPITALS);
      case "xx": {
        const s = r.pick(SCHOOLS);
        return (s.startsWith("第") || s === "实验小学" ? this.district.name : r.pick([this.district.name, ""])) + s;
      }
      case "jq":
        return r.pick(SCENIC);
      case "cun": {
        const v = r.pick(CITYDATA.villages);
        return `${v.street}${v.name}`;
      }
      case "wy":
        return r.pick(PROPERTY_COMPANIES);
      case "kfs":
        return r.pick(DEVELOPERS);
      case "bus":
        return `${r.pick([r.int(1, 99), r.int(100, 599), r.int(1, 40)])}路`;
      case "metro":
        return `${r.int(1, 8)}号线`;
      case "zhan":
        return r.pick(ROADS).replace(/(大道|路|街)$/, "") + r.pick(["站", "路站", "口站", "路站"]);
      case "plate":
        return `鄂${PLATE_LETTERS[r.int(0, 5)]}${r.pick(PLATE_LETTERS.split(""))}${r.digits(4)}`;
      case "vaccine":
        return r.pick(VACCINES);
      default:
        throw new Error(`unknown placeholder {${key}}`);
    }
  }

  /** "7月8日" / "7月8号" / "昨天" for `back` days before t (negative = after t). */
  date(back: number): string {
    if (back === 1 && this.rng.chance(0.4)) return "昨天";
    if (back === 2 && this.rng.chance(0.4)) return "前天";
    const p = parts(this.t - back * DAY);
    return `${p.month}月${p.day}${this.rng.chance(0.7) ? "日" : "号"}`;
  }

  /** A month `delta` months from t: "今年3月" / "2025年11月". */
  private monthText(delta: number): string {
    const p = parts(this.t);
    const idx = p.year * 12 + p.month - 1 + delta;
    const y = Math.floor(idx / 12);
    const m = (idx % 12) + 1;
    return y === p.year && this.rng.chance(0.5) ? `今年${m}月` : `${y}年${m}月`;
  }

  /** Fills placeholders, including the person-dependent {wo}. */
  fill(template: string): string {
    let s = template;
    if (s.includes("{wo}")) {
      if (this.person === 1) s = s.replaceAll("{wo}", "我");
      else s = s.replaceAll("{wo}们", "他们").replaceAll("{wo}家", "其家").replaceAll("{wo}", "来电人");
    }
    // Clock hours that fit the word before them (凌晨3点, 晚上10点), and ranges that go forward.
    s = s.replace(/早上\{h\}点到\{h2\}点/g, () => {
      const h = this.rng.int(6, 8);
      return `早上${h}点到${h + this.rng.int(1, 3)}点`;
    });
    s = s.replace(/(凌晨|早上|中午|下午|傍晚|晚上|夜里|半夜)\{h2?\}/g, (_, w: string) => w + this.hourFor(w));
    // "{nn}多" reads naturally only with a round number: 30多, 200多.
    s = s.replace(/\{(nn|nnn|nnnn)\}多/g, (_, k: string) => `${this.rng.int(1, 9)}${"0".repeat(k.length - 1)}多`);
    return s.replace(/\{([a-z0-9]+)(?:=([^}]+))?\}/g, (_, k: string, arg: string | undefined) => (arg ? this.withKind(k, arg) : this.get(k)));
  }

  private hourFor(word: string): number {
    const r = this.rng;
    switch (word) {
      case "凌晨":
        return r.int(1, 5);
      case "早上":
        return r.int(5, 8);
      case "中午":
        return r.pick([12, 1]);
      case "下午":
        return r.int(2, 5);
      case "傍晚":
        return r.int(5, 7);
      case "晚上":
        return r.int(8, 11);
      default:
        return r.pick([11, 12, 1, 2]);
    }
  }

  /** {shop=健身房/美容院}: a shop of one of the given kinds (kept for the item once chosen). */
  private withKind(key: string, kinds: string): string {
    if (key !== "shop") throw new Error(`placeholder {${key}=…} is not supported`);
    const list = kinds.split("/");
    const hit = this.cache.get("shop");
    if (hit !== undefined && list.some((k) => hit.endsWith(k))) return hit;
    const v = this.rng.pick(SHOP_PREFIX) + this.rng.pick(list);
    this.cache.set("shop", v);
    return v;
  }

  /** 事发地点 for a place kind (the values are also cached into the ctx so text and location agree). */
  location(kind: PlaceKind): string {
    const r = this.rng;
    const qu = this.district.name;
    switch (kind) {
      case "xq":
        return r.chance(0.6) ? `${qu}${this.street}${this.community.name}` : `${qu}${this.community.name}${this.get("dong")}`;
      case "road": {
        const x = r.next();
        if (x < 0.45) return `${qu}${this.get("lu")}与${this.get("lu2")}交叉口`;
        if (x < 0.8) return `${qu}${this.get("lu")}${r.int(1, 400)}号附近`;
        return `${qu}${this.street}${this.get("lu")}`;
      }
      case "shop":
        return `${qu}${this.get("lu")}${r.int(1, 300)}号${this.get("shop")}`;
      case "school":
        return this.get("xx").startsWith(qu) ? this.get("xx") : `${qu}${this.get("xx")}`;
      case "hospital":
        return this.get("yy").includes("社区") ? `${qu}${this.get("yy")}` : this.get("yy");
      case "scenic":
        return this.get("jq");
      case "company":
        return `${qu}${this.get("lu")}${r.int(1, 500)}号${this.get("gs")}`;
      case "bus":
        return `${qu}${this.get("zhan")}公交站`;
      case "village":
        return `临江县${this.get("cun")}`;
      case "office":
        return r.chance(0.7) ? `${qu}政务服务中心` : `${qu}${this.street}便民服务中心`;
      case "any":
        return this.location(r.pick(["xq", "road", "shop"] as const));
    }
  }
}
