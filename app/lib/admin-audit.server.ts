// 管理 › 审计日志: the audit log, newest first, filtered by action, account name and a range of Shanghai days,
// 50 entries a page. Filters come from the URL (a plain GET form); a bad date is reported beside its field.
import { listAudit } from "../../db/auth/audit";
import { listUsers } from "../../db/auth/users";
import { AUDIT_ACTIONS, type AuditAction } from "../../db/schema";
import { SHANGHAI_DAY_MS, shanghaiDayStart } from "../../db/time";
import { requireRole } from "./auth.server";
import { getDb } from "./db.server";

export const AUDIT_PAGE_SIZE = 50;
/** Detail JSON longer than this is cut on the page (the whole of it is in the title attribute). */
const DETAIL_CHARS = 400;

function dayStart(raw: string): number | null {
  if (!raw) return null;
  try {
    return shanghaiDayStart(raw);
  } catch {
    return NaN;
  }
}

/** Detail JSON on one line, keys as stored. */
function compactDetail(detail: string | null): string {
  if (!detail) return "";
  try {
    return JSON.stringify(JSON.parse(detail));
  } catch {
    return detail;
  }
}

export function auditPage(request: Request) {
  requireRole(request, ["admin"]);
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const filters = {
    action: params.get("action")?.trim() ?? "",
    user: params.get("user")?.trim() ?? "",
    from: params.get("from")?.trim() ?? "",
    to: params.get("to")?.trim() ?? "",
  };
  const errors: Record<string, string> = {};
  const action = (AUDIT_ACTIONS as readonly string[]).includes(filters.action) ? (filters.action as AuditAction) : undefined;
  if (filters.action && !action) errors.action = "admin.audit.badAction";
  const since = dayStart(filters.from);
  const untilDay = dayStart(filters.to);
  if (Number.isNaN(since)) errors.from = "admin.audit.badDate";
  if (Number.isNaN(untilDay)) errors.to = "admin.audit.badDate";
  if (since !== null && untilDay !== null && !Number.isNaN(since) && !Number.isNaN(untilDay) && untilDay < since) errors.to = "admin.audit.badRange";
  const page = /^\d{1,6}$/.test(params.get("page") ?? "") ? Math.max(1, Number(params.get("page"))) : 1;
  const result = listAudit(db, {
    action,
    userName: filters.user || undefined,
    since: since === null || Number.isNaN(since) || errors.to === "admin.audit.badRange" ? undefined : since,
    // The "to" day is included: entries before the start of the next day.
    until: untilDay === null || Number.isNaN(untilDay) || errors.to === "admin.audit.badRange" ? undefined : untilDay + SHANGHAI_DAY_MS,
    page,
    pageSize: AUDIT_PAGE_SIZE,
  });
  return {
    filters,
    errors,
    actions: AUDIT_ACTIONS,
    userNames: listUsers(db).map((u) => u.name),
    total: result.total,
    page: result.page,
    pages: Math.max(1, Math.ceil(result.total / result.pageSize)),
    rows: result.rows.map((r) => {
      const detail = compactDetail(r.detail);
      return {
        id: r.id, at: r.at, action: r.action, userName: r.userName, target: r.target, ip: r.ip,
        detail: detail.length > DETAIL_CHARS ? `${detail.slice(0, DETAIL_CHARS)}…` : detail,
        fullDetail: detail.length > DETAIL_CHARS ? detail : null,
      };
    }),
  };
}
