// 管理 › 部门与分类: the department catalogue (add, edit, deactivate) and the two-level topic catalogue (add, rename,
// keywords), and re-matching the unit names earlier imports could not match. Imports match unit names to the
// catalogue when they store an item, so an edited alias changes later imports; items already stored keep their
// department, except those stored without one, which 重新匹配 catches up. Changes are audited as "settings".
import { recordAudit } from "../../db/auth/audit";
import {
  assignUnmatchedUnit, createDepartment, createTopic, departmentForAdmin, departmentNamed, listDepartmentsForAdmin, listTopicsForAdmin,
  nextDepartmentSortOrder, setDepartmentActive, topicNamed, unmatchedUnitNames, updateDepartment, updateTopic, type DepartmentInput,
} from "../../db/catalog/admin";
import type { Db } from "../../db/client";
import { DepartmentMatcher } from "../../ingest/department-matcher";
import { DEFAULT_REVIEW_THRESHOLD } from "../../ingest/nlp/nlp-pass";
import { routeWeiboComments } from "../../ingest/weibo-routing";
import { badRequest } from "./http-errors.server";
import { clientAddress, requireCsrf, requireRole, type Session } from "./auth.server";
import { getDb } from "./db.server";

const NAME_MAX = 60;
const SHORT_MAX = 30;
const LIST_MAX = 100;
/** Unmatched unit names listed on the page (all of them are re-matched). */
const UNMATCHED_SHOWN = 30;

const idOf = (raw: string | null) => (raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null);

/** A list typed one a line or separated by commas / 、 / semicolons → trimmed, distinct entries. */
export function splitList(raw: string): string[] {
  return [...new Set(raw.split(/[\n\r,，、;；]+/).map((s) => s.trim()).filter(Boolean))];
}

export function cataloguePage(request: Request) {
  requireRole(request, ["admin"]);
  const db = getDb();
  const params = new URL(request.url).searchParams;
  const departments = listDepartmentsForAdmin(db);
  const topics = listTopicsForAdmin(db);
  const unmatched = unmatchedUnitNames(db);
  const editDept = idOf(params.get("dept"));
  const editTopic = idOf(params.get("topic"));
  return {
    departments,
    topics,
    unmatched: unmatched.slice(0, UNMATCHED_SHOWN),
    unmatchedNames: unmatched.length,
    unmatchedItems: unmatched.reduce((n, u) => n + u.items, 0),
    editDepartment: editDept === null ? null : departments.find((d) => d.id === editDept) ?? null,
    editTopic: editTopic === null ? null : topics.find((t) => t.id === editTopic) ?? null,
  };
}

export type CatalogueIntent = "dept-create" | "dept-update" | "dept-active" | "topic-create" | "topic-update" | "rematch";
const INTENTS: CatalogueIntent[] = ["dept-create", "dept-update", "dept-active", "topic-create", "topic-update", "rematch"];

/** Messages are keys (admin.catalogue.*) with values to fill in. */
export type CatalogueActionResult =
  | { ok: true; intent: CatalogueIntent; message: string; values: Record<string, string | number> }
  | { ok: false; intent: CatalogueIntent; errors: Record<string, string>; values: Record<string, string>; errorValues?: Record<string, string> };

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

function audit(db: Db, request: Request, session: Session, target: string, detail: unknown) {
  recordAudit(db, { action: "settings", userId: session.user.id, userName: session.user.name, target, detail, ip: clientAddress(request) });
}

/** What changed between two records, as { field: [from, to] }. */
function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(after)) if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k], after[k]];
  return out;
}

