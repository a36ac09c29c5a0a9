// Hot-issue clustering on hand-written items: near-duplicates and same-place reports merge, unrelated items and
// other problems at the same place stay apart, far-apart reports do not chain, heat orders clusters.
import { describe, expect, it } from "vitest";
import { clusterHotIssues, heatScore, isSpecificPlace, mergedCount, type HotItem } from "../../ingest/nlp/hot-issues";

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 1, 2); // 2025-03-01 10:00 Shanghai

let nextId = 1;
/** A letter "title\nbody" (the title is also given on its own, as loadHotItems does), or a work order without title. */
function item(text: string, options: Partial<HotItem> & { day?: number } = {}): HotItem {
  const { day = 0, ...rest } = options;
  const title = text.includes("\n") ? text.split("\n")[0] : null;
  return { id: nextId++, text, title, author: `writer-${nextId}`, likes: 0, receivedAt: T0 + day * DAY, places: [], topicId: null, departmentId: null, ...rest };
}

const GARAGE = "幸福家园小区";
/** Four citizens, four wordings, one problem: the garage of 幸福家园小区 leaks. */
function garageLeaks(): HotItem[] {
  return [
    item("幸福家园小区地下车库漏水严重\n幸福家园小区地下车库顶板漏水已经两个月，车辆被泡，物业不管，请相关部门督促维修。", { places: [GARAGE], day: 0 }),
    item("投诉幸福家园小区车库漏水\n我住幸福家园小区，地下车库一下雨就漏水，车库积水很深，希望尽快维修。", { places: [GARAGE], day: 2 }),
    item("幸福家园小区地下车库漏水无人管\n地下车库漏水的问题反映多次都没有解决，业主停车困难。", { places: [GARAGE], day: 3, likes: 5 }),
    item("关于幸福家园小区车库漏水的问题\n幸福家园小区地下车库多处漏水，物业推诿，请住建部门处理。", { places: [GARAGE], day: 5 }),
  ];
}

/**
 * Other problems, other places: none of these is a hot issue. Thirty of them, using the words every complaint
 * uses (物业, 停车, 业主, 问题, 处理), so that word rarity (IDF) means what it means on real data; each place
 * comes back with different problems.
 */
function unrelated(count = 30): HotItem[] {
  const places = ["人民路", "解放路", "阳光小学", "红星农贸市场", "东湖公园", "金色华庭", "翠苑小区", "滨江花园", "建设路", "第三中学", "清水河", "和平广场", "锦绣江南", "新华书店", "望江楼"];
  const problems: Array<[string, string]> = [
    ["路灯不亮", "路灯已经坏了一周，晚上出行很不安全，希望有关部门尽快修复。"],
    ["井盖缺失", "有个井盖丢了好几天，只用树枝挡着，行人和车辆都有危险。"],
    ["商贩占道经营", "门口商贩占道经营，早高峰交通拥堵，城管来了走，走了又来。"],
    ["物业服务差", "物业保安经常不在岗，楼道卫生没人打扫，业主意见很大。"],
    ["垃圾清运不及时", "垃圾桶满了好几天没人清运，夏天臭味很重，蚊蝇很多。"],
    ["停车位紧张", "周边停车位太少，车辆乱停乱放，消防通道经常被堵。"],
    ["违章搭建", "有人在楼顶违章搭建彩钢房，存在安全隐患，请执法部门查处。"],
    ["绿化带被毁", "绿化带被人为破坏种菜，影响环境美观，希望恢复绿化。"],
    ["自来水水压低", "最近自来水水压很低，高层住户基本用不上水，生活很不方便。"],
    ["网络信号差", "手机信号很差，经常打不通电话，希望运营商增加基站。"],
  ];
  return Array.from({ length: count }, (_, k) => {
    const place = places[k % places.length];
    // The same place comes back with another problem (shifted by 6, 2, 8, 4 for up to 75 items).
    const [title, body] = problems[(k + Math.floor(k / places.length)) % problems.length];
    return item(`${place}${title}\n${place}${body}`, { places: [place], day: k % 6 });
  });
}

