// The print-ready bulletin: one self-contained HTML file (styles inline, charts as inline SVG, no script) that a
// browser prints to A4 PDF with "— 1 —" page numbers.
import { renderToStaticMarkup } from "react-dom/server";
import { BULLETIN_CSS, BulletinView } from "./BulletinView";
import type { BulletinModel } from "./types";

const PAGE_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; @bottom-center { content: "— " counter(page) " —"; font-family: "宋体", "SimSun", "Noto Serif CJK SC", serif; font-size: 14pt; } }
html { background: #e9ebee; }
body { margin: 0; padding: 16px 0; }
.print-hint { max-width: 210mm; margin: 0 auto 12px; padding: 0 8px; font: 14px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; color: #444; }
@media print { html { background: #fff; } body { padding: 0; } .print-hint { display: none; } }
`;

export function renderHtml(m: BulletinModel): string {
  const body = renderToStaticMarkup(<BulletinView model={m} />);
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return (
    "<!DOCTYPE html>" +
    `<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="generator" content="民意 Minyi"><title>${escape(m.title)}</title>` +
    `<style>${PAGE_CSS}${BULLETIN_CSS}</style></head><body>` +
    `<p class="print-hint">打印或另存为 PDF：使用浏览器的“打印”功能，纸张选 A4，勾选“背景图形”可保留表头底色。</p>` +
    body +
    "</body></html>"
  );
}
