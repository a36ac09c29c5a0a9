// The bulletin as a Word document (.docx, the `docx` package), laid out the way Chinese government offices
// format a 通报 (after GB/T 9704): A4, title in 方正小标宋简体, level-1 headings in 黑体, level-2 in 楷体_GB2312,
// body in 仿宋_GB2312 三号 with a 2-character indent, "— 1 —" page numbers. The font table names a stock
// Windows font as each one's alternative (仿宋_GB2312 → 仿宋, 方正小标宋简体 → 宋体 …), so machines without
// the GB2312-era fonts fall back gracefully instead of to an arbitrary face. Charts are embedded as PNG.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from "docx";
import { dateTime } from "./format";
import { bulletinOutline, type Block, type Cell, type TableBlock } from "./outline";
import { standaloneSvg, svgToPng } from "./raster.server";
import type { BulletinModel } from "./types";

export const FONTS = {
  title: "方正小标宋简体",
  heading1: "黑体",
  heading2: "楷体_GB2312",
  body: "仿宋_GB2312",
  latin: "Times New Roman",
  pageNumber: "宋体",
} as const;

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt. */
const SIZE = { title: 44, body: 32, note: 28, table: 21, tableDense: 18, pageNumber: 28 } as const;
/** A4 in twips, and the GB/T 9704 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
const PAGE = { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1588, right: 1474 } as const;
/** The text width: 156 mm, in twips (tables) and in pixels at 96 dpi (images). */
const TEXT_WIDTH_TWIPS = PAGE.width - PAGE.left - PAGE.right;
const TEXT_WIDTH_PX = Math.round((TEXT_WIDTH_TWIPS / 1440) * 96);
/** 28 pt fixed line spacing for body text (22 lines a page). */
const BODY_LINE = 560;

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });
const ZH = { value: "en-US", eastAsia: "zh-CN" } as const;

function run(text: string, options: IRunOptions = {}): TextRun {
  return new TextRun({ text, font: font(FONTS.body), language: ZH, ...options });
}

function bodyParagraph(text: string, style: "body" | "note" = "body"): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: style === "body" ? 640 : 560 },
    spacing: { line: style === "body" ? BODY_LINE : 480, lineRule: LineRuleType.EXACT },
    children: [run(text, { size: style === "body" ? SIZE.body : SIZE.note })],
  });
}

/** "【群众诉求】…" and "红榜：…": the label in 黑体, the text in 仿宋. */
function labelledParagraph(label: string, text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    children: [run(`${label}：`, { font: font(FONTS.heading1), size: SIZE.body }), run(text, { size: SIZE.body })],
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { before: 160, after: 80, line: 400, lineRule: LineRuleType.EXACT },
    children: [run(text, { font: font(FONTS.heading1), size: 24 })],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cell(text: string, o: { align: "left" | "center" | "right"; size: number; header?: boolean; span?: number; fill?: string; width?: number }): TableCell {
  return new TableCell({
    columnSpan: o.span,
    verticalAlign: VerticalAlign.CENTER,
    width: o.width !== undefined ? { size: o.width, type: WidthType.DXA } : undefined,
    shading: o.fill ? { type: ShadingType.CLEAR, color: "auto", fill: o.fill } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: ALIGN[o.align],
        spacing: { line: 280, lineRule: LineRuleType.AT_LEAST },
        children: [run(text, { size: o.size, font: font(o.header ? FONTS.heading1 : FONTS.body) })],
      }),
    ],
  });
}

function table(t: TableBlock): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [caption(`${t.number} ${t.caption}`)];
  if (t.rows.length === 0) {
    out.push(bodyParagraph(t.emptyText, "note"));
    return out;
  }
  const size = t.dense ? SIZE.tableDense : SIZE.table;
  const total = t.columns.reduce((s, c) => s + c.width, 0);
  // Whole twips that add up to the text width: Word lays a fixed table out by its grid.
  const widths = t.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH_TWIPS));
  widths[widths.length - 1] += TEXT_WIDTH_TWIPS - widths.reduce((a, b) => a + b, 0);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.columns.map((c, i) => cell(c.header, { align: "center", size, header: true, fill: "D9D9D9", width: widths[i] })),
  });
  const rows: TableRow[] = [header];
  t.rows.forEach((cells: Cell[], i) => {
    const group = t.groupLabels?.[i];
    if (group) rows.push(new TableRow({ cantSplit: true, children: [cell(group, { align: "left", size, header: true, span: t.columns.length, fill: "F2F2F2", width: TEXT_WIDTH_TWIPS })] }));
    const fill = t.highlight?.includes(i) ? "FFF2CC" : undefined;
    rows.push(new TableRow({ cantSplit: true, children: cells.map((c, k) => cell(c.text, { align: t.columns[k].align, size, fill, width: widths[k] })) }));
  });
  out.push(
    new Table({
      width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
      rows,
    }),
  );
  return out;
}

