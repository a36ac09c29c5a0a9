// Overview: interaction volume per channel, in total and per Shanghai month. Thin: data comes from app/lib.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorView } from "~/components/ErrorView";
import { formatNumber, langFromSearch, t as translate, type MessageKey } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";
import { VOLUME_COLUMNS, type VolumeColumn } from "~/lib/volume";
import { getVolumeOverview } from "~/lib/volume.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "volume.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  return getVolumeOverview(request);
}

const COLUMN_LABEL: Record<VolumeColumn, MessageKey> = {
  hotline: "channel.hotline",
  mailbox: "channel.mailbox",
  weibo: "channel.weibo",
  weiboPosts: "channel.weiboPosts",
};

export default function Index() {
  const { totals, months, isEmpty } = useLoaderData<typeof loader>();
  const { lang, t } = useLang();
  const n = (v: number) => formatNumber(lang, v);

  return (
    <>
      <h1>{t("volume.heading")}</h1>
      {isEmpty ? (
        <p className="empty">{t("volume.empty")}</p>
      ) : (
        <>
          <h2>{t("volume.totals")}</h2>
          <dl className="totals">
            {VOLUME_COLUMNS.map((c) => (
              <div key={c} data-channel={c}>
                <dt>{t(COLUMN_LABEL[c])}</dt>
                <dd>{n(totals[c])}</dd>
              </div>
            ))}
          </dl>

          <h2>{t("volume.byMonth")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("volume.month")}</th>
                  {VOLUME_COLUMNS.map((c) => (
                    <th key={c} scope="col" className="num">
                      {t(COLUMN_LABEL[c])}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {months.map((row) => (
                  <tr key={row.month}>
                    <th scope="row">{row.month}</th>
                    {VOLUME_COLUMNS.map((c) => (
                      <td key={c} className="num">
                        {n(row[c])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("volume.total")}</th>
                  {VOLUME_COLUMNS.map((c) => (
                    <td key={c} className="num">
                      {n(totals[c])}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