const ids = (items: HotItem[]) => items.map((i) => i.id).sort((a, b) => a - b);
const memberIds = (c: { members: { itemId: number }[] }) => c.members.map((m) => m.itemId).sort((a, b) => a - b);

describe("clusterHotIssues", () => {
  it("puts reworded complaints about one compound's problem into one cluster and leaves the rest alone", () => {
    const leaks = garageLeaks();
    const clusters = clusterHotIssues([...leaks, ...unrelated()]);
    expect(clusters).toHaveLength(1);
    const [c] = clusters;
    expect(memberIds(c)).toEqual(ids(leaks));
    expect(c.itemCount).toBe(4);
    expect(c.writerCount).toBe(4);
    expect(c.likes).toBe(5);
    expect(c.place).toBe(GARAGE);
    expect(c.representativeId).toBe(leaks[2].id); // the most liked member
    expect(c.label).toBe("幸福家园小区地下车库漏水无人管");
    expect(c.keywords.join(" ")).toMatch(/漏水|车库/);
    expect(c.firstAt).toBe(leaks[0].receivedAt);
    expect(c.lastAt).toBe(leaks[3].receivedAt);
    expect(c.members.find((m) => m.itemId === c.representativeId)?.similarity).toBe(1);
  });

  it("reads hotline work orders (no title) by their first sentence", () => {
    // Operators open most work orders with 市民来电反映 and close them with a request: boilerplate that must not
    // make orders alike.
    const requests = ["要求尽快维修。", "请相关部门核查处理。", "希望尽快解决。", "要求相关部门处理。"];
    const background = unrelated(60).map((it, k) => ({ ...it, text: `市民来电反映：${it.text.replace("\n", "，")}${requests[k % 4]}`, title: null }));
    const orders = [
      item("市民来电反映：幸福家园小区地下车库漏水严重，车辆被泡，物业不处理，请相关部门督促维修。", { places: [GARAGE], day: 0 }),
      item("来电人称幸福家园小区地下车库顶板漏水，车库内积水很深，要求尽快维修。", { places: [GARAGE], day: 1 }),
      item("市民反映幸福家园小区地下车库多处漏水，物业推诿不修，请住建部门处理。", { places: [GARAGE], day: 2 }),
      item("市民来电反映：幸福家园小区物业今年起多收停车管理费，没有公示收费依据，要求核查。", { places: [GARAGE], day: 1 }),
    ];
    const clusters = clusterHotIssues([...orders, ...background]);
    expect(clusters.map(memberIds)).toEqual([ids(orders.slice(0, 3))]);
  });

  it("keeps another problem at the same compound out of the cluster", () => {
    const leaks = garageLeaks();
    const fee = item("幸福家园小区物业乱收停车费\n幸福家园小区物业今年起每月多收停车管理费，没有公示收费依据。", { places: [GARAGE], day: 1 });
    const clusters = clusterHotIssues([...leaks, fee, ...unrelated()]);
    expect(clusters).toHaveLength(1);
    expect(memberIds(clusters[0])).toEqual(ids(leaks));
  });

  it("merges resubmitted copies of one letter without any place, counting one writer", () => {
    const text = "强烈要求查处某某车贷集资诈骗案，受害人数以千计，立案一年多仍无进展，请公安机关公布办案进度并追缴赃款。";
    const copies = [0, 1, 3].map((day) => item(`${text}${day ? "再次反映。" : ""}`, { day, author: "A0001" }));
    const clusters = clusterHotIssues([...copies, ...unrelated()]);
    expect(clusters).toHaveLength(1);
    expect(memberIds(clusters[0])).toEqual(ids(copies));
    expect(clusters[0].writerCount).toBe(1);
    expect(clusters[0].place).toBeNull();
  });

  it("counts items without an author as distinct writers", () => {
    const leaks = garageLeaks().map((it, k) => ({ ...it, author: k < 2 ? null : "A0002" }));
    const [c] = clusterHotIssues([...leaks, ...unrelated()]);
    expect(memberIds(c)).toEqual(ids(leaks));
    expect(c.writerCount).toBe(3); // two anonymous + one named writer
  });

  it("does not link alike letters about two different compounds", () => {
    const a = `魅力之城临街门面烧烤店油烟直排，每天营业到凌晨，油烟和噪音严重影响居民休息，请城管部门查处。`;
    const b = `润芳园临街门面烧烤店油烟直排，每天营业到凌晨两点，油烟和噪音严重影响居民休息，请城管部门尽快查处。`;
    const placed = [item(a, { places: ["魅力之城"], day: 0 }), item(b, { places: ["润芳园"], day: 1 })];
    expect(clusterHotIssues([...placed, ...unrelated()])).toEqual([]);
    // Without places the two letters are near-duplicates: only the places keep them apart.
    const unplaced = [item(a, { day: 0 }), item(b, { day: 1 })];
    expect(clusterHotIssues([...unplaced, ...unrelated()]).map(memberIds)).toEqual([ids(unplaced)]);
  });

  it("does not chain reports further apart than the window, but chains reports with short gaps", () => {
    const text = (n: number) => `幸福家园小区地下车库漏水严重，顶板漏水车辆被泡，物业不管，请督促维修。第${n}次反映。`;
    const far = [item(text(1), { day: 0 }), item(text(2), { day: 45 })];
    expect(clusterHotIssues([...far, ...unrelated()])).toEqual([]);

    const twoBursts = [0, 4, 70, 74].map((day, k) => item(text(k), { day }));
    const bursts = clusterHotIssues([...twoBursts, ...unrelated()]);
    expect(bursts.map(memberIds).sort((x, y) => x[0] - y[0])).toEqual([ids(twoBursts.slice(0, 2)), ids(twoBursts.slice(2))]);

    const chain = [0, 20, 40].map((day, k) => item(text(k), { day }));
    const chained = clusterHotIssues([...chain, ...unrelated()]);
    expect(chained).toHaveLength(1);
    expect(memberIds(chained[0])).toEqual(ids(chain));
    // A shorter window splits the chain.
    expect(clusterHotIssues([...chain, ...unrelated()], { windowDays: 10 })).toEqual([]);
  });

  it("orders clusters by heat: more writers and likes first, older issues lower", () => {
    const small = [0, 1].map((day) => item("人民路井盖缺失，夜间行人容易掉进去，非常危险，请尽快补装井盖。", { day, author: "A0003" }));
    const big = garageLeaks();
    const asOf = T0 + 6 * DAY;
    const clusters = clusterHotIssues([...small, ...big, ...unrelated()], { asOf });
    expect(clusters.map(memberIds)).toEqual([ids(big), ids(small)]);
    expect(clusters[0].heat).toBeGreaterThan(clusters[1].heat);

    // The same garage cluster two months earlier cools below a fresh small one.
    const old = garageLeaks().map((it) => ({ ...it, receivedAt: it.receivedAt - 60 * DAY }));
    const later = clusterHotIssues([...small, ...old, ...unrelated()], { asOf });
    expect(later.map(memberIds)).toEqual([ids(small), ids(old)]);
  });

  it("is deterministic", () => {
    const all = [...garageLeaks(), ...unrelated()];
    expect(clusterHotIssues(all)).toEqual(clusterHotIssues(all));
  });

  it("clusters 50,000 items in a few seconds", () => {
    const items = syntheticItems(50_000);
    const started = performance.now();
    const clusters = clusterHotIssues(items);
    const ms = performance.now() - started;
    console.log(`clusterHotIssues: 50,000 items in ${Math.round(ms)} ms, ${clusters.length} clusters`);
    expect(clusters.length).toBeGreaterThan(100);
    expect(ms).toBeLessThan(20_000); // typically 2–4 s; generous for a loaded CI machine
  });
});

