// Hot issues that produce bursts of near-duplicate items: a week-long water outage in one 小区 and metro
// construction noise. Dates are relative to the last month so that every window keeps them when it is long enough.
import { BURST_COMMUNITY, METRO_SITE } from "./city";
import type { ClaimType } from "./bank";
import { DAY, HOUR, addMonths, at, type MonthRef } from "./timeline";

export interface Burst {
  id: "water" | "metro";
  /** First day (00:00) and the number of days with items. */
  start: number;
  days: number;
  /** Relative volume per day (length = days). */
  profile: number[];
  /** Items at scale 1. */
  hotline: number;
  mailbox: number;
  /** Topic "一级/二级" with weights. */
  topics: [string, number][];
  /** Units (short names or "district") with weights. */
  units: [string, number][];
  /** Hour-of-day profile: night-heavy for noise. */
  night: boolean;
  types: [ClaimType, number][];
  phrases: string[];
  /** Phrases for items after the issue was fixed (follow-ups); falls back to `phrases`. */
  after: string[];
  details: string[];
  replies: string[];
}

/** The latest month of the given calendar month that is at least `minBack` months before the end and inside the window;
 * otherwise `minBack` (or as far back as the window allows). */
function placeMonth(end: MonthRef, months: number, calendarMonth: number, minBack: number): MonthRef {
  for (let back = minBack; back <= months - 1; back++) {
    const m = addMonths(end, -back);
    if (m.month === calendarMonth) return m;
  }
  return addMonths(end, -Math.min(minBack, Math.max(0, months - 1)));
}

/** Bursts for a window of `months` months ending with `end`: the water outage in (preferably) July, metro noise from
 * (preferably) March. With the defaults: 2026-07-08 … 07-16 and 2026-03-05 … 04-25. */