function chart(block: Extract<Block, { type: "chart" }>): Paragraph[] {
  const svg = standaloneSvg(block.chart);
  const title = `${block.chart.number} ${block.chart.title}`;
  if (!svg) return [caption(title), bodyParagraph("本期无数据。", "note")];
  const { png, width, height } = svgToPng(svg.svg, svg.width);
  const w = Math.min(TEXT_WIDTH_PX, 560);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120 },
      children: [
        new ImageRun({
          type: "png",
          data: png,
          transformation: { width: w, height: Math.round((w * height) / width) },
          altText: { name: block.chart.key, title, description: block.chart.description },
        }),
      ],
    }),
    caption(title),
    bodyParagraph(block.chart.description, "note"),
  ];
}

/** The document's children, block by block. */
function body(m: BulletinModel): (Paragraph | Table)[] {
  const outline = bulletinOutline(m);
  const out: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [run(outline.title, { font: font(FONTS.title), size: SIZE.title })] }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240, line: BODY_LINE, lineRule: LineRuleType.EXACT },
      children: [run(outline.subtitle, { font: font(FONTS.heading2), size: SIZE.body })],
    }),
  ];
  for (const b of outline.blocks) {
    if (b.type === "heading") {
      out.push(new Paragraph({
        heading: b.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        children: [run(b.text, { font: font(b.level === 1 ? FONTS.heading1 : FONTS.heading2), size: SIZE.body })],
      }));
    } else if (b.type === "paragraph") out.push(bodyParagraph(b.text, b.style === "note" ? "note" : "body"));
    else if (b.type === "case") out.push(labelledParagraph(b.label, b.text));
    else if (b.type === "table") out.push(...table(b));
    else out.push(...chart(b));
  }
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: false, children: [run("附注：统计口径说明", { font: font(FONTS.heading1), size: SIZE.body })] }));
  for (const line of outline.footnote) out.push(bodyParagraph(line, "note"));
  outline.definitions.forEach((d, i) => out.push(bodyParagraph(`${i + 1}. ${d.text}`, "note")));
  return out;
}

/** Word's styles for the outline: real Title / Heading 1 / Heading 2 (navigation pane, table of contents). */
function styles() {
  const heading = (eastAsia: string, outlineLevel: number) => ({
    run: { font: font(eastAsia), size: SIZE.body, bold: false, italics: false, color: "000000" },
    paragraph: { keepNext: true, outlineLevel, indent: { firstLine: 640 }, spacing: { before: 120, after: 0, line: BODY_LINE, lineRule: LineRuleType.EXACT } },
  });
  return {
    default: {
      document: {
        run: { font: font(FONTS.body), size: SIZE.body, language: ZH },
        paragraph: { spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT } },
      },
      title: {
        run: { font: font(FONTS.title), size: SIZE.title, bold: false, color: "000000" },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 120, line: 700, lineRule: LineRuleType.EXACT } },
      },
      heading1: heading(FONTS.heading1, 0),
      heading2: heading(FONTS.heading2, 1),
    },
  };
}

/**
 * The font table with, for each Chinese font, the Windows font to use when it is missing (w:altName), its
 * GB2312 character set and PANOSE class, so Word and WPS substitute a font of the same kind.
 */
export function fontTableXml(): string {
  const entry = (name: string, alt: string | null, panose: string, charset: string, family: string, pitch: string) =>
    `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ""}<w:panose1 w:val="${panose}"/><w:charset w:val="${charset}"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    entry(FONTS.latin, null, "02020603050405020304", "00", "roman", "variable") +
    entry(FONTS.title, "宋体", "02000000000000000000", "86", "roman", "variable") +
    entry(FONTS.heading1, "SimHei", "02010609060101010101", "86", "modern", "fixed") +
    entry(FONTS.heading2, "楷体", "02010609030101010101", "86", "modern", "fixed") +
    entry(FONTS.body, "仿宋", "02010609030101010101", "86", "modern", "fixed") +
    entry(FONTS.pageNumber, "SimSun", "02010600030101010101", "86", "auto", "variable") +
    entry("仿宋", "FangSong", "02010609060101010101", "86", "modern", "fixed") +
    entry("楷体", "KaiTi", "02010609060101010101", "86", "modern", "fixed") +
    `</w:fonts>`
  );
}

export async function renderDocx(m: BulletinModel): Promise<Buffer> {
  const doc = new Document({
    creator: "民意 Minyi",
    title: m.title,
    subject: m.subtitle,
    description: `${m.definitions.version}；数据截止 ${dateTime(m.asOf)}`,
    styles: styles(),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, footer: 1000 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: font(FONTS.pageNumber), size: SIZE.pageNumber })],
              }),
            ],
          }),
        },
        children: body(m),
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
}
