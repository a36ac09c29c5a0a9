// Writes a large, deterministic 12345-hotline CSV in the `minyi-hotline` preset's format (ingest/presets/minyi.ts):
// UTF-8, header row, CRLF records, Chinese bodies of 60–200 characters with commas, some quoted fields with
// embedded newlines and "" escapes, times "YYYY-MM-DD HH:mm:ss" (Asia/Shanghai) in the 12 months before `end`.
// Streamed to disk in ~1 MB writes; never holds the whole file in memory.
import fs from "node:fs";
import { Prng, Weighted } from "./prng";

/** Bump when the output for a given seed changes, so `--keep` does not reuse a stale file. */
export const GENERATOR_VERSION = 1;

/** Every column the minyi-hotline preset reads (办理状态 feeds both status and statusRaw). */
export const HOTLINE_COLUMNS = [
  "工单编号", "受理时间", "诉求类型", "标题", "诉求内容", "来电人", "承办单位", "问题分类", "派单时间", "签收时间",
  "首次联系时间", "答复时间", "办结时间", "办理时限", "退单次数", "办理状态", "答复内容", "回访时间", "满意度", "是否解决",
  "事发地点",
] as const;

export interface GenerateOptions {
  file: string;
  items: number;
  seed: number;
  /** Last day (Asia/Shanghai, "YYYY-MM-DD") of the 12-month window; items are received before its end. */
  end: string;
}