describe("heatScore", () => {
  it("counts writers double from the second on, log-scales everything and halves per half-life", () => {
    const asOf = T0;
    const now = heatScore({ writerCount: 3, itemCount: 3, likes: 0, lastAt: asOf }, asOf);
    expect(now).toBeCloseTo(2 * Math.log(3) + Math.log(4), 10);
    expect(heatScore({ writerCount: 3, itemCount: 3, likes: 0, lastAt: asOf - 14 * DAY }, asOf, 14)).toBeCloseTo(now / 2, 10);
    // One writer sending the same letter three times: a duplicate, not a hot issue.
    expect(heatScore({ writerCount: 1, itemCount: 3, likes: 0, lastAt: asOf }, asOf)).toBeCloseTo(Math.log(4), 10);
    expect(heatScore({ writerCount: 3, itemCount: 3, likes: 1000, lastAt: asOf }, asOf)).toBeCloseTo(now + Math.log(1001), 10);
    // Items after asOf are not hotter than "now".
    expect(heatScore({ writerCount: 3, itemCount: 3, likes: 0, lastAt: asOf + DAY }, asOf)).toBeCloseTo(now, 10);
  });
});

describe("mergedCount", () => {
  it("counts each cluster once", () => {
    const clusters = clusterHotIssues([...garageLeaks(), ...unrelated()]);
    expect(clusters.map((c) => c.itemCount)).toEqual([4]);
    expect(mergedCount(34, clusters)).toBe(31);
    expect(mergedCount(10, [])).toBe(10);
  });
});

