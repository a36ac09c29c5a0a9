// Default two-level topic catalogue (一级 / 二级分类), modelled on common 12345 classification schemes.
export interface TopicSeed {
  name: string;
  keywords: string[];
  children: { name: string; keywords: string[] }[];
}

export const DEFAULT_TOPICS: TopicSeed[] = [
  { name: "城乡建设", keywords: ["小区", "物业", "房屋", "拆迁", "施工", "住房"], children: [
    { name: "物业管理", keywords: ["物业", "物业费", "业委会", "电梯", "停车费"] },
    { name: "房地产与住房保障", keywords: ["开发商", "交房", "房产证", "公租房", "廉租房", "购房"] },
    { name: "城市建设与施工", keywords: ["施工", "工地", "噪音", "渣土", "围挡", "夜间施工"] },
    { name: "征地拆迁", keywords: ["拆迁", "征收", "安置", "补偿款", "棚改"] },
    { name: "市政设施", keywords: ["路灯", "井盖", "下水道", "管网", "供水", "燃气"] },
  ] },
  { name: "环境保护", keywords: ["污染", "环保", "排放", "异味"], children: [
    { name: "大气污染", keywords: ["烟尘", "废气", "焚烧", "扬尘", "油烟"] },
    { name: "水污染", keywords: ["污水", "排污", "河道", "黑臭"] },
    { name: "噪声污染", keywords: ["噪音", "噪声", "扰民"] },
    { name: "固体废物与垃圾", keywords: ["垃圾", "垃圾站", "垃圾分类", "固废"] },
  ] },
  { name: "交通运输", keywords: ["交通", "道路", "公交", "出租车"], children: [
    { name: "公共交通", keywords: ["公交", "地铁", "线路", "站点", "班次"] },
    { name: "道路与停车", keywords: ["道路", "停车", "占道", "红绿灯", "拥堵"] },
    { name: "出租车与网约车", keywords: ["出租车", "网约车", "拒载", "绕路"] },
  ] },
  { name: "教育文体", keywords: ["学校", "教育", "学生", "老师"], children: [
    { name: "学前与义务教育", keywords: ["幼儿园", "小学", "初中", "入学", "学位", "划片"] },
    { name: "教育收费与培训", keywords: ["补课", "培训机构", "收费", "校外培训"] },
    { name: "文化体育", keywords: ["体育馆", "图书馆", "健身", "文化活动"] },
  ] },
  { name: "劳动和社会保障", keywords: ["社保", "工资", "劳动", "养老"], children: [
    { name: "欠薪与劳动关系", keywords: ["欠薪", "拖欠工资", "劳动合同", "辞退", "加班"] },
    { name: "社会保险", keywords: ["社保", "养老保险", "医保", "失业保险", "退休"] },
    { name: "就业创业", keywords: ["就业", "招聘", "创业", "人才引进"] },
  ] },
  { name: "卫生计生", keywords: ["医院", "医生", "看病", "卫生"], children: [
    { name: "医疗服务", keywords: ["医院", "医生", "挂号", "看病", "医疗纠纷"] },
    { name: "公共卫生", keywords: ["疫苗", "防疫", "传染", "体检"] },
    { name: "计划生育与妇幼", keywords: ["生育", "计生", "产假", "妇幼"] },
  ] },
  { name: "商贸旅游", keywords: ["商家", "消费", "价格", "旅游"], children: [
    { name: "消费维权", keywords: ["退款", "欺诈", "假货", "预付卡", "消费者"] },
    { name: "市场秩序与价格", keywords: ["价格", "涨价", "无证经营", "传销"] },
    { name: "旅游服务", keywords: ["景区", "导游", "门票", "旅行社"] },
  ] },
  { name: "市场监管", keywords: ["食品", "药品", "质量"], children: [
    { name: "食品安全", keywords: ["食品", "餐馆", "过期", "变质", "食物中毒"] },
    { name: "药品与特种设备", keywords: ["药品", "药店", "电梯安全", "特种设备"] },
  ] },
  { name: "公共安全", keywords: ["治安", "安全", "消防"], children: [
    { name: "治安管理", keywords: ["治安", "盗窃", "诈骗", "打架"] },
    { name: "消防与安全生产", keywords: ["消防", "火灾", "安全隐患", "消防通道", "充电"] },
  ] },
  { name: "民政与社区", keywords: ["社区", "低保", "养老院"], children: [
    { name: "社会救助", keywords: ["低保", "救助", "困难", "特困"] },
    { name: "养老服务", keywords: ["养老院", "老年人", "高龄补贴"] },
    { name: "社区治理", keywords: ["社区", "居委会", "村委会"] },
  ] },
  { name: "农村农业", keywords: ["农村", "农民", "村"], children: [
    { name: "农业生产", keywords: ["种植", "养殖", "化肥", "补贴"] },
    { name: "农村建设", keywords: ["宅基地", "村道", "农村改厕", "饮水"] },
  ] },
  { name: "水电气暖", keywords: ["停水", "停电", "燃气", "供暖"], children: [
    { name: "供水", keywords: ["停水", "水压", "水质", "水费"] },
    { name: "供电", keywords: ["停电", "电压", "电费", "充电桩"] },
    { name: "燃气与供暖", keywords: ["燃气", "天然气", "暖气", "供暖"] },
  ] },
  { name: "党务政务", keywords: ["政务", "办事", "窗口"], children: [
    { name: "政务服务", keywords: ["办事", "窗口", "审批", "一网通办", "证明"] },
    { name: "作风与效能", keywords: ["推诿", "不作为", "态度", "效率"] },
  ] },
];
