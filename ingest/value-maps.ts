// Default words for enum fields, so mapping files only list words these do not cover.
import type { ItemStatus, Satisfaction, Solved } from "../db/schema";

const entries = <T extends string>(groups: Record<T, string[]>): Map<string, T> => {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(groups) as [T, string[]][]) {
    map.set(value.toLowerCase(), value);
    for (const w of words) map.set(w.toLowerCase(), value);
  }
  return map;
};

export const STATUS_WORDS = entries<ItemStatus>({
  open: ["待派单", "待受理", "已受理", "待处理", "未处理", "新建", "受理", "unassigned"],
  dispatched: ["已派单", "已转办", "已交办", "assigned", "派单"],
  in_progress: ["办理中", "处理中", "已签收", "in progress", "pending", "started", "待办结"],
  replied: ["已答复", "已回复", "已反馈", "email sent", "答复"],
  closed: ["已办结", "办结", "已完成", "已关闭", "已回访", "closed", "resolved", "完成"],
  returned: ["已退单", "退单", "退回", "已退回"],
});

export const SATISFACTION_WORDS = entries<Satisfaction>({
  satisfied: ["满意", "非常满意", "很满意"],
  basically_satisfied: ["基本满意", "比较满意", "一般"],
  dissatisfied: ["不满意", "非常不满意", "很不满意"],
  unrated: ["未评价", "未回访", "无法联系", "拒绝评价", "不评价"],
});

export const SOLVED_WORDS = entries<Solved>({
  yes: ["是", "已解决", "解决", "true", "1", "y"],
  partly: ["部分", "部分解决", "基本解决"],
  no: ["否", "未解决", "false", "0", "n"],
});

export const BOOLEAN_WORDS = new Map<string, boolean>(
  [
    ...["是", "true", "1", "y", "yes", "公开", "同意", "原创"].map((w) => [w, true] as const),
    ...["否", "false", "0", "n", "no", "不公开", "不同意", "转发"].map((w) => [w, false] as const),
  ],
);
