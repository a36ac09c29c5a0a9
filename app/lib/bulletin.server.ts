// The 生成通报 page and its downloads: URL parameters → bulletin request → model (app/bulletin) → file.
// Expected failures (bad period or parameter, unknown department) are 400 responses naming the problem.
import { z } from "zod";
import { assessmentStartDayOf, loadDefinitions } from "../../db/metrics/configured-definitions";
import { dataCutoff } from "../../db/metrics/overview";
import { periodContaining } from "../../db/metrics/period";
import { BulletinRequestError, buildBulletinModel } from "../bulletin/model.server";
import { contentDisposition, renderBulletin } from "../bulletin/render.server";
import { BULLETIN_FORMATS, type BulletinFormat, type BulletinModel, type BulletinRequest } from "../bulletin/types";
import { badRequest } from "./http-errors.server";
import { dashboardParamsSchema } from "./dashboard-params";
import { recordAudit } from "../../db/auth/audit";
import { clientAddress, requireUser, scopeFor, type Session } from "./auth.server";
import { getDb } from "./db.server";
import { filterOptions } from "./metrics.server";

/** The page's parameters: the dashboard's period, department and scope, plus the assessment option and format. */
export const bulletinParamsSchema = dashboardParamsSchema.pick({ period: true, dept: true, scope: true, lang: true }).extend({
  /** 1: the assessment month (考核月) named by the period's month. */
  assessment: z.enum(["1"]).optional(),
  /** Day of month the assessment month starts on (default 1). */
  startDay: z.string().regex(/^\d{1,2}$/, "must be a day of month 1–28").transform(Number).refine((n) => n >= 1 && n <= 28, "must be a day of month 1–28").optional(),
  format: z.enum(BULLETIN_FORMATS).optional(),
  /** inline: show the file in the browser (the print preview) instead of downloading it. */
  disposition: z.enum(["inline"]).optional(),
});
export type BulletinParams = z.infer<typeof bulletinParamsSchema>;


/** Parses the URL, or throws a 400 response naming the bad parameter. */
export function parseBulletinParams(url: URL): BulletinParams {
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== "") raw[k] = v;
  const parsed = bulletinParamsSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(`参数错误 / bad parameter: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

function requestOf(p: BulletinParams, defaultPeriod: string): BulletinRequest {
  return {
    period: p.period ?? defaultPeriod,
    assessment: p.assessment === "1",
    assessmentStartDay: p.assessment === "1" ? p.startDay : undefined,
    departmentId: p.dept,
    includeExcluded: p.scope === "all",
  };
}

function build(p: BulletinParams): BulletinModel {
  const db = getDb();
  const defaultPeriod = periodContaining("month", dataCutoff(db)).key;
  try {
    return buildBulletinModel(db, requestOf(p, defaultPeriod));
  } catch (e) {
    if (e instanceof BulletinRequestError) throw badRequest(`period / dept: ${e.message}`);
    throw e;
  }
}

/** The signed-in user and the parameters; a department account's bulletin is always its own department's. */
function bulletinRequest(request: Request): { session: Session; params: BulletinParams } {
  const session = requireUser(request);
  const params = parseBulletinParams(new URL(request.url));
  const scoped = scopeFor(session.user, { departmentId: params.dept }).departmentId;
  return { session, params: scoped === params.dept ? params : { ...params, dept: scoped } };
}

/** The page: the form's options and a preview of the bulletin for the parameters (default: the cut-off's month). */
export function bulletinPage(request: Request) {
  const { session, params } = bulletinRequest(request);
  const model = build(params);
  const periodInput = params.period ?? (model.period.kind === "assessment" ? model.period.key.slice(1) : model.period.key);
  return { params, periodInput, defaultStartDay: assessmentStartDayOf(loadDefinitions(getDb())), departments: filterOptions(session.user).departments, model };
}

/** The file for the parameters, with its Content-Type and a Chinese file name (RFC 5987). */
export async function bulletinDownload(request: Request): Promise<Response> {
  const { session, params } = bulletinRequest(request);
  const format: BulletinFormat = params.format ?? "docx";
  const model = build(params);
  const file = await renderBulletin(model, format);
  recordAudit(getDb(), { action: "export", userId: session.user.id, userName: session.user.name, target: "bulletin", ip: clientAddress(request), detail: { format, url: new URL(request.url).search } });
  return new Response(new Uint8Array(file.bytes), {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file, params.disposition === "inline" && format === "html" ? "inline" : "attachment"),
      "Content-Length": String(file.bytes.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
