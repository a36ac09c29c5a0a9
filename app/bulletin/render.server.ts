// One bulletin in one format: the bytes, their media type and file names (Chinese, and an ASCII fallback).
import { renderDocx } from "./docx";
import { renderHtml } from "./html";
import type { BulletinFormat, BulletinModel } from "./types";
import { renderXlsx } from "./xlsx";

export const CONTENT_TYPES: Record<BulletinFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  html: "text/html; charset=utf-8",
};

export interface RenderedBulletin {
  bytes: Buffer;
  contentType: string;
  /** "2026年10月群众诉求办理情况通报.docx" */
  fileName: string;
  /** "minyi-bulletin-2026-10.docx", for clients that cannot read RFC 5987 names. */
  asciiFileName: string;
}

export async function renderBulletin(m: BulletinModel, format: BulletinFormat): Promise<RenderedBulletin> {
  const bytes = format === "docx" ? await renderDocx(m) : format === "xlsx" ? await renderXlsx(m) : Buffer.from(renderHtml(m), "utf8");
  const ascii = `minyi-bulletin-${m.period.key.replace(/[^0-9A-Za-z-]+/g, "_")}${m.department ? `-dept${m.department.id}` : ""}${m.scope === "all" ? "-all" : ""}`;
  return {
    bytes,
    contentType: CONTENT_TYPES[format],
    fileName: `${m.title.replace(/[\\/:*?"<>|]/g, "_")}${m.scope === "all" ? "（全口径）" : ""}.${format}`,
    asciiFileName: `${ascii}.${format}`,
  };
}

/** A Content-Disposition header with the Chinese name as RFC 5987 filename* and the ASCII fallback. */
export function contentDisposition(r: Pick<RenderedBulletin, "fileName" | "asciiFileName">, disposition: "attachment" | "inline" = "attachment"): string {
  const encoded = encodeURIComponent(r.fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${r.asciiFileName}"; filename*=UTF-8''${encoded}`;
}