export interface GenerateResult {
  file: string;
  items: number;
  bytes: number;
  seconds: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary of the fictional city 江城市.

const DISTRICTS: { name: string; streets: string[] }[] = [
  { name: "江南区", streets: ["南湖街道", "中华路街道", "紫阳街道", "白沙街道", "书院街道"] },
  { name: "江北区", streets: ["兴华街道", "花桥街道", "后湖街道", "北站街道", "长丰街道"] },
  { name: "高新区", streets: ["科创街道", "星湖街道", "九峰街道", "花山街道"] },
  { name: "滨湖区", streets: ["湖滨街道", "沙湖街道", "鹦洲街道", "琴湖街道"] },
  { name: "东湖区", streets: ["东亭街道", "磨石街道", "湖东街道", "水岸街道"] },
  { name: "西山区", streets: ["西山街道", "金山街道", "将台街道", "红旗街道"] },
  { name: "临江县", streets: ["城关镇", "沙河镇", "柳溪镇", "石桥镇", "双凤乡"] },
];
const ROADS = [
  "解放大道", "建设路", "人民路", "中山路", "和平大道", "滨江大道", "江城大道", "高新大道", "东湖路", "滨湖路", "西山路",
  "临江路", "文化路", "学府路", "科技路", "创业路", "友谊路", "胜利街", "青年路", "工业路", "站前路", "春风路", "朝阳路",
  "幸福路", "振兴路", "金桥大道", "望江路", "光明路", "民主路", "新华路",
];
const XQ_A = ["翠湖", "锦绣", "阳光", "金色", "紫荆", "梧桐", "桂园", "枫林", "滨江", "御景", "书香", "怡和", "春江", "明珠", "东方", "盛世", "学府", "幸福", "星河", "月湖", "水岸", "香樟", "丽景", "新城", "银河", "南湖", "北辰", "湖光", "绿洲", "玉兰"];
const XQ_B = ["花园", "小区", "家园", "苑", "新村", "公馆", "名都", "雅苑", "华庭", "佳园", "华府", "公寓"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
const SHOPS = ["佳佳超市", "鑫源烧烤店", "老刘面馆", "惠民药房", "金鼎健身房", "万家便利店", "春晖培训中心", "鸿运火锅店", "一品奶茶店", "美佳美容院", "顺发洗车店", "聚鲜水果店"];
const COMPANIES = ["宏达建筑工程有限公司", "鑫盛科技有限公司", "华信物流有限公司", "恒通电子厂", "联创装饰工程有限公司", "中汇劳务有限公司", "鼎盛餐饮管理有限公司", "瑞丰商贸有限公司"];
const PROPERTY = ["安居物业", "金盾物业", "明珠物业", "长城物业", "佳和物业", "恒安物业"];
const HOSPITALS = ["市第一人民医院", "市中医医院", "市妇幼保健院", "江南区人民医院", "市中心医院", "市儿童医院"];
const SCHOOLS = ["实验小学", "育才小学", "第三中学", "江城中学", "光明小学", "阳光幼儿园", "第七中学"];

/** ~20 承办单位 as exports write them: mostly catalogue names or aliases, two that need an alias. */
const D = {
  zj: "市住建局", cg: "市城管局", ga: "市公安局", jt: "市交通运输局", hb: "市生态环境局", jy: "市教育局", wj: "市卫健委",
  rs: "市人社局", sj: "市场监管局", sw: "市水务局", gd: "市供电公司", rq: "市燃气集团", mz: "市民政局", zr: "市自然资源局",
  yb: "市医保局", wl: "市文旅局", yj: "市应急管理局", ny: "市农业农村局", jn: "江南区人民政府", gx: "高新区管委会",
  zw: "市政务服务和大数据管理局",
} as const;

interface Topic {
  category: string;
  weight: number;
  depts: string[];
  issues: string[];
  problems: string[];
  demands: string[];
  replies: string[];
}

// Placeholders: {xq} 小区, {road} 路, {n} 门牌号, {days} 天数, {shop} 商户, {company} 公司, {pm} 物业, {hosp} 医院,
// {school} 学校, {street} 街道, {dist} 区, {time} 钟点, {money} 金额.
const TOPICS: Topic[] = [
  {
    category: "城乡建设/物业管理", weight: 14, depts: [D.zj, D.zj, D.jn, D.gx],
    issues: ["物业不作为", "电梯频繁故障", "物业费上涨", "楼道堆放杂物", "停车收费不合理", "消防通道被占"],
    problems: [
      "小区{n}栋电梯近一个月坏了{days}次，老人上下楼非常困难", "{pm}擅自上调物业费，未召开业主大会也没有公示",
      "小区垃圾好几天没人清运，天气热味道很大，蚊蝇滋生", "楼道里堆满了杂物和电动车，存在很大的消防隐患",
      "地下车库的灯坏了一半，晚上停车很不安全", "物业把小区绿地改成了停车位，每月还要收取{money}元停车费",
      "小区大门门禁坏了{days}天没人修，外来人员随意进出", "二次供水水箱长期不清洗，水里有黄色杂质",
    ],
    demands: ["请相关部门督促物业尽快整改", "希望住建部门依法查处", "要求物业公开收支明细", "请尽快安排维修并给业主一个说法"],
    replies: ["已约谈{pm}负责人，责令其在{days}日内完成整改", "经现场核查，电梯已由维保单位更换故障部件并恢复运行", "已督促物业清运垃圾并建立日常巡查制度", "物业费调整须经业主大会表决，已责令物业暂停执行新标准"],
  },
  {
    category: "城乡建设/城市建设与施工", weight: 9, depts: [D.zj, D.cg, D.hb],
    issues: ["夜间施工扰民", "渣土车撒漏", "工地扬尘严重", "施工围挡占道"],
    problems: [
      "{road}附近工地每天晚上施工到{time}点以后，噪音很大，严重影响居民休息", "渣土车沿{road}一路撒漏泥土，下雨后路面全是泥浆",
      "工地没有任何降尘措施，周边{xq}的窗台每天都是一层灰", "施工围挡占了大半条人行道，行人只能走机动车道，非常危险",
      "工地凌晨还在浇筑混凝土，打桩声音隔着几栋楼都能听到", "家里孩子马上要中考了，晚上根本没法安心复习",
    ],
    demands: ["请执法部门晚上来现场查看", "希望依法查处夜间违规施工", "请督促施工单位落实降尘措施", "请相关部门尽快处理"],
    replies: ["经查该工地未办理夜间施工许可，已依法立案处罚", "已责令施工单位对渣土车辆加盖密闭并清洗路面", "已要求施工单位增设雾炮和喷淋设施，执法人员将加强夜间巡查"],
  },
  {
    category: "城乡建设/市政设施", weight: 8, depts: [D.cg, D.cg, D.zj, D.gx],
    issues: ["路灯不亮", "井盖缺失", "道路破损", "排水不畅"],
    problems: [
      "{road}{n}号附近的路灯已经坏了{days}天，晚上一片漆黑", "{road}与{road2}交叉口有个井盖缺失，只用一个破桶挡着",
      "{road}路面坑洼不平，电动车经过时多次有人摔倒", "一下雨{road}就积水，最深的地方能没过膝盖",
      "人行道地砖松动，踩上去会溅出泥水", "公交站旁的排水口被堵，污水漫到路面上",
    ],
    demands: ["请尽快修复", "希望相关部门重视，避免发生意外", "请安排人员现场查看并处理", "请尽快疏通排水管网"],
    replies: ["经现场核实，路灯线路老化，已更换电缆并恢复照明", "已补装井盖并在周边设置警示标志", "已安排道路养护单位对破损路面进行修补", "已组织人员对排水管网进行清淤疏通"],
  },
  {
    category: "环境保护/噪声污染", weight: 7, depts: [D.hb, D.cg, D.ga],
    issues: ["广场舞噪音扰民", "商铺高音喇叭", "酒吧噪音"],
    problems: [
      "{xq}旁边的广场每天晚上有人跳广场舞，音响开得特别大，一直到{time}点", "{shop}门口的喇叭从早到晚循环播放促销广告",
      "楼下酒吧每天营业到凌晨两三点，音乐声和喧哗声不断", "附近空调外机噪音很大，夜里嗡嗡作响无法入睡",
    ],
    demands: ["请相关部门管一管", "希望能控制音量和时间", "请执法人员晚上过来实地测量噪音", "请依法处理"],
    replies: ["已联合社区对广场舞团队进行劝导，约定音量和结束时间", "已责令商户停止使用高音喇叭外放", "经噪声监测超标，已依法对经营者作出处罚"],
  },
  {
    category: "环境保护/大气污染", weight: 5, depts: [D.hb, D.cg],
    issues: ["烧烤油烟扰民", "工厂排放异味", "焚烧垃圾"],
    problems: [
      "{shop}露天烧烤，油烟直接排到居民楼里，窗户都不敢开", "{company}每天晚上排放刺鼻气味，附近居民头晕恶心",
      "有人在{road}附近的空地焚烧垃圾和废旧轮胎，浓烟滚滚", "餐馆没有安装油烟净化器，烟道就对着{xq}的卧室",
    ],
    demands: ["请环保部门来检测", "希望依法查处", "请督促商户安装油烟净化设备", "请尽快处理，保障居民健康"],
    replies: ["已责令商户安装油烟净化设施并停止露天烧烤", "经执法监测，该企业废气排放超标，已立案调查", "已安排人员扑灭火源并清理现场"],
  },
  {
    category: "交通运输/公共交通", weight: 6, depts: [D.jt, D.jt],
    issues: ["公交班次太少", "公交司机服务态度差", "公交站点设置不合理"],
    problems: [
      "{road}的{n}路公交早高峰要等四十分钟才来一趟，上班经常迟到", "{n}路公交司机态度恶劣，老人刷卡慢就被骂",
      "公交车到站不停靠，站台上的乘客招手也没用", "新开的{xq}附近没有公交站，最近的站要走二十分钟",
    ],
    demands: ["希望增加班次", "请公交公司加强司机管理", "建议增设公交站点", "请有关部门尽快协调解决"],
    replies: ["已将意见转公交集团，高峰期将加密发车班次", "已对涉事驾驶员进行批评教育并扣除当月考核分", "增设站点事宜已纳入线网优化方案统筹研究"],
  },
  {
    category: "交通运输/道路与停车", weight: 7, depts: [D.ga, D.jt, D.cg],
    issues: ["车辆乱停乱放", "共享单车堆积", "停车难"],
    problems: [
      "{road}两侧长期被车辆乱停，早晚高峰严重拥堵", "{school}门口接送孩子的车辆乱停，经常堵死消防通道",
      "共享单车在{road}地铁口堆成了山，行人无法通行", "小区周边没有停车位，车只能停在路边，经常被贴罚单",
    ],
    demands: ["请交警加强管理", "希望规划更多停车位", "请督促运营企业及时清运单车", "请相关部门统筹解决"],
    replies: ["交警部门已加强该路段巡逻并对违停车辆依法处罚", "已通知单车运营企业增派人员清运调度", "已将增设停车泊位的建议转交规划部门研究"],
  },
  {
    category: "劳动和社会保障/欠薪与劳动关系", weight: 7, depts: [D.rs, D.rs, D.jn],
    issues: ["拖欠工资", "未签劳动合同", "违法辞退"],
    problems: [
      "来电人在{company}工作，公司已拖欠{days}个月工资共计{money}元", "{company}老板失联，四十多名工人的工资没有着落",
      "入职半年公司一直不签劳动合同，也不缴社保", "公司以经营困难为由辞退员工，不给任何经济补偿",
    ],
    demands: ["请劳动监察部门帮忙讨薪", "希望依法维护劳动者权益", "要求公司补发工资并支付补偿", "请尽快介入处理"],
    replies: ["劳动保障监察支队已立案调查，并督促企业限期支付拖欠工资", "经调解，企业已与来电人签订还款协议，首笔款项已到账", "已告知来电人可向劳动人事争议仲裁委员会申请仲裁"],
  },
  {
    category: "劳动和社会保障/社会保险", weight: 5, depts: [D.rs, D.yb],
    issues: ["社保转移困难", "养老金发放", "医保报销"],
    problems: [
      "从外地转回来的社保一直办不下来，已经跑了{days}趟", "退休手续办完两个月了养老金还没有发放",
      "异地就医备案后医保报销比例和说的不一样", "单位少缴了几年社保，现在影响退休待遇",
    ],
    demands: ["请帮忙查询办理进度", "希望简化办事流程", "请给出明确答复", "请相关部门核实处理"],
    replies: ["经核实，转移接续手续已于近日办结", "养老金已核定，将于下月随批次发放", "已向来电人解释异地就医报销政策及计算方式"],
  },
  {
    category: "教育文体/学前与义务教育", weight: 5, depts: [D.jy, D.jy, D.gx],
    issues: ["入学难", "学校乱收费", "校车安全"],
    problems: [
      "孩子按学区应该划到{school}，现在却被调剂到很远的学校", "{school}要求家长统一购买教辅资料，每人收取{money}元",
      "幼儿园校车超载，一辆车挤了二十多个孩子", "学校放学时间太早，双职工家庭无法按时接孩子",
    ],
    demands: ["请教育局核实", "希望给孩子一个合理的安排", "请查处违规收费", "请相关部门重视"],
    replies: ["经核实，该片区学位已满，已按政策统筹安排就近入学", "已责令学校停止收费并退还相关费用", "已联合交警对校车运营开展专项检查"],
  },
  {
    category: "卫生计生/医疗服务", weight: 5, depts: [D.wj, D.yb],
    issues: ["看病排队时间长", "医院收费不合理", "医务人员态度差"],
    problems: [
      "在{hosp}排队挂号等了三个多小时，自助机经常故障", "{hosp}检查项目重复收费，清单上有没做过的项目",
      "医生问诊不到两分钟就开单，态度非常敷衍", "孩子半夜发烧去急诊，等了两个小时没有医生接诊",
    ],
    demands: ["请卫健部门调查", "希望改善就医体验", "要求医院退还多收的费用", "请给出合理解释"],
    replies: ["已责成医院优化挂号流程并增设导诊人员", "经核查确有重复计费，医院已退还多收费用并致歉", "已对涉事医务人员进行批评教育"],
  },
  {
    category: "商贸旅游/消费维权", weight: 7, depts: [D.sj, D.sj, D.wl],
    issues: ["预付卡商家跑路", "退款难", "虚假宣传"],
    problems: [
      "在{shop}办了{money}元的会员卡，现在门店突然关门，老板联系不上", "网购的商品有质量问题，商家拒绝退货退款",
      "{shop}宣传的优惠活动结账时不认账，还态度蛮横", "报名的旅游团临时改行程，导游强制购物",
    ],
    demands: ["请市场监管部门帮忙维权", "要求商家退款", "希望依法查处虚假宣传", "请尽快调解"],
    replies: ["经调解，商家同意退还剩余卡内金额", "已对商家虚假宣传行为立案调查", "已告知来电人通过消费者协会渠道继续维权"],
  },
  {
    category: "市场监管/食品安全", weight: 4, depts: [D.sj],
    issues: ["餐馆卫生差", "售卖过期食品"],
    problems: [
      "在{shop}吃饭后全家腹泻，后厨卫生条件很差", "{shop}货架上有过期的牛奶和面包仍在销售",
      "学校周边小摊贩售卖三无食品，很多学生购买", "外卖商家没有实体店，地址是个居民楼",
    ],
    demands: ["请执法人员去检查", "希望严肃处理", "请加强监管", "请核实并依法查处"],
    replies: ["执法人员已现场检查，责令商户停业整改", "已下架过期食品并对经营者立案处罚", "已联合城管清理校园周边无证摊贩"],
  },
  {
    category: "水电气暖/供水", weight: 7, depts: [D.sw, D.sw, D.jn],
    issues: ["突然停水", "水压低", "水质发黄"],
    problems: [
      "{xq}从昨天{time}点开始停水，没有任何通知，到现在还没恢复", "高层住户水压太低，{n}楼以上基本没有水",
      "自来水发黄还有异味，烧开后有沉淀", "水表读数异常，这个月水费是平时的好几倍",
    ],
    demands: ["请尽快恢复供水", "希望供水公司给个说法", "请检测水质", "请核实水费"],
    replies: ["经查为主管爆裂抢修，供水已于当晚恢复", "已对二次供水加压设备进行检修，水压恢复正常", "经水质检测各项指标合格，已对管道进行冲洗"],
  },
  {
    category: "水电气暖/供电", weight: 5, depts: [D.gd],
    issues: ["频繁停电", "电压不稳"],
    problems: [
      "这个月{xq}已经停电{days}次了，冰箱里的东西都坏了", "晚上用电高峰电压不稳，灯一闪一闪的",
      "停电前没有任何通知，家里老人用的制氧机停了", "小区变压器老化，夏天一开空调就跳闸",
    ],
    demands: ["请供电公司尽快检修", "希望提前通知停电", "请彻底解决", "请给出处理时间"],
    replies: ["已更换故障线路，供电恢复稳定", "该台区已列入增容改造计划，预计年内完成", "已要求供电所计划停电须提前公告"],
  },
  {
    category: "水电气暖/燃气与供暖", weight: 3, depts: [D.rq, D.yj],
    issues: ["燃气泄漏隐患", "燃气安装收费高"],
    problems: [
      "楼道里闻到很重的燃气味，担心有泄漏", "燃气公司上门安检强制推销报警器，一个要{money}元",
      "新房开通燃气要等一个多月", "燃气表走字异常，用量明显偏多",
    ],
    demands: ["请马上派人检查", "希望规范收费", "请加快办理", "请核实处理"],
    replies: ["抢修人员已到场检查，系阀门松动已紧固", "已责令燃气公司规范安检行为，不得强制推销", "已安排工作人员上门开通"],
  },
  {
    category: "民政与社区/养老服务", weight: 3, depts: [D.mz, D.jn],
    issues: ["高龄补贴未发放", "养老院服务差"],
    problems: [
      "父亲今年八十岁了，高龄补贴申请了半年还没发", "社区养老服务中心建好了一直没开放",
      "养老院护工对老人态度恶劣，伙食很差", "独居老人家里没人照看，希望社区能定期上门",
    ],
    demands: ["请民政部门核实", "希望尽快落实", "请加强监管", "请帮忙协调"],
    replies: ["经核实补贴已审批，将于本月发放到位", "已督促运营方完成验收，服务中心将于下月开放", "已将老人纳入社区定期探访名单"],
  },
  {
    category: "党务政务/政务服务", weight: 4, depts: [D.zw, D.zr, D.jn],
    issues: ["办事来回跑", "窗口人员态度差", "不动产登记慢"],
    problems: [
      "办理不动产证跑了{days}趟，每次都说材料不全", "政务中心窗口工作人员玩手机，对群众咨询爱理不理",
      "网上办事系统经常打不开，只能到现场排队", "同一个事项不同窗口说法不一样",
    ],
    demands: ["希望一次性告知", "请加强窗口管理", "请优化办事流程", "请给出明确答复"],
    replies: ["已责成窗口一次性告知所需材料并指定专人跟进", "已对相关工作人员进行通报批评", "系统故障已修复，并开通电话预约"],
  },
];

const TOPIC_PICK = new Weighted(TOPICS.map((t) => [t, t.weight] as const));
const TYPE_PICK = new Weighted([["投诉", 45], ["求助", 22], ["咨询", 18], ["建议", 8], ["举报", 6], ["表扬", 1]] as const);

const INTROS = [
  "来电人反映，", "市民来电称，", "本人是{xq}的业主，", "我住在{road}{n}号附近，", "来电人为{dist}{street}居民，反映", "{xq}居民来电反映，",
  "", "", "来电人称其家住{xq}{n}栋，", "市民通过12345热线反映，",
];
const LINKS = ["，", "，", "，", "。", "，而且", "，另外", ", ", "。同时", "，并且"];
const EXTRAS = [
  "已持续{days}天", "之前多次向物业和社区反映都没有结果", "周边很多居民都有意见", "打过几次电话都没人处理",
  "这个问题去年就反映过", "给附近居民的生活带来很大不便", "家里有老人和小孩，影响很大", "社区说不归他们管",
  "已经拍了照片和视频可以作为证据", "希望不要再推来推去",
];
const CLOSINGS = ["，望尽快处理。", "，请尽快回复。", "。", "，谢谢！", "，盼复。", "，急！", "。"];
const QUOTES = ["对方称\"这事不归我们管\"", "工作人员只说\"再等等\"", "物业回复\"没有经费\"", "所谓\"便民服务\"形同虚设"];
const SUPPLEMENTS = ["补充说明：", "来电人补充：", "附：", "另："];

const SATISFACTION = new Weighted([
  ["满意", 50], ["非常满意", 10], ["基本满意", 18], ["比较满意", 3], ["一般", 3], ["不满意", 9], ["很不满意", 1],
  ["未回访", 2], ["无法联系", 2], ["拒绝评价", 2],
] as const);
const SOLVED = new Weighted([["是", 55], ["已解决", 12], ["基本解决", 8], ["部分解决", 7], ["否", 12], ["未解决", 6]] as const);
const HOURS = new Weighted(
  [1, 0.5, 0.3, 0.3, 0.4, 1, 3, 8, 14, 16, 15, 12, 9, 11, 14, 13, 12, 10, 8, 7, 6, 5, 4, 2].map((w, h) => [h, w] as const),
);
const PEOPLE_SUFFIX = new Weighted([["先生", 45], ["女士", 45], ["师傅", 4], ["阿姨", 3]] as const);

const DAY = 86_400;

/** Wall-clock seconds (Asia/Shanghai as if UTC) → "YYYY-MM-DD HH:mm:ss", with the date part cached per day. */
class TimeFormatter {
  private readonly days = new Map<number, string>();
  private readonly two = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));

