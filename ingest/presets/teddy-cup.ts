// 泰迪杯 2020 C 网络问政 message-board exports (附件2/3/4): mailbox letters, Beijing time.
import type { MappingInput } from "../mapping-schema";

const base = {
  channel: "mailbox",
  timeZone: "Asia/Shanghai",
  dateOrder: "YMD",
  externalId: "留言编号",
} as const;

const letter = {
  author: "留言用户",
  title: "留言主题",
  receivedAt: { column: "留言时间", required: true },
  body: "留言详情",
};

export const teddyCupPresets: MappingInput[] = [
  {
    ...base,
    name: "teddy-cup-labeled",
    description: "泰迪杯 附件2: letters with 一级分类 label (labelled sample)",
    source: "teddy-cup-board",
    requiredColumns: ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "一级分类"],
    fields: { ...letter, topicRaw: "一级分类" },
  },
  {
    ...base,
    name: "teddy-cup-unlabeled",
    description: "泰迪杯 附件2 test data: letters in the 附件2 layout with the 一级分类 column empty",
    source: "teddy-cup-board-test",
    requiredColumns: ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "一级分类"],
    fields: { ...letter, topicRaw: "一级分类" },
  },
  {
    ...base,
    name: "teddy-cup-votes",
    description: "泰迪杯 附件3: letters with 点赞数 / 反对数 (hot-issue mining)",
    source: "teddy-cup-votes",
    requiredColumns: ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "反对数", "点赞数"],
    fields: { ...letter, likes: "点赞数", opposes: "反对数" },
  },
  {
    ...base,
    name: "teddy-cup-replies",
    description: "泰迪杯 附件4: letters with the government's 答复意见 and 答复时间",
    source: "teddy-cup-replies",
    requiredColumns: ["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "答复意见", "答复时间"],
    fields: { ...letter, replyText: "答复意见", repliedAt: "答复时间" },
  },
];
