// One department for its page: the catalogue row, or a 404.
import { eq } from "drizzle-orm";
import { departments } from "../../db/schema";
import { getDb } from "./db.server";

export function departmentOr404(raw: string | undefined): { id: number; name: string } {
  const id = raw && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  const row = Number.isFinite(id) ? getDb().select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.id, id)).get() : undefined;
  if (!row) throw new Response("单位不存在 / no such department", { status: 404 });
  return row;
}
