// 管理 › 数据导入: upload a hotline / mailbox / Weibo file and import it as `npm run ingest` does (same validation,
// same rejects file), then see the counts; below, the recent import runs with their rejects files. The import runs
// within the request; a run in progress shows its counters here, and the page refreshes itself while one runs.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { CsrfField } from "~/components/ActorFields";
import { FieldError, invalidProps, useServerMessage } from "~/components/AdminForm";
import { ErrorView } from "~/components/ErrorView";
import { CHANNEL_LABEL, formatNumber, langFromSearch, t as translate, tf, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { importAction, importsPage } from "~/lib/admin-imports.server";
import { beijingTime } from "~/lib/format";

/** Seconds between automatic reloads while an import runs. */
const REFRESH_SECONDS = 5;

export const meta: MetaFunction<typeof loader> = ({ location, data }) => {
  const lang = langFromSearch(location.search);
  return [
    { title: `${translate(lang, "admin.imports.heading")} · ${translate(lang, "app.title")}` },
    ...(data?.refresh ? [{ httpEquiv: "refresh", content: String(REFRESH_SECONDS) }] : []),
  ];
};

export function loader({ request }: LoaderFunctionArgs) {
  return importsPage(request);
}

export function action({ request }: ActionFunctionArgs) {
  return importAction(request);
}

const STATUS_KEY: Record<string, MessageKey> = {
  running: "admin.imports.status.running",
  done: "admin.imports.status.done",
  failed: "admin.imports.status.failed",
  interrupted: "admin.imports.status.interrupted",
};

export default function AdminImports() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { lang, t } = useLang();
  const message = useServerMessage();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const errorValues = result && !result.ok ? result.errorValues : {};
  const values: Record<string, string> = result && !result.ok ? result.values : {};
  const n = (x: number) => formatNumber(lang, x);
  const channelName = (c: string) => (c in CHANNEL_LABEL ? t(CHANNEL_LABEL[c as keyof typeof CHANNEL_LABEL]) : c);
  const rejectsHref = (id: number) => `/admin/imports/${id}/rejects`;
  const colon = lang === "en" ? ": " : "：";

  return (
    <>
      <p className="muted"><Link to={withLang("/admin", lang)}>{t("admin.heading")}</Link></p>
      <h1>{t("admin.imports.heading")}</h1>
      <p className="muted">{t("admin.imports.intro")}</p>

      {result?.ok ? (
        <div className="notice" role="status" data-testid="import-result">
          <p>
            <strong>{tf(lang, "admin.imports.doneTitle", { file: result.fileName, run: result.runId })}</strong>
            {" "}
            <span className="muted">{tf(lang, "admin.imports.doneFormat", { preset: result.preset, source: result.source, encoding: result.encoding, seconds: result.seconds })}</span>
          </p>
          <p data-testid="import-counts">
            {tf(lang, "admin.imports.counts", { read: n(result.read), inserted: n(result.inserted), updated: n(result.updated), unchanged: n(result.unchanged), rejected: n(result.rejected), warnings: n(result.warnings) })}
          </p>
          {result.firstRejects.length ? (
            <ul className="rejects">
              {result.firstRejects.map((r) => (
                <li key={r.line}><code>{result.fileName}:{r.line}</code>{colon}{r.reason}</li>
              ))}
              {result.rejected > result.firstRejects.length ? <li>{tf(lang, "admin.imports.moreRejects", { n: n(result.rejected - result.firstRejects.length) })}</li> : null}
            </ul>
          ) : null}
          {result.rejectsFile ? <p><a href={rejectsHref(result.runId)} download>{t("admin.imports.downloadRejects")}</a></p> : null}
          {result.unmatchedCount ? (
            <p className="warning">
              {tf(lang, "admin.imports.unmatched", { n: result.unmatchedCount })}
              {result.unmatchedUnits.map(([name, count]) => `${name}（${count}）`).join(lang === "en" ? ", " : "、")}
              {" "}<Link to={withLang("/admin/catalogue", lang)}>{t("admin.imports.addAlias")}</Link>
            </p>
          ) : null}
          {result.calendarWarnings.map((w) => <p key={w} className="warning">{w}</p>)}
          {result.nlp ? <p className="muted">{tf(lang, "admin.imports.nlp", { n: n(result.nlp.analysed), review: n(result.nlp.needsReview) })}{result.nlp.caughtUp ? ` ${tf(lang, "admin.imports.nlpCaughtUp", { n: n(result.nlp.caughtUp) })}` : ""}</p> : null}
        </div>
      ) : null}
      {result && !result.ok ? (
        <div className="error" role="alert" data-testid="import-error">
          <ul>{Object.entries(errors).map(([k, v]) => <li key={k}>{message(v, errorValues)}</li>)}</ul>
          {result.runId ? <p><a href={rejectsHref(result.runId)} download>{t("admin.imports.downloadRejects")}</a></p> : null}
        </div>
      ) : null}
      {d.current ? <p className="warning" role="status">{tf(lang, "admin.imports.running", { file: d.current.fileName, by: d.current.by, at: beijingTime(d.current.startedAt) })}</p> : null}

      <Form method="post" action={withLang("/admin/imports", lang)} encType="multipart/form-data" className="settings-form" noValidate key={result?.ok ? `run-${result.runId}` : "upload"}>
        {/* The token first: the server checks it before it stores the file. */}
        <CsrfField />
        <fieldset>
          <legend>{t("admin.imports.upload")}</legend>
          <label>
            <span>{t("admin.imports.file")}</span>
            <input type="file" name="file" required accept=".csv,.txt,.tsv,.xlsx,.json,.jsonl,.ndjson" {...invalidProps(errors, "file")} />
            <span className="muted">{tf(lang, "admin.imports.fileHint", { mb: d.maxUploadMB })}</span>
            <FieldError errors={errors} name="file" values={errorValues} />
          </label>
          <label>
            <span>{t("admin.imports.channel")}</span>
            <select name="channel" defaultValue={values.channel ?? "hotline"} {...invalidProps(errors, "channel")}>
              {d.channels.map((c) => <option key={c} value={c}>{channelName(c)}</option>)}
            </select>
            <FieldError errors={errors} name="channel" />
          </label>
          <label>
            <span>{t("admin.imports.preset")}</span>
            <select name="preset" defaultValue={values.preset ?? ""} {...invalidProps(errors, "preset")}>
              <option value="">{t("admin.imports.presetAuto")}</option>
              {d.channels.map((c) => (
                <optgroup key={c} label={channelName(c)}>
                  {d.presets.filter((p) => p.channel === c).map((p) => <option key={p.name} value={p.name} title={p.description}>{p.name}</option>)}
                </optgroup>
              ))}
            </select>
            <FieldError errors={errors} name="preset" />
          </label>
          <label>
            <span>{t("admin.imports.mapping")}</span>
            <input type="file" name="mapping" accept=".json" {...invalidProps(errors, "mapping")} />
            <span className="muted">{t("admin.imports.mappingHint")}</span>
            <FieldError errors={errors} name="mapping" values={errorValues} />
          </label>
          <label>
            <span>{t("admin.imports.crawledAt")}</span>
            <input name="crawledAt" placeholder="2020-01-14 20:30" defaultValue={values.crawledAt} maxLength={40} {...invalidProps(errors, "crawledAt")} />
            <span className="muted">{t("admin.imports.crawledAtHint")}</span>
            <FieldError errors={errors} name="crawledAt" />
          </label>
          <label>
            <span>{t("admin.imports.account")}</span>
            <input name="account" defaultValue={values.account} maxLength={60} {...invalidProps(errors, "account")} />
            <span className="muted">{t("admin.imports.accountHint")}</span>
            <FieldError errors={errors} name="account" />
          </label>
          <button type="submit" disabled={busy || d.current !== null}>{busy ? t("admin.imports.importing") : t("admin.imports.submit")}</button>
          <p className="muted">{t("admin.imports.submitHint")}</p>
        </fieldset>
      </Form>

      <details className="definitions">
        <summary>{t("admin.imports.presets")}</summary>
        <ul>
          {d.presets.map((p) => <li key={p.name}><code>{p.name}</code>（{channelName(p.channel)}）{p.description}</li>)}
        </ul>
      </details>

      <h2>{t("admin.imports.runs")}</h2>
      {d.refresh ? (
        <p className="muted" role="status">
          {tf(lang, "admin.imports.autoRefresh", { s: REFRESH_SECONDS })} <Link to={withLang("/admin/imports", lang)} reloadDocument>{t("admin.imports.refresh")}</Link>
        </p>
      ) : null}
      {d.runs.length === 0 ? (
        <p className="empty">{t("admin.imports.noRuns")}</p>
      ) : (
        <div className="table-wrap">
          <table className="admin-table" data-testid="import-runs">
            <thead>
              <tr>
                <th scope="col">{t("admin.imports.run")}</th>
                <th scope="col">{t("admin.imports.file")}</th>
                <th scope="col">{t("admin.imports.channel")}</th>
                <th scope="col">{t("admin.imports.started")}</th>
                <th scope="col">{t("admin.imports.status")}</th>
                <th scope="col" className="num">{t("admin.imports.read")}</th>
                <th scope="col" className="num">{t("admin.imports.inserted")}</th>
                <th scope="col" className="num">{t("admin.imports.updated")}</th>
                <th scope="col" className="num">{t("admin.imports.rejected")}</th>
                <th scope="col" className="num">{t("admin.imports.warnings")}</th>
                <th scope="col">{t("admin.imports.rejectsFile")}</th>
              </tr>
            </thead>
            <tbody>
              {d.runs.map((r) => (
                <tr key={r.id} data-status={r.status}>
                  <td>{r.id}</td>
                  <td className="text-cell">
                    {r.fileName}
                    {r.preset || r.mappingName ? <span className="muted"> · {r.preset ?? r.mappingName}</span> : null}
                    {r.message && r.status !== "done" ? <span className="field-error">{r.message}</span> : null}
                  </td>
                  <td>{channelName(r.channel)}</td>
                  <td>{beijingTime(r.startedAt)}</td>
                  <td>{STATUS_KEY[r.status] ? t(STATUS_KEY[r.status]) : r.status}</td>
                  <td className="num">{n(r.read)}</td>
                  <td className="num">{n(r.inserted)}</td>
                  <td className="num">{n(r.updated)}</td>
                  <td className="num">{n(r.rejected)}</td>
                  <td className="num">{n(r.warnings)}</td>
                  <td>{r.rejectsFile ? <a href={rejectsHref(r.id)} download>{t("admin.imports.download")}</a> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
