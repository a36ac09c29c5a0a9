// Default department catalogue for a prefecture-level Chinese city. Editable after seeding.
export interface DepartmentSeed {
  name: string;
  shortName: string;
  aliases: string[];
  kind: "bureau" | "district" | "enterprise" | "other";
  parent?: string;
}

export const DEFAULT_DEPARTMENTS: DepartmentSeed[] = [
  { name: "市公安局", shortName: "公安局", kind: "bureau", aliases: ["公安局", "市公安", "公安分局", "派出所", "交警支队", "市交警支队", "交警大队"] },
  { name: "市住房和城乡建设局", shortName: "住建局", kind: "bureau", aliases: ["市住建局", "住建局", "住房城乡建设局", "住房和城乡建设局", "市住房城乡建设局", "住建委", "市住建委", "房产局"] },
  { name: "市自然资源和规划局", shortName: "自然资源局", kind: "bureau", aliases: ["市自然资源局", "自然资源局", "规划局", "国土资源局", "市国土局", "自然资源和规划局"] },
  { name: "市生态环境局", shortName: "生态环境局", kind: "bureau", aliases: ["生态环境局", "环保局", "市环保局", "环境保护局"] },
  { name: "市交通运输局", shortName: "交通运输局", kind: "bureau", aliases: ["交通运输局", "交通局", "市交通局", "运管处", "公交集团", "市公交集团"] },
  { name: "市教育局", shortName: "教育局", kind: "bureau", aliases: ["教育局", "市教育体育局", "教育体育局", "教体局", "市教体局"] },
  { name: "市卫生健康委员会", shortName: "卫健委", kind: "bureau", aliases: ["市卫健委", "卫健委", "卫生健康委", "卫生局", "卫计委", "卫生计生委"] },
  { name: "市人力资源和社会保障局", shortName: "人社局", kind: "bureau", aliases: ["市人社局", "人社局", "人力资源和社会保障局", "人力资源社会保障局", "社保局", "劳动保障监察支队"] },
  { name: "市市场监督管理局", shortName: "市场监管局", kind: "bureau", aliases: ["市场监管局", "市市场监管局", "市场监督管理局", "工商局", "质监局", "食药监局"] },
  { name: "市城市管理和综合执法局", shortName: "城管局", kind: "bureau", aliases: ["城管局", "市城管局", "城市管理局", "综合执法局", "城管执法局", "城市管理综合执法局"] },
  { name: "市水务局", shortName: "水务局", kind: "bureau", aliases: ["水务局", "水利局", "市水利局", "自来水公司", "市供水公司"] },
  { name: "市民政局", shortName: "民政局", kind: "bureau", aliases: ["民政局"] },
  { name: "市商务局", shortName: "商务局", kind: "bureau", aliases: ["商务局", "市商务和粮食局"] },
  { name: "市文化广电旅游局", shortName: "文旅局", kind: "bureau", aliases: ["文旅局", "市文旅局", "文化和旅游局", "文化广电旅游局", "旅游局", "文化局"] },
  { name: "市应急管理局", shortName: "应急局", kind: "bureau", aliases: ["应急管理局", "应急局", "安监局", "市安监局"] },
  { name: "市农业农村局", shortName: "农业农村局", kind: "bureau", aliases: ["农业农村局", "农业局", "市农业局", "农委"] },
  { name: "市医疗保障局", shortName: "医保局", kind: "bureau", aliases: ["医保局", "市医保局", "医疗保障局"] },
  { name: "市发展和改革委员会", shortName: "发改委", kind: "bureau", aliases: ["发改委", "市发改委", "发展改革委", "物价局"] },
  { name: "市税务局", shortName: "税务局", kind: "bureau", aliases: ["税务局", "国家税务总局市税务局", "地税局", "国税局"] },
  { name: "市退役军人事务局", shortName: "退役军人局", kind: "bureau", aliases: ["退役军人事务局", "退役军人局"] },
  { name: "市供电公司", shortName: "供电公司", kind: "enterprise", aliases: ["供电公司", "电力公司", "供电局", "国网市供电公司"] },
  { name: "市燃气集团", shortName: "燃气集团", kind: "enterprise", aliases: ["燃气公司", "燃气集团", "天然气公司"] },
];