describe("isSpecificPlace", () => {
  it("accepts compounds, roads and schools, not cities, districts, streets or kinds of place", () => {
    for (const p of ["幸福家园小区", "丽发新城", "人民路", "阳光小学", "伊景园滨河苑"]) expect(isSpecificPlace(p)).toBe(true);
    for (const p of ["长沙市", "A2区", "江南区", "暮云街道", "榔梨镇", "小区", "物业公司", "该小区"]) expect(isSpecificPlace(p)).toBe(false);
  });
});

/** Hotline-like items: random sentences from a vocabulary, 10% near-copies of earlier items, places shared by ~20 items. */
function syntheticItems(n: number): HotItem[] {
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const words = ["小区", "物业", "噪音", "扰民", "施工", "垃圾", "道路", "积水", "路灯", "停车", "占道", "油烟", "漏水", "电梯", "供暖", "公交", "学校", "医院", "社保", "工资",
    "拖欠", "维修", "投诉", "举报", "违建", "绿化", "排水", "污染", "收费", "拆迁", "补偿", "安置", "交通", "拥堵", "信号灯", "井盖", "围挡", "渣土", "夜间", "凌晨"];
  const places = Array.from({ length: Math.ceil(n / 20) }, (_, k) => `${"东南西北"[k % 4]}${"春夏秋冬梅兰竹菊"[k % 8]}${k}号小区`);
  const out: HotItem[] = [];
  for (let i = 0; i < n; i++) {
    const place = places[Math.floor(random() * places.length)];
    let text: string;
    if (i > 100 && random() < 0.1) {
      const source = out[Math.floor(random() * out.length)];
      text = source.text.slice(0, -6) + "请尽快处理";
    } else {
      const parts = [`反映${place}的问题`];
      const length = 20 + Math.floor(random() * 60);
      for (let k = 0; k < length; k++) parts.push(words[Math.floor(random() * words.length)]);
      text = parts.join("");
    }
    out.push({ id: i + 1, text, author: random() < 0.3 ? null : `u${Math.floor(random() * 30_000)}`, likes: Math.floor(random() * 3), receivedAt: T0 + Math.floor(random() * 180) * DAY, places: [place], topicId: i % 20, departmentId: i % 30 });
  }
  return out;
}
