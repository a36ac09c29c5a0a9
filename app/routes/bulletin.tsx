// 生成通报: pick the period (or the assessment month), optionally a department and the scope; preview the bulletin
// and download it as Word, Excel or the print-ready page. A plain GET form: works without JavaScript.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { BULLETIN_CSS, BulletinView } from "~/bulletin/BulletinView";
import { ErrorView } from "~/components/ErrorView";
import { langFromSearch, t as translate } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";
import { bulletinPage } from "~/lib/bulletin.server";
import { hrefWith } from "~/lib/dashboard-params";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "bulletin.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  return bulletinPage(request);
}

const PAGE_CSS = `
.bulletin-form .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; width: 100%; }
.bulletin-form button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
.bulletin-preview { background: #e9ebee; border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem; margin-top: 0.5rem; overflow-x: hidden; }
.bulletin-preview .bulletin { box-shadow: 0 1px 4px rgba(0,0,0,.15); }
@media (max-width: 640px) { .bulletin-preview { padding: 0; border: 0; } }
`;

export default function BulletinPage() {
  const data = useLoaderData<typeof loader>();
  const { lang, t } = useLang();
  const p = data.params;
  const query = { period: data.periodInput, assessment: p.assessment, startDay: p.startDay, dept: p.dept, scope: p.scope };
  return (
    <>
      <style dangerouslySetInnerHTML={{ __html: PAGE_CSS + BULLETIN_CSS }} />
      <h1>{t("bulletin.heading")}</h1>
      <p className="muted">{t("bulletin.intro")}</p>
      {/* A native form (not Remix's): the download buttons must reach the resource route as a document request. */}
      <form method="get" action="/bulletin" className="filter-bar bulletin-form" aria-label={t("bulletin.heading")}>
        <label>
          <span>{t("filter.period")}</span>
          <input name="period" defaultValue={data.periodInput} size={12} title={t("filter.periodHint")} required />
        </label>
        <label className="checkbox" title={t("bulletin.assessmentHint")}>
          <input type="checkbox" name="assessment" value="1" defaultChecked={p.assessment === "1"} />
          <span>{t("bulletin.assessment")}</span>
        </label>
        <label>
          <span>{t("bulletin.startDay")}</span>
          <input name="startDay" type="number" min={1} max={28} defaultValue={p.startDay ?? ""} placeholder={String(data.defaultStartDay)} size={3} />
        </label>
        <label>
          <span>{t("bulletin.department")}</span>
          <select name="dept" defaultValue={p.dept ?? ""}>
            <option value="">{t("bulletin.wholeCity")}</option>
            {data.departments.map((d) => (
              <option key={d.id} value={d.id}>{d.name}</option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("filter.scope")}</span>
          <select name="scope" defaultValue={p.scope ?? ""}>
            <option value="">{t("filter.scopeAssessed")}</option>
            <option value="all">{t("filter.scopeAll")}</option>
          </select>
        </label>
        {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
        <div className="actions">
          <button type="submit">{t("bulletin.preview")}</button>
          <button type="submit" className="secondary" formAction="/bulletin/download" name="format" value="docx">{t("bulletin.docx")}</button>
          <button type="submit" className="secondary" formAction="/bulletin/download" name="format" value="xlsx">{t("bulletin.xlsx")}</button>
          <button type="submit" className="secondary" formAction="/bulletin/download" name="format" value="html">{t("bulletin.html")}</button>
        </div>
        <p className="muted filter-hint">{t("filter.periodHint")}</p>
      </form>
      <p>
        <a href={hrefWith("/bulletin/download", { ...query, format: "html", disposition: "inline" })} target="_blank" rel="noreferrer">
          {t("bulletin.print")}
        </a>
      </p>
      <h2>{t("bulletin.previewHeading")}</h2>
      <div className="bulletin-preview">
        <BulletinView model={data.model} />
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