  format(t: number): string {
    const day = Math.floor(t / DAY);
    let d = this.days.get(day);
    if (d === undefined) {
      d = new Date(day * DAY * 1000).toISOString().slice(0, 10);
      this.days.set(day, d);
    }
    const s = t - day * DAY;
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return `${d} ${this.two[h]}:${this.two[m]}:${this.two[s % 60]}`;
  }

  compactDate(t: number): string {
    return this.format(t).slice(0, 10).replaceAll("-", "");
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  if (!NEEDS_QUOTES.test(value)) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/** One row's cells, in HOTLINE_COLUMNS order. */
class RowMaker {
  private readonly fmt = new TimeFormatter();
  private readonly windowStart: number;

  constructor(
    private readonly rng: Prng,
    /** End of the window, wall-clock seconds. */
    private readonly endWall: number,
  ) {
    this.windowStart = endWall - 365 * DAY;
  }

  private fill(template: string): string {
    if (!template.includes("{")) return template;
    const r = this.rng;
    return template.replace(/\{(\w+)\}/g, (_, key: string) => {
      switch (key) {
        case "xq": return r.pick(XQ_A) + r.pick(XQ_B);
        case "road": return r.pick(ROADS);
        case "road2": return r.pick(ROADS);
        case "n": return String(r.int(1, 36));
        case "days": return String(r.int(2, 15));
        case "shop": return r.pick(SHOPS);
        case "company": return r.pick(COMPANIES);
        case "pm": return r.pick(PROPERTY);
        case "hosp": return r.pick(HOSPITALS);
        case "school": return r.pick(SCHOOLS);
        case "time": return String(r.int(10, 12));
        case "money": return String(r.int(2, 60) * 100);
        case "dist": return r.pick(DISTRICTS).name;
        case "street": return r.pick(r.pick(DISTRICTS).streets);
        default: return key;
      }
    });
  }

  /** 60–200 characters: intro, distinct problems of the topic, extras, a demand; commas throughout. */
  private body(topic: Topic): string {
    const r = this.rng;
    const target = r.int(60, 185);
    let tail = "";
    if (r.chance(0.03)) tail += "，" + r.pick(QUOTES);
    tail += "，" + this.fill(r.pick(topic.demands)) + r.pick(CLOSINGS);
    const budget = 200 - tail.length - 16; // room for a supplement line
    const first = r.int(0, topic.problems.length - 1);
    let text = this.fill(r.pick(INTROS)) + this.fill(topic.problems[first]);
    const used = new Set<number>([first]);
    const usedExtras = new Set<number>();
    for (let guard = 0; text.length + tail.length < target && guard < 8; guard++) {
      let piece: string;
      if (r.chance(0.45) && used.size < topic.problems.length) {
        let k = r.int(0, topic.problems.length - 1);
        while (used.has(k)) k = (k + 1) % topic.problems.length;
        used.add(k);
        piece = this.fill(topic.problems[k]);
      } else {
        let k = r.int(0, EXTRAS.length - 1);
        while (usedExtras.has(k)) k = (k + 1) % EXTRAS.length;
        usedExtras.add(k);
        piece = this.fill(EXTRAS[k]);
      }
      const link = r.pick(LINKS);
      if (text.length + link.length + piece.length > budget) continue;
      text += link + piece;
    }
    text += tail;
    if (r.chance(0.05) && text.length < 185) {
      // A multi-line body as operators type it: an embedded newline (mostly LF, sometimes CRLF) in a quoted field.
      const extra = (r.chance(0.8) ? "\n" : "\r\n") + r.pick(SUPPLEMENTS) + this.fill(r.pick(EXTRAS)) + "。";
      if (text.length + extra.length <= 200) text += extra;
    }
    while (text.length < 60) text += this.fill(r.pick(EXTRAS)) + "。";
    return text.length > 200 ? text.slice(0, 199) + "。" : text;
  }

  private reply(topic: Topic): string {
    const r = this.rng;
    let text = r.pick(["经核实，", "您好，", "经现场调查，", "关于您反映的问题，", ""]) + this.fill(r.pick(topic.replies));
    if (r.chance(0.5)) text += "，" + r.pick(["已电话告知来电人处理结果", "来电人表示认可", "后续将持续跟踪", "感谢您对我市工作的关心和支持"]);
    text += "。";
    if (r.chance(0.04)) text += "\n" + r.pick(["承办人：", "联系人："]) + r.pick(SURNAMES) + "工，联系电话0" + r.int(100, 999) + "-" + r.int(1000000, 9999999);
    return text;
  }

  row(i: number): string[] {
    const r = this.rng;
    const f = this.fmt;
    const topic = TOPIC_PICK.pick(r);
    const day = r.int(0, 364);
    const received = this.windowStart + day * DAY + HOURS.pick(r) * 3600 + r.int(0, 3599);
    const age = (this.endWall - received) / DAY;

    // How far the work order got, by age: old orders are mostly closed, recent ones still open.
    const u = r.next();
    let stage: 0 | 1 | 2 | 3 | 4 | 5; // open, dispatched, in progress, replied, closed, returned
    if (age > 30) stage = u < 0.9 ? 4 : u < 0.94 ? 3 : u < 0.97 ? 2 : u < 0.99 ? 5 : 1;
    else if (age > 7) stage = u < 0.6 ? 4 : u < 0.75 ? 3 : u < 0.9 ? 2 : u < 0.95 ? 5 : 1;
    else stage = u < 0.1 ? 0 : u < 0.3 ? 1 : u < 0.65 ? 2 : u < 0.8 ? 3 : 4;

    const dispatched = received + r.int(600, 4 * 3600);
    const signed = dispatched + r.int(600, DAY);
    const contacted = signed + r.int(1800, 2 * DAY);
    const replied = contacted + r.int(3600, 6 * DAY);
    const closed = replied + r.int(600, 2 * DAY);
    const visited = closed + r.int(DAY / 2, 3 * DAY);
    // Never a time after the end of the window: an order cannot have reached a step that lies in the future.
    if (stage === 4 && closed > this.endWall) stage = 3;
    if (stage >= 3 && stage !== 5 && replied > this.endWall) stage = 2;
    if (stage >= 2 && stage !== 5 && signed > this.endWall) stage = 1;
    if (stage >= 1 && dispatched > this.endWall) stage = 0;
    const isVisited = stage === 4 && visited <= this.endWall && r.chance(0.85);
    const hasContact = stage >= 2 && stage !== 5 && contacted <= this.endWall && r.chance(0.85);

    const status =
      stage === 0 ? r.pick(["待受理", "已受理"]) :
      stage === 1 ? r.pick(["已派单", "已派单", "已转办"]) :
      stage === 2 ? r.pick(["办理中", "办理中", "已签收", "处理中"]) :
      stage === 3 ? r.pick(["已答复", "已答复", "已回复"]) :
      stage === 4 ? (isVisited ? r.pick(["已办结", "已回访"]) : r.pick(["已办结", "已完成"])) :
      r.pick(["已退单", "退回"]);
    const returned = stage === 5 ? r.int(1, 2) : r.chance(0.05) ? 1 : 0;
    const dueDays = topic.category.startsWith("水电气暖") ? 3 : r.chance(0.3) ? 15 : 5;
    const dist = r.pick(DISTRICTS);
    const location = r.chance(0.6)
      ? `${dist.name}${r.pick(dist.streets)}${r.pick(XQ_A)}${r.pick(XQ_B)}`
      : `${dist.name}${r.pick(ROADS)}${r.int(1, 399)}号${r.chance(0.2) ? "附近" : ""}`;
    const issue = r.pick(topic.issues);
    const type = TYPE_PICK.pick(r);
    const title = r.chance(0.6) ? `关于${location.slice(3, 12)}${issue}的${type}` : `${issue}问题`;
    const caller = r.chance(0.04) ? "匿名" : r.pick(SURNAMES) + PEOPLE_SUFFIX.pick(r);

    return [
      `GD${f.compactDate(received)}${String(i + 1).padStart(8, "0")}`,
      f.format(received),
      type,
      title,
      this.body(topic),
      caller,
      r.pick(topic.depts),
      topic.category,
      stage >= 1 ? f.format(dispatched) : "",
      stage >= 2 && stage !== 5 ? f.format(signed) : "",
      hasContact ? f.format(contacted) : "",
      stage >= 3 && stage !== 5 ? f.format(replied) : "",
      stage === 4 ? f.format(closed) : "",
      f.format(received + dueDays * DAY),
      String(returned),
      status,
      stage >= 3 && stage !== 5 ? this.reply(topic) : "",
      isVisited ? f.format(visited) : "",
      isVisited ? SATISFACTION.pick(r) : "",
      isVisited ? SOLVED.pick(r) : "",
      location,
    ];
  }
}

/** "YYYY-MM-DD" → wall-clock seconds at the end of that day. */
function endOfDayWall(end: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(end);
  if (!m) throw new Error(`--end must be YYYY-MM-DD, got "${end}"`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3] + 1) / 1000;
}

/** Today's date in Asia/Shanghai, the default end of the window. */
export function todayInShanghai(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

export async function generateHotlineCsv(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const rng = new Prng(options.seed);
  const maker = new RowMaker(rng, endOfDayWall(options.end));
  const tmp = `${options.file}.partial`;
  const fd = fs.openSync(tmp, "w");
  let bytes = 0;
  const write = (s: string) => {
    const buf = Buffer.from(s, "utf8");
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    bytes += buf.length;
  };
  try {
    write(HOTLINE_COLUMNS.join(",") + "\r\n");
    let chunk: string[] = [];
    let chunkChars = 0;
    for (let i = 0; i < options.items; i++) {
      const line = maker.row(i).map(csvField).join(",") + "\r\n";
      chunk.push(line);
      chunkChars += line.length;
      if (chunkChars >= 400_000) {
        write(chunk.join(""));
        chunk = [];
        chunkChars = 0;
        // Yield between writes so a caller's timers still run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (chunk.length) write(chunk.join(""));
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, options.file);
  return { file: options.file, items: options.items, bytes, seconds: (performance.now() - started) / 1000 };
}
