// 管理 › 部门与分类: the department catalogue (name, short name, aliases, sort order; add, edit, deactivate), the
// unit names imports could not match (with 重新匹配), and the two-level topic catalogue (add, rename, keywords).
// Plain POST forms; app/lib/admin-catalogue.server.ts has the rules.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { CsrfField } from "~/components/ActorFields";
import { FieldError, invalidProps, useServerMessage } from "~/components/AdminForm";
import { ErrorView } from "~/components/ErrorView";
import { formatNumber, langFromSearch, t as translate, tf, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { catalogueAction, cataloguePage } from "~/lib/admin-catalogue.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "admin.catalogue.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  return cataloguePage(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return catalogueAction(request, await request.formData());
}

export default function AdminCatalogue() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { lang, t } = useLang();
  const message = useServerMessage();
  const failed = result && !result.ok ? result : null;
  const errorsFor = (...intents: string[]): Record<string, string> => (failed && intents.includes(failed.intent) ? failed.errors : {});
  const deptErrors = errorsFor("dept-create", "dept-update");
  const topicErrors = errorsFor("topic-create", "topic-update");
  const errorValues = failed?.errorValues ?? {};
  /** After a failed save the typed values, else the record's. */
  const deptValue = (name: string, current: string) => (failed && failed.intent.startsWith("dept-") ? failed.values[name] ?? "" : current);
  const topicValue = (name: string, current: string) => (failed && failed.intent.startsWith("topic-") ? failed.values[name] ?? "" : current);
  const listSep = lang === "en" ? ", " : "、";
  /** This page's URL with `params` (and the language). */
  const here = (params: Record<string, string | number> = {}) => {
    const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    if (lang === "en") q.set("lang", "en");
    return `/admin/catalogue${q.toString() ? `?${q.toString()}` : ""}`;
  };
  const formAction = here();
  const dept = d.editDepartment;
  const topic = d.editTopic;
  const firstLevel = d.topics.filter((x) => x.parentId === null);
  // Remount the forms when the record they show changes (a save, another row picked).
  const deptKey = dept ? `${dept.id}-${JSON.stringify(dept)}` : `new-${d.departments.length}`;
  const topicKey = topic ? `${topic.id}-${JSON.stringify(topic)}` : `new-${d.topics.length}`;

  return (
    <>
      <p className="muted"><Link to={withLang("/admin", lang)}>{t("admin.heading")}</Link></p>
      <h1>{t("admin.catalogue.heading")}</h1>
      <p className="muted">{t("admin.catalogue.intro")}</p>
      {result?.ok ? (
        <div className="notice" role="status">
          <p>{tf(lang, result.message as MessageKey, result.values)}</p>
        </div>
      ) : null}
      {failed ? (
        <div className="error" role="alert">
          <p>{t("admin.formInvalid")}</p>
          <ul>{Object.entries(failed.errors).map(([k, v]) => <li key={k}>{message(v, errorValues)}</li>)}</ul>
        </div>
      ) : null}

      <h2 id="departments">{t("admin.catalogue.departments")}</h2>
      <div className="table-wrap">
        <table className="admin-table" data-testid="departments">
          <thead>
            <tr>
              <th scope="col" className="num">{t("admin.catalogue.sortOrder")}</th>
              <th scope="col">{t("admin.catalogue.name")}</th>
              <th scope="col">{t("admin.catalogue.shortName")}</th>
              <th scope="col">{t("admin.catalogue.aliases")}</th>
              <th scope="col">{t("admin.users.state")}</th>
              <th scope="col" className="num">{t("admin.catalogue.accounts")}</th>
              <th scope="col">{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {d.departments.map((x) => (
              <tr key={x.id} className={x.active ? undefined : "inactive"}>
                <td className="num">{x.sortOrder}</td>
                <th scope="row">{x.name}</th>
                <td>{x.shortName ?? ""}</td>
                <td className="text-cell">{x.aliases.join(listSep)}</td>
                <td>{x.active ? t("admin.active") : t("admin.inactive")}</td>
                <td className="num">{x.accounts}</td>
                <td className="admin-actions">
                  <Link to={`${here({ dept: x.id })}#department-form`}>{t("admin.edit")}</Link>
                  <Form method="post" action={formAction} className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="dept-active" />
                    <input type="hidden" name="id" value={x.id} />
                    <input type="hidden" name="active" value={x.active ? "0" : "1"} />
                    <button type="submit" className="secondary" disabled={busy}>{x.active ? t("admin.catalogue.deactivate") : t("admin.catalogue.activate")}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("admin.catalogue.deactivateHint")}</p>

      <Form method="post" action={dept ? here({ dept: dept.id }) : formAction} className="settings-form" id="department-form" noValidate key={deptKey}>
        <CsrfField />
        {dept ? <input type="hidden" name="id" value={dept.id} /> : null}
        <fieldset>
          <legend>{dept ? tf(lang, "admin.catalogue.editDepartment", { name: dept.name }) : t("admin.catalogue.addDepartment")}</legend>
          <label>
            <span>{t("admin.catalogue.name")}</span>
            <input name="name" maxLength={60} required defaultValue={deptValue("name", dept?.name ?? "")} {...invalidProps(deptErrors, "name")} />
            <FieldError errors={deptErrors} name="name" values={errorValues} />
          </label>
          <label>
            <span>{t("admin.catalogue.shortName")}</span>
            <input name="shortName" maxLength={30} defaultValue={deptValue("shortName", dept?.shortName ?? "")} {...invalidProps(deptErrors, "shortName")} />
            <FieldError errors={deptErrors} name="shortName" values={errorValues} />
          </label>
          <label>
            <span>{t("admin.catalogue.aliases")}</span>
            <textarea name="aliases" rows={3} cols={50} defaultValue={deptValue("aliases", dept?.aliases.join("\n") ?? "")} {...invalidProps(deptErrors, "aliases")} />
            <span className="muted">{t("admin.catalogue.aliasesHint")}</span>
            <FieldError errors={deptErrors} name="aliases" values={errorValues} />
          </label>
          <label>
            <span>{t("admin.catalogue.sortOrder")}</span>
            <input type="number" name="sortOrder" min={0} step={1} inputMode="numeric" defaultValue={deptValue("sortOrder", dept ? String(dept.sortOrder) : "")} {...invalidProps(deptErrors, "sortOrder")} />
            {dept ? null : <span className="muted">{t("admin.catalogue.sortHint")}</span>}
            <FieldError errors={deptErrors} name="sortOrder" values={errorValues} />
          </label>
          <p className="muted">{t("admin.catalogue.aliasEffect")}</p>
          <button type="submit" name="intent" value={dept ? "dept-update" : "dept-create"} disabled={busy}>{dept ? t("admin.save") : t("admin.catalogue.addDepartment")}</button>
          {dept ? <> <Link to={here()}>{t("admin.cancel")}</Link></> : null}
        </fieldset>
      </Form>

      <h2 id="unmatched">{t("admin.catalogue.unmatched")}</h2>
      {d.unmatchedNames === 0 ? (
        <p className="muted">{t("admin.catalogue.unmatchedNone")}</p>
      ) : (
        <>
          <p>{tf(lang, "admin.catalogue.unmatchedSummary", { names: formatNumber(lang, d.unmatchedNames), items: formatNumber(lang, d.unmatchedItems) })}</p>
          <ul className="unmatched" data-testid="unmatched">
            {d.unmatched.map((u) => <li key={u.name}>{u.name}（{formatNumber(lang, u.items)}）</li>)}
          </ul>
        </>
      )}
      <Form method="post" action={formAction} className="filter-bar">
        <CsrfField />
        <button type="submit" name="intent" value="rematch" disabled={busy}>{t("admin.catalogue.rematch")}</button>
        <p className="filter-hint muted">{t("admin.catalogue.rematchHint")}</p>
      </Form>

      <h2 id="topics">{t("admin.catalogue.topics")}</h2>
      <div className="table-wrap">
        <table className="admin-table" data-testid="topics">
          <thead>
            <tr>
              <th scope="col">{t("admin.catalogue.topic")}</th>
              <th scope="col">{t("admin.catalogue.level")}</th>
              <th scope="col">{t("admin.catalogue.keywords")}</th>
              <th scope="col">{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {d.topics.map((x) => (
              <tr key={x.id} className={x.parentId === null ? "topic-top" : "topic-sub"}>
                <th scope="row">{x.parentId === null ? x.name : <span className="indent">{x.name}</span>}</th>
                <td>{x.parentId === null ? t("admin.catalogue.level1") : t("admin.catalogue.level2")}</td>
                <td className="text-cell">{x.keywords.join(listSep)}</td>
                <td><Link to={`${here({ topic: x.id })}#topic-form`}>{t("admin.edit")}</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <Form method="post" action={topic ? here({ topic: topic.id }) : formAction} className="settings-form" id="topic-form" noValidate key={topicKey}>
        <CsrfField />
        {topic ? <input type="hidden" name="id" value={topic.id} /> : null}
        <fieldset>
          <legend>{topic ? tf(lang, "admin.catalogue.editTopic", { name: topic.name }) : t("admin.catalogue.addTopic")}</legend>
          <label>
            <span>{t("admin.catalogue.topic")}</span>
            <input name="name" maxLength={60} required defaultValue={topicValue("name", topic?.name ?? "")} {...invalidProps(topicErrors, "name")} />
            <FieldError errors={topicErrors} name="name" />
          </label>
          {topic ? null : (
            <label>
              <span>{t("admin.catalogue.parent")}</span>
              <select name="parent" defaultValue={topicValue("parent", "")} {...invalidProps(topicErrors, "parent")}>
                <option value="">{t("admin.catalogue.noParent")}</option>
                {firstLevel.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
              </select>
              <FieldError errors={topicErrors} name="parent" />
            </label>
          )}
          <label>
            <span>{t("admin.catalogue.keywords")}</span>
            <textarea name="keywords" rows={2} cols={50} defaultValue={topicValue("keywords", topic?.keywords.join("\n") ?? "")} {...invalidProps(topicErrors, "keywords")} />
            <span className="muted">{t("admin.catalogue.keywordsHint")}</span>
            <FieldError errors={topicErrors} name="keywords" />
          </label>
          <p className="muted">{t("admin.catalogue.topicEffect")}</p>
          <button type="submit" name="intent" value={topic ? "topic-update" : "topic-create"} disabled={busy}>{topic ? t("admin.save") : t("admin.catalogue.addTopic")}</button>
          {topic ? <> <Link to={here()}>{t("admin.cancel")}</Link></> : null}
        </fieldset>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