export function catalogueAction(request: Request, form: FormData): CatalogueActionResult {
  const session = requireRole(request, ["admin"]);
  requireCsrf(request, form, session);
  const db = getDb();
  const raw = text(form, "intent");
  const intent = (INTENTS as string[]).includes(raw) ? (raw as CatalogueIntent) : null;
  if (!intent) throw badRequest("未知操作 / unknown action");
  const values = Object.fromEntries([...form.entries()].filter(([k]) => k !== "_csrf").map(([k, v]) => [k, String(v)]));
  const notFound = () => new Response("不存在 / not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

  if (intent === "dept-create" || intent === "dept-update") {
    const existing = intent === "dept-update" ? departmentForAdmin(db, idOf(text(form, "id")) ?? -1) : null;
    if (intent === "dept-update" && !existing) throw notFound();
    const errors: Record<string, string> = {};
    const errorValues: Record<string, string> = {};
    const name = text(form, "name");
    const shortName = text(form, "shortName") || null;
    let aliases = splitList(String(form.get("aliases") ?? "")).filter((a) => a !== name);
    const sortRaw = text(form, "sortOrder");
    if (!name) errors.name = "admin.catalogue.nameRequired";
    else if (name.length > NAME_MAX) errors.name = "admin.catalogue.nameTooLong";
    else if (departmentNamed(db, name, existing?.id)) errors.name = "admin.catalogue.nameTaken";
    if (shortName && shortName.length > SHORT_MAX) errors.shortName = "admin.catalogue.shortTooLong";
    // A renamed unit keeps its old name as an alias, so files that still use it go on matching.
    if (existing && name && name !== existing.name && !aliases.includes(existing.name)) aliases = [...aliases, existing.name];
    if (aliases.length > LIST_MAX || aliases.some((a) => a.length > NAME_MAX)) errors.aliases = "admin.catalogue.aliasesTooLong";
    else {
      // An alias another unit already answers to would make the match depend on the catalogue's order.
      const others = listDepartmentsForAdmin(db).filter((d) => d.id !== existing?.id);
      const had = new Set([existing?.name, existing?.shortName, ...(existing?.aliases ?? [])]);
      for (const a of [...aliases, ...(shortName ? [shortName] : [])].filter((x) => !had.has(x))) {
        const owner = others.find((d) => d.name === a || d.shortName === a || d.aliases.includes(a));
        if (owner) {
          errors[aliases.includes(a) ? "aliases" : "shortName"] = "admin.catalogue.aliasTaken";
          errorValues.alias = a;
          errorValues.owner = owner.name;
          break;
        }
      }
    }
    let sortOrder = existing?.sortOrder ?? nextDepartmentSortOrder(db);
    if (sortRaw !== "") {
      if (!/^\d{1,6}$/.test(sortRaw)) errors.sortOrder = "admin.catalogue.sortInvalid";
      else sortOrder = Number(sortRaw);
    }
    if (Object.keys(errors).length) return { ok: false, intent, errors, values, errorValues };
    const input: DepartmentInput = { name, shortName, aliases, sortOrder };
    if (!existing) {
      const id = createDepartment(db, input);
      audit(db, request, session, `department:${id}`, { catalogue: "department", created: input });
      return { ok: true, intent, message: "admin.catalogue.deptCreated", values: { name } };
    }
    const changes = diff({ name: existing.name, shortName: existing.shortName, aliases: existing.aliases, sortOrder: existing.sortOrder }, { ...input });
    if (!Object.keys(changes).length) return { ok: true, intent, message: "admin.catalogue.noChange", values: { name } };
    updateDepartment(db, existing.id, input);
    audit(db, request, session, `department:${existing.id}`, { catalogue: "department", name, changes });
    const aliasesChanged = "aliases" in changes || "shortName" in changes || "name" in changes;
    return { ok: true, intent, message: aliasesChanged ? "admin.catalogue.deptSavedAliases" : "admin.catalogue.deptSaved", values: { name } };
  }

  if (intent === "dept-active") {
    const d = departmentForAdmin(db, idOf(text(form, "id")) ?? -1);
    if (!d) throw notFound();
    const active = text(form, "active") === "1";
    if (setDepartmentActive(db, d.id, active)) audit(db, request, session, `department:${d.id}`, { catalogue: "department", name: d.name, active });
    return { ok: true, intent, message: active ? "admin.catalogue.deptActivated" : "admin.catalogue.deptDeactivated", values: { name: d.name } };
  }

  if (intent === "topic-create" || intent === "topic-update") {
    const topics = listTopicsForAdmin(db);
    const existing = intent === "topic-update" ? topics.find((t) => t.id === idOf(text(form, "id"))) ?? null : null;
    if (intent === "topic-update" && !existing) throw notFound();
    const errors: Record<string, string> = {};
    const name = text(form, "name");
    const keywords = splitList(String(form.get("keywords") ?? ""));
    let parentId: number | null = existing ? existing.parentId : null;
    if (!existing && text(form, "parent") !== "") {
      parentId = idOf(text(form, "parent"));
      if (parentId === null || !topics.some((t) => t.id === parentId && t.parentId === null)) errors.parent = "admin.catalogue.parentInvalid";
    }
    if (!name) errors.name = "admin.catalogue.nameRequired";
    else if (name.length > NAME_MAX) errors.name = "admin.catalogue.nameTooLong";
    else if (name.includes("/")) errors.name = "admin.catalogue.topicSlash";
    else if (!errors.parent && topicNamed(db, name, parentId, existing?.id)) errors.name = "admin.catalogue.topicTaken";
    if (keywords.length > LIST_MAX || keywords.some((k) => k.length > 30)) errors.keywords = "admin.catalogue.keywordsTooLong";
    if (Object.keys(errors).length) return { ok: false, intent, errors, values };
    if (!existing) {
      const id = createTopic(db, { name, parentId, keywords });
      audit(db, request, session, `topic:${id}`, { catalogue: "topic", created: { name, parentId, keywords } });
      return { ok: true, intent, message: "admin.catalogue.topicCreated", values: { name } };
    }
    const changes = diff({ name: existing.name, keywords: existing.keywords }, { name, keywords });
    if (!Object.keys(changes).length) return { ok: true, intent, message: "admin.catalogue.noChange", values: { name } };
    updateTopic(db, existing.id, { name, keywords });
    audit(db, request, session, `topic:${existing.id}`, { catalogue: "topic", name, changes });
    return { ok: true, intent, message: "admin.catalogue.topicSaved", values: { name } };
  }

  // rematch: what an import would do now with the catalogue as it is.
  const active = listDepartmentsForAdmin(db).filter((d) => d.active);
  const matcher = new DepartmentMatcher(active.map((d) => ({ id: d.id, name: d.name, shortName: d.shortName, aliases: JSON.stringify(d.aliases) })));
  let names = 0;
  let items = 0;
  for (const u of unmatchedUnitNames(db, 100_000)) {
    const m = matcher.match(u.name);
    if (!m) continue;
    const n = assignUnmatchedUnit(db, u.name, m.id, DEFAULT_REVIEW_THRESHOLD);
    if (n) {
      names++;
      items += n;
    }
  }
  const weibo = routeWeiboComments(db, matcher);
  audit(db, request, session, "catalogue:rematch", { catalogue: "rematch", names, items, weiboAccounts: weibo.accounts, weiboComments: weibo.comments });
  return { ok: true, intent, message: "admin.catalogue.rematched", values: { names, items, accounts: weibo.accounts, comments: weibo.comments } };
}
