// "导出 CSV" / "导出 Excel": download links to a page's export route with the page's current parameters, so the
// file holds what the page shows (plain links: a resource route is a download, not a page to navigate to).
import { useLang } from "~/i18n/use-lang";
import { hrefWith } from "~/lib/dashboard-params";

type ParamValue = string | number | undefined | null;

export function ExportLinks({ path, params, hint }: { path: string; params: Record<string, ParamValue>; hint?: string }) {
  const { t } = useLang();
  return (
    <p className="export-links muted">
      <a href={hrefWith(path, { ...params, format: "csv" })} download rel="nofollow" data-export="csv">{t("export.csv")}</a>
      {" · "}
      <a href={hrefWith(path, { ...params, format: "xlsx" })} download rel="nofollow" data-export="xlsx">{t("export.xlsx")}</a>
      {hint ? <span className="export-hint"> · {hint}</span> : null}
    </p>
  );
}
