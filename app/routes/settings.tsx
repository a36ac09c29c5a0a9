// 设置: the 口径 an admin may revise locally (reply deadlines per channel and item type, the assessment month's
// start day, the satisfaction weight, the minimum sample, the due-soon window), with the defaults beside them,
// a reset, and the log of who changed what. A plain POST form: it works without JavaScript. Thin: app/lib has the rest.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { ActorFields } from "~/components/ActorFields";
import { ErrorView } from "~/components/ErrorView";
import { CHANNEL_LABEL, formatNumber, langFromSearch, t as translate, tf, type Lang, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { beijingTime } from "~/lib/format";
import { settingsAction, settingsPage } from "~/lib/settings.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "settings.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  return settingsPage(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return settingsAction(request, await request.formData());
}

const CHANNELS = ["hotline", "mailbox", "weibo"] as const;
type Rule = { amount: number; unit: "workdays" | "days" };
const UNITS = ["workdays", "days"] as const;

function ruleText(lang: Lang, rule: Rule): string {
  return tf(lang, `settings.rule.${rule.unit}`, { n: rule.amount });
}

const SCALAR_LABEL: Record<string, MessageKey> = {
  assessmentStartDay: "settings.assessmentStartDay",
  basicallySatisfiedWeight: "settings.weight",
  minimumSample: "settings.minimumSample",
  dueSoonWorkdays: "settings.dueSoon",
};

/** A change log field ("replyDeadlineByType.mailbox.投诉") as a label. */
function fieldLabel(lang: Lang, t: (k: MessageKey) => string, field: string): string {
  const [head, channel, ...rest] = field.split(".");
  const channelName = CHANNEL_LABEL[channel as (typeof CHANNELS)[number]] ? t(CHANNEL_LABEL[channel as (typeof CHANNELS)[number]]) : channel;
  if (head === "replyDeadline") return tf(lang, "settings.field.replyDeadline", { channel: channelName });
  if (head === "replyDeadlineByType") return tf(lang, "settings.field.replyDeadlineByType", { channel: channelName, type: rest.join(".") });
  return SCALAR_LABEL[field] ? t(SCALAR_LABEL[field]) : field;
}

function valueText(lang: Lang, t: (k: MessageKey) => string, v: unknown): string {
  if (v === null || v === undefined) return t("settings.none");
  if (typeof v === "object") return ruleText(lang, v as Rule);
  return String(v);
}

export default function Settings() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { lang, t } = useLang();
  const errors: Record<string, string> = result && !result.ok ? result.fieldErrors : {};
  const submitted = result && !result.ok ? result.values : null;
  /** The submitted value after a failed save (so nothing typed is lost), else the value in effect. */
  const value = (name: string, current: string | number | undefined) => (submitted ? submitted[name] ?? "" : current === undefined ? "" : String(current));
  const err = (name: string) => (errors[name] ? <span className="field-error" id={`${name}-error`}>{errors[name]}</span> : null);
  const invalid = (name: string) => (errors[name] ? { "aria-invalid": true, "aria-describedby": `${name}-error` } : {});
  const errorCount = Object.keys(errors).length;
  const colon = lang === "en" ? ": " : "：";
  const paren = (x: string) => (lang === "en" ? ` (${x})` : `（${x}）`);
  // A successful save adds a log entry: the form then remounts with the saved values.
  const formKey = d.log.length ? String(d.log[0].at) : "defaults";

  return (
    <>
      <h1>{t("settings.heading")}</h1>
      <p className="muted">{t("settings.intro")}</p>
      <p>
        {t("settings.version")}{colon}<strong data-testid="definitions-version">{d.version}</strong>
        <br />
        <span className="muted">
          {d.revision ? tf(lang, "settings.revisedBy", { revision: d.revision.revision, by: d.revision.savedBy, at: beijingTime(d.revision.savedAt) }) : t("settings.noRevision")}
        </span>
      </p>

      {result?.ok ? (
        <div className="notice" role="status">
          <p>{result.changes === 0 ? t("settings.noChange") : tf(lang, result.action === "reset" ? "settings.resetDone" : "settings.saved", { n: result.changes })}</p>
          {result.deadlinesRecomputed ? <p>{tf(lang, "settings.recomputed", { n: formatNumber(lang, result.deadlineItemsChanged) })}</p> : null}
          {result.calendarYears.length ? <p className="warning">{tf(lang, "settings.calendarYears", { years: result.calendarYears.join(lang === "en" ? ", " : "、") })}</p> : null}
        </div>
      ) : null}
      {errorCount ? (
        <div className="error" role="alert">
          <p>{tf(lang, "settings.invalid", { n: errorCount })}</p>
          <ul>
            {Object.entries(errors).map(([name, message]) => (
              <li key={name}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <Form method="post" action={withLang("/settings", lang)} className="settings-form" noValidate key={formKey}>
        <fieldset>
          <legend>{t("settings.deadlines")}</legend>
          <p className="muted">{t("settings.deadlinesHint")}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("settings.channel")}</th>
                  <th scope="col">{t("settings.amount")}</th>
                  <th scope="col">{t("settings.unit")}</th>
                  <th scope="col">{t("settings.default")}</th>
                </tr>
              </thead>
              <tbody>
                {CHANNELS.map((c) => {
                  const name = `deadline.${c}`;
                  return (
                    <tr key={c}>
                      <th scope="row">{t(CHANNEL_LABEL[c])}</th>
                      <td>
                        <input type="number" name={`${name}.amount`} min={1} max={365} step={1} inputMode="numeric" aria-label={`${t(CHANNEL_LABEL[c])} ${t("settings.amount")}`}
                          defaultValue={value(`${name}.amount`, d.current.replyDeadline[c].amount)} {...invalid(`${name}.amount`)} />
                        {err(`${name}.amount`)}
                      </td>
                      <td>
                        <select name={`${name}.unit`} defaultValue={value(`${name}.unit`, d.current.replyDeadline[c].unit)} aria-label={`${t(CHANNEL_LABEL[c])} ${t("settings.unit")}`} {...invalid(`${name}.unit`)}>
                          {UNITS.map((u) => <option key={u} value={u}>{t(`settings.unit.${u}`)}</option>)}
                        </select>
                        {err(`${name}.unit`)}
                      </td>
                      <td className="muted">{ruleText(lang, d.defaults.replyDeadline[c])}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t("settings.byType")}</legend>
          <p className="muted">{t("settings.byTypeHint")}</p>
          {CHANNELS.map((c) => {
            const rows = d.types[c];
            return (
              <div key={c} className="table-wrap settings-types">
                <table>
                  <caption>{t(CHANNEL_LABEL[c])}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("settings.type")}</th>
                      <th scope="col" className="num">{t("settings.items")}</th>
                      <th scope="col">{t("settings.amount")}</th>
                      <th scope="col">{t("settings.unit")}</th>
                      <th scope="col">{t("settings.default")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...rows, null].map((row, i) => {
                      const name = `type.${c}.${i}`;
                      const label = row ? `${t(CHANNEL_LABEL[c])} ${row.type}` : `${t(CHANNEL_LABEL[c])} ${t("settings.newType")}`;
                      return (
                        <tr key={row?.type ?? "__new"}>
                          <th scope="row">
                            {row ? (
                              <>
                                {row.type}
                                <input type="hidden" name={`${name}.name`} value={row.type} />
                              </>
                            ) : (
                              <input name={`${name}.name`} maxLength={40} placeholder={t("settings.newType")} aria-label={label} defaultValue={value(`${name}.name`, "")} {...invalid(`${name}.name`)} />
                            )}
                            {err(`${name}.name`)}
                          </th>
                          <td className="num">{row ? formatNumber(lang, row.items) : ""}</td>
                          <td>
                            <input type="number" name={`${name}.amount`} min={1} max={365} step={1} inputMode="numeric" aria-label={`${label} ${t("settings.amount")}`}
                              defaultValue={value(`${name}.amount`, row?.rule?.amount)} {...invalid(`${name}.amount`)} />
                            {err(`${name}.amount`)}
                          </td>
                          <td>
                            <select name={`${name}.unit`} defaultValue={value(`${name}.unit`, row?.rule?.unit ?? d.current.replyDeadline[c].unit)} aria-label={`${label} ${t("settings.unit")}`} {...invalid(`${name}.unit`)}>
                              {UNITS.map((u) => <option key={u} value={u}>{t(`settings.unit.${u}`)}</option>)}
                            </select>
                            {err(`${name}.unit`)}
                          </td>
                          <td className="muted">{t("settings.followChannel")}{paren(ruleText(lang, d.current.replyDeadline[c]))}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            );
          })}
        </fieldset>

        <fieldset>
          <legend>{t("settings.periods")}</legend>
          <label>
            <span>{t("settings.assessmentStartDay")}</span>
            <input type="number" name="assessmentStartDay" min={1} max={28} step={1} inputMode="numeric" defaultValue={value("assessmentStartDay", d.current.assessmentStartDay)} {...invalid("assessmentStartDay")} />
            <span className="muted">{t("settings.default")}{colon}{d.defaults.assessmentStartDay}</span>
            {err("assessmentStartDay")}
          </label>
          <p className="muted">{t("settings.assessmentHint")}</p>
          <p className="muted">{tf(lang, "settings.assessmentExample", { key: d.assessmentExample.key, first: d.assessmentExample.firstDay, last: d.assessmentExample.lastDay })}</p>
        </fieldset>

        <fieldset>
          <legend>{t("settings.rates")}</legend>
          <label>
            <span>{t("settings.weight")}</span>
            <input type="number" name="basicallySatisfiedWeight" min={0} max={1} step={0.01} inputMode="decimal" defaultValue={value("basicallySatisfiedWeight", d.current.basicallySatisfiedWeight)} {...invalid("basicallySatisfiedWeight")} />
            <span className="muted">{t("settings.default")}{colon}{d.defaults.basicallySatisfiedWeight} · {t("settings.weightHint")}</span>
            {err("basicallySatisfiedWeight")}
          </label>
          <label>
            <span>{t("settings.minimumSample")}</span>
            <input type="number" name="minimumSample" min={1} step={1} inputMode="numeric" defaultValue={value("minimumSample", d.current.minimumSample)} {...invalid("minimumSample")} />
            <span className="muted">{t("settings.default")}{colon}{d.defaults.minimumSample} · {t("settings.minimumSampleHint")}</span>
            {err("minimumSample")}
          </label>
          <label>
            <span>{t("settings.dueSoon")}</span>
            <input type="number" name="dueSoonWorkdays" min={1} max={30} step={1} inputMode="numeric" defaultValue={value("dueSoonWorkdays", d.current.dueSoonWorkdays)} {...invalid("dueSoonWorkdays")} />
            <span className="muted">{t("settings.default")}{colon}{d.defaults.dueSoonWorkdays} · {t("settings.dueSoonHint")}</span>
            {err("dueSoonWorkdays")}
          </label>
        </fieldset>

        <fieldset className="filter-bar">
          <legend>{t("settings.who")}</legend>
          <ActorFields errors={errors} values={submitted ?? {}} />
          <button type="submit" name="intent" value="save" disabled={busy}>{t("settings.save")}</button>
          <button type="submit" name="intent" value="reset" disabled={busy} className="secondary">{t("settings.reset")}</button>
          <p className="filter-hint muted">{t("settings.resetHint")}</p>
        </fieldset>
      </Form>

      <h2>{t("settings.log")}</h2>
      {d.log.length === 0 ? (
        <p className="muted">{t("settings.logEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="settings-log">
            <thead>
              <tr>
                <th scope="col">{t("settings.logAt")}</th>
                <th scope="col">{t("settings.logBy")}</th>
                <th scope="col">{t("settings.logAction")}</th>
                <th scope="col">{t("settings.logChanges")}</th>
                <th scope="col" className="num">{t("settings.logDeadlines")}</th>
                <th scope="col">{t("settings.logNote")}</th>
              </tr>
            </thead>
            <tbody>
              {d.log.map((e) => (
                <tr key={`${e.at}-${e.revision}`}>
                  <td>{beijingTime(e.at)}</td>
                  <td>{e.by}</td>
                  <td>{t(e.action === "reset" ? "settings.action.reset" : "settings.action.save")}</td>
                  <td className="text-cell">
                    <ul>
                      {e.changes.map((c) => (
                        <li key={c.field}>{fieldLabel(lang, t, c.field)}{colon}{valueText(lang, t, c.from)} → {valueText(lang, t, c.to)}</li>
                      ))}
                    </ul>
                  </td>
                  <td className="num">{formatNumber(lang, e.deadlineItemsChanged)}</td>
                  <td>{e.note ?? ""}</td>
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