export function bursts(end: MonthRef, months: number): Burst[] {
  const w = placeMonth(end, months, 7, 1);
  const m = placeMonth(end, months, 3, 2);
  const waterStart = at(w.year, w.month, 8);
  const metroStart = at(m.year, m.month, 5);
  const metroDays = 52;
  return [
    {
      id: "water",
      start: waterStart,
      days: 9,
      profile: [0.55, 1.4, 1.6, 1.45, 1.05, 0.75, 0.4, 0.15, 0.06],
      hotline: 300,
      mailbox: 30,
      topics: [["水电气暖/供水", 88], ["城乡建设/物业管理", 7], ["城乡建设/市政设施", 5]],
      units: [["水务局", 78], ["住建局", 12], ["district", 10]],
      night: false,
      types: [["投诉", 58], ["求助", 30], ["咨询", 10], ["举报", 2]],
      phrases: [
        "翠湖花园停水|{xq}从{bd}开始停水，到现在已经{days}天了，物业和自来水公司互相推诿，家里老人孩子生活很不方便",
        "翠湖花园持续停水|{xq}{dong}已经停水{days}天，一滴水都没有，只能去外面买桶装水，到底什么时候能恢复",
        "小区停水多日无人管|{xq}整个小区停水好几天了，没有任何通知，打供水公司电话一直占线",
        "停水期间送水不到位|{xq}停水第{days}天，说好的送水车只来了一次，高层住户根本提不上水",
        "小区大面积停水|{qu}{xq}从{bd}起全小区停水，{dong}{dy}的住户已经{days}天没法洗澡做饭",
        "停水抢修进度|{xq}停水的抢修进度能不能公开一下，{days}天了每天都说快了",
        "翠湖花园停水问题|{xq}这次停水时间太长了，{bd}到现在还没恢复，物业只在群里发了一条通知",
      ],
      after: [
        "停水后水质浑浊|{xq}停了一个星期水，现在来水了但水是黄的，还有沙子，不敢用",
        "要求停水赔偿|{xq}从{bd}起停水将近一个星期，要求物业和供水公司给业主一个说法，减免当月水费",
        "停水原因|{xq}前段时间停水一周，到底是什么原因，以后怎么避免",
      ],
      details: [
        "家里有{n}个月大的宝宝", "小区{nnn}多户都没水", "物业说是市政管网的问题，供水公司说是小区内部管网的问题",
        "已经{days}天没洗澡了", "这么热的天还停水", "{dong}{dy}{nn}楼，水根本提不上去", "老人只能去亲戚家住",
        "业主群里都炸锅了", "物业说管道要换，没说要多久",
      ],
      replies: [
        "经核实，停水系{xq}小区内部供水主管老化破裂所致，抢修需更换管段，已于{rdate}恢复供水，停水期间每日安排送水车送水",
        "供水公司已会同物业对小区内部管网进行抢修，现已恢复正常供水，并对水质进行了检测，检测结果合格",
        "已协调{qu}、街道和物业成立专班，停水期间设置临时供水点，现已全面恢复供水",
      ],
    },
    {
      id: "metro",
      start: metroStart,
      days: metroDays,
      profile: Array.from({ length: metroDays }, (_, i) => (i < 5 ? 0.6 + i * 0.25 : i < 20 ? 1.7 - (i - 5) * 0.04 : Math.max(0.25, 1.1 - (i - 20) * 0.03))),
      hotline: 160,
      mailbox: 25,
      topics: [["环境保护/噪声污染", 65], ["城乡建设/城市建设与施工", 35]],
      units: [["生态环境局", 45], ["住建局", 30], ["交通运输局", 15], ["district", 10]],
      night: true,
      types: [["投诉", 85], ["举报", 8], ["咨询", 5], ["建议", 2]],
      phrases: [
        "地铁施工夜间噪音|地铁{line}{station}工地每天晚上施工到凌晨{h}点，破碎锤和渣土车的声音吵得根本睡不着",
        "地铁工地噪音扰民|{wo}住在{near}，紧挨着地铁{line}{station}工地，已经连续{n}个晚上没睡好觉",
        "地铁施工扰民|{station}施工的夜间许可到底办到什么时候？每天半夜都有挖掘机在干活",
        "地铁施工渣土车|地铁{line}工地的渣土车半夜进出，又鸣笛又抛洒，{road}上全是泥",
        "地铁工地强光噪音|{station}工地晚上的大灯直射{near}的窗户，电焊声、敲打声一直不停",
        "地铁夜间施工|{road}地铁工地夜里{h}点还在打桩，{near}的居民都被吵醒了",
      ],
      after: [],
      details: [
        "孩子马上要考试了", "家里老人被吵得血压都高了", "施工方说是连续作业，有夜间施工许可", "用手机测了有{nn}分贝",
        "白天施工可以理解，半夜实在受不了", "{near}好几栋楼的居民都在反映", "已经打过{n}次电话了",
      ],
      replies: [
        "经现场核查，地铁{line}{station}工程因连续浇筑需要办理了夜间施工许可，已要求施工单位22时后停止高噪声作业、渣土车夜间减速禁鸣，并加装隔声屏",
        "已约谈施工单位，对夜间施工时段进行压缩，并安排专人夜间巡查",
      ],
    },
  ];
}

/** Placeholders specific to a burst item. */
export function burstFill(b: Burst, t: number, rngPick: <T>(xs: readonly T[]) => T): Record<string, string> {
  const startP = new Date(b.start * 1000);
  const days = Math.max(1, Math.floor((t - b.start) / DAY) + 1);
  const restored = b.start + 6 * DAY + 19 * HOUR;
  const rp = new Date(restored * 1000);
  if (b.id === "water") {
    return {
      xq: BURST_COMMUNITY.name,
      bd: rngPick([`${startP.getUTCMonth() + 1}月${startP.getUTCDate()}日`, `${startP.getUTCMonth() + 1}月${startP.getUTCDate()}号`, `${startP.getUTCDate()}号`]),
      days: String(Math.min(days, 7)),
      rdate: `${rp.getUTCMonth() + 1}月${rp.getUTCDate()}日`,
    };
  }
  return { line: METRO_SITE.line, station: METRO_SITE.station, near: rngPick(METRO_SITE.near), road: METRO_SITE.road };
}

export function burstRestoredAt(b: Burst): number {
  return b.start + 6 * DAY + 19 * HOUR;
}
