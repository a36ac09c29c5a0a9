// The bulletin as HTML: the same outline as Word and Excel, the dashboard's chart components for the figures.
// Used for the print-ready page (html.tsx) and the preview on the 生成通报 page. No script, no links out.
import type { BulletinModel } from "./types";
import { bulletinOutline, type TableBlock } from "./outline";

function Table({ t }: { t: TableBlock }) {
  return (
    <section className="bulletin-table">
      <p className="caption">{`${t.number} ${t.caption}`}</p>
      {t.rows.length === 0 ? (
        <p className="note">{t.emptyText}</p>
      ) : (
        <div className="table-scroll">
          <table className={t.dense ? "dense" : undefined}>
            <colgroup>
              {t.columns.map((c, i) => (
                <col key={i} style={{ width: `${(c.width / t.columns.reduce((s, x) => s + x.width, 0)) * 100}%` }} />
              ))}
            </colgroup>
            <thead>
              <tr>
                {t.columns.map((c, i) => (
                  <th key={i} scope="col">{c.header}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.flatMap((cells, i) => {
                const group = t.groupLabels?.[i];
                const row = (
                  <tr key={`r${i}`} className={t.highlight?.includes(i) ? "highlight" : undefined}>
                    {cells.map((c, k) => (
                      <td key={k} className={`align-${t.columns[k].align}`}>{c.text}</td>
                    ))}
                  </tr>
                );
                return group
                  ? [<tr key={`g${i}`} className="group"><th colSpan={t.columns.length} scope="rowgroup">{group}</th></tr>, row]
                  : [row];
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function BulletinView({ model }: { model: BulletinModel }) {
  const outline = bulletinOutline(model);
  return (
    <article className="bulletin" lang="zh-CN">
      <header>
        <h1 className="bulletin-title">{outline.title}</h1>
        <p className="bulletin-subtitle">{outline.subtitle}</p>
      </header>
      {outline.blocks.map((b, i) => {
        switch (b.type) {
          case "heading":
            return b.level === 1 ? <h2 key={i}>{b.text}</h2> : <h3 key={i}>{b.text}</h3>;
          case "paragraph":
            return <p key={i} className={b.style === "note" ? "note" : undefined}>{b.text}</p>;
          case "case":
            return (
              <p key={i} className="labelled">
                <strong>{b.label}：</strong>
                {b.text}
              </p>
            );
          case "table":
            return <Table key={i} t={b} />;
          case "chart":
            return (
              <div key={i} className="bulletin-chart">
                {b.chart.element}
              </div>
            );
        }
      })}
      <footer className="bulletin-footnote">
        <h2>附注：统计口径说明</h2>
        {outline.footnote.map((line, i) => (
          <p key={i} className="note">{line}</p>
        ))}
        <ol>
          {outline.definitions.map((d, i) => (
            <li key={i}>{d.text}</li>
          ))}
        </ol>
      </footer>
    </article>
  );
}

/**
 * The bulletin's style: screen (a sheet of paper, narrowing to the phone) and print (A4 with the GB/T 9704
 * margins, headers repeated on each page, nothing split across pages that should not be). Font stacks name the
 * office fonts first and end with the Noto CJK fonts Linux servers have, so Chinese text always has glyphs.
 */
export const BULLETIN_CSS = `
.bulletin {
  --song: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", serif;
  --hei: "黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
  --kai: "楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  --fang: "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  box-sizing: border-box; max-width: 210mm; margin: 0 auto; padding: 24mm 26mm 24mm 28mm; background: #fff; color: #000;
  font-family: var(--fang); font-size: 16pt; line-height: 28pt; font-variant-numeric: tabular-nums;
}
.bulletin * { box-sizing: border-box; }
.bulletin header { text-align: center; margin-bottom: 14pt; }
.bulletin .bulletin-title { font-family: var(--song); font-size: 22pt; line-height: 35pt; font-weight: normal; margin: 0 0 6pt; }
.bulletin .bulletin-subtitle { font-family: var(--kai); text-indent: 0; text-align: center; margin: 0; }
.bulletin h2 { font-family: var(--hei); font-size: 16pt; font-weight: normal; margin: 10pt 0 0; text-indent: 2em; break-after: avoid; }
.bulletin h3 { font-family: var(--kai); font-size: 16pt; font-weight: normal; margin: 6pt 0 0; text-indent: 2em; break-after: avoid; }
.bulletin p { margin: 0; text-indent: 2em; text-align: justify; }
.bulletin p.note { font-size: 14pt; line-height: 24pt; }
.bulletin p.labelled strong { font-family: var(--hei); font-weight: normal; }
.bulletin p.caption { font-family: var(--hei); font-size: 12pt; line-height: 20pt; text-indent: 0; text-align: center; margin: 10pt 0 4pt; break-after: avoid; }
.bulletin .table-scroll { overflow-x: auto; }
.bulletin table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.45; table-layout: fixed; }
.bulletin table.dense { font-size: 9pt; }
.bulletin th, .bulletin td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: middle; overflow-wrap: anywhere; }
.bulletin thead th { font-family: var(--hei); font-weight: normal; background: #d9d9d9; text-align: center; }
.bulletin thead { display: table-header-group; }
.bulletin tr { break-inside: avoid; }
.bulletin tr.group th { font-family: var(--hei); font-weight: normal; background: #f2f2f2; text-align: left; }
.bulletin tr.highlight td { background: #fff2cc; }
.bulletin td.align-right { text-align: right; }
.bulletin td.align-center { text-align: center; }
.bulletin .bulletin-chart { break-inside: avoid; margin: 10pt 0; }
.bulletin .bulletin-chart figure { margin: 0; }
.bulletin .bulletin-chart figcaption { text-align: center; }
.bulletin .bulletin-chart .chart-title { font-family: var(--hei); font-size: 12pt; font-weight: normal; line-height: 20pt; margin: 0; text-indent: 0; }
.bulletin .bulletin-chart .chart-description { font-size: 12pt; line-height: 20pt; text-indent: 0; text-align: center; }
.bulletin .bulletin-chart .chart-svg { display: block; width: 100%; max-width: 150mm; margin: 0 auto; font-family: var(--hei); }
.bulletin .bulletin-chart .chart-legend { display: flex; gap: 12pt; justify-content: center; list-style: none; padding: 0; margin: 4pt 0; font-size: 10.5pt; line-height: 1.4; }
.bulletin .bulletin-chart .chart-legend svg { margin-right: 3pt; }
.bulletin .bulletin-chart .chart-data, .bulletin .bulletin-chart .chart-empty { display: none; }
.bulletin .bulletin-footnote { margin-top: 16pt; border-top: 0.5pt solid #000; padding-top: 6pt; }
.bulletin .bulletin-footnote ol { margin: 4pt 0 0; padding-left: 2em; font-size: 12pt; line-height: 20pt; }
@media (max-width: 640px) {
  .bulletin { padding: 16px 14px; font-size: 15px; line-height: 1.75; }
  .bulletin .bulletin-title { font-size: 20px; line-height: 1.4; }
  .bulletin h2, .bulletin h3 { font-size: 16px; }
  .bulletin p.note, .bulletin .bulletin-footnote ol { font-size: 13px; line-height: 1.6; }
  .bulletin table { table-layout: auto; min-width: 36em; }
}
@media print {
  .bulletin { max-width: none; padding: 0; }
  .bulletin .table-scroll { overflow: visible; }
}
`;
