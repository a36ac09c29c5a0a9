// The dashboard's filter bar: a plain GET form, so filters land in the URL and work without JavaScript.
import { Form } from "@remix-run/react";
import { useLang } from "~/i18n/use-lang";
import { CHANNEL_VALUES, type DashboardParams } from "~/lib/dashboard-params";
import { CHANNEL_LABEL } from "~/i18n/messages";

export interface FilterOptions {
  departments: { id: number; name: string }[];
  topics: { id: number; name: string }[];
}

export function FilterBar({ params, options, periodKey, action, extra }: {
  params: DashboardParams;
  options: FilterOptions;
  /** The period in effect (the default when the URL has none). */
  periodKey: string;
  action?: string;
  /** Extra hidden parameters to keep (e.g. the items list's search). */
  extra?: Record<string, string | undefined>;
}) {
  const { lang, t } = useLang();
  return (
    <Form method="get" action={action} className="filter-bar" aria-label={t("filter.apply")}>
      <label>
        <span>{t("filter.period")}</span>
        <input name="period" defaultValue={params.period ?? periodKey} size={12} title={t("filter.periodHint")} aria-describedby="period-hint" />
      </label>
      <label>
        <span>{t("filter.channel")}</span>
        <select name="channel" defaultValue={params.channel ?? ""}>
          <option value="">{t("filter.all")}</option>
          {CHANNEL_VALUES.map((c) => (
            <option key={c} value={c}>{t(CHANNEL_LABEL[c])}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("filter.department")}</span>
        <select name="dept" defaultValue={params.dept ?? ""}>
          <option value="">{t("filter.all")}</option>
          {options.departments.map((d) => (
            <option key={d.id} value={d.id}>{d.name}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("filter.topic")}</span>
        <select name="topic" defaultValue={params.topic ?? ""}>
          <option value="">{t("filter.all")}</option>
          {options.topics.map((x) => (
            <option key={x.id} value={x.id}>{x.name}</option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("filter.scope")}</span>
        <select name="scope" defaultValue={params.scope ?? ""}>
          <option value="">{t("filter.scopeAssessed")}</option>
          <option value="all">{t("filter.scopeAll")}</option>
        </select>
      </label>
      {lang === "en" ? <input type="hidden" name="lang" value="en" /> : null}
      {Object.entries(extra ?? {}).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <button type="submit">{t("filter.apply")}</button>
      <p id="period-hint" className="muted filter-hint">{t("filter.periodHint")}</p>
    </Form>
  );
}
