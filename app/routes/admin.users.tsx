// 管理 › 账号: every account with its role, department, state and last login; forms to create an account,
// deactivate or reactivate one and reset a password. Plain POST forms (they work without JavaScript); app/lib has the rest.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import { CsrfField } from "~/components/ActorFields";
import { FieldError, invalidProps, useServerMessage } from "~/components/AdminForm";
import { ErrorView } from "~/components/ErrorView";
import { langFromSearch, t as translate, tf, type MessageKey } from "~/i18n/messages";
import { useLang, withLang } from "~/i18n/use-lang";
import { usersAction, usersPage } from "~/lib/admin-users.server";
import { beijingTime } from "~/lib/format";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "admin.users.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  return usersPage(request);
}

export async function action({ request }: ActionFunctionArgs) {
  return usersAction(request, await request.formData());
}

export default function AdminUsers() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { lang, t } = useLang();
  const message = useServerMessage();
  const errors: Record<string, string> = result && !result.ok ? result.errors : {};
  const createValues: Record<string, string> = result && !result.ok && result.intent === "create" ? result.values : {};
  const formAction = withLang("/admin/users", lang);
  const roleLabel = (role: string) => t(`auth.role.${role}` as MessageKey) ?? role;
  // A successful create clears the form (it remounts).
  const createKey = result?.ok && result.intent === "create" ? `created-${result.name}` : "create";

  return (
    <>
      <p className="muted"><Link to={withLang("/admin", lang)}>{t("admin.heading")}</Link></p>
      <h1>{t("admin.users.heading")}</h1>
      {result?.ok ? (
        <div className="notice" role="status">
          <p>{tf(lang, `admin.users.done.${result.intent}` as MessageKey, { name: result.name, n: result.sessionsEnded })}</p>
        </div>
      ) : null}
      {result && !result.ok ? (
        <div className="error" role="alert">
          <p>{t("admin.formInvalid")}</p>
          <ul>{Object.entries(errors).map(([k, v]) => <li key={k}>{message(v)}</li>)}</ul>
        </div>
      ) : null}

      <div className="table-wrap">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t("admin.users.name")}</th>
              <th scope="col">{t("admin.users.role")}</th>
              <th scope="col">{t("admin.users.department")}</th>
              <th scope="col">{t("admin.users.state")}</th>
              <th scope="col">{t("admin.users.lastLogin")}</th>
              <th scope="col">{t("admin.users.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {d.users.map((u) => (
              <tr key={u.id} className={u.active ? undefined : "inactive"}>
                <th scope="row">{u.name}{u.id === d.me ? <span className="muted">{t("admin.users.you")}</span> : null}</th>
                <td>{roleLabel(u.role)}</td>
                <td>{u.departmentName ?? "—"}</td>
                <td>{u.active ? t("admin.active") : t("admin.inactive")}</td>
                <td>{beijingTime(u.lastLoginAt)}</td>
                <td className="admin-actions">
                  {u.id === d.me ? null : (
                    <Form method="post" action={formAction} className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="id" value={u.id} />
                      <button type="submit" name="intent" value={u.active ? "deactivate" : "reactivate"} disabled={busy} className="secondary">
                        {u.active ? t("admin.users.deactivate") : t("admin.users.reactivate")}
                      </button>
                    </Form>
                  )}
                  <Form method="post" action={formAction} className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="id" value={u.id} />
                    <label>
                      <span className="visually-hidden">{tf(lang, "admin.users.newPasswordFor", { name: u.name })}</span>
                      <input type="password" name="password" autoComplete="new-password" minLength={8} placeholder={t("admin.users.newPassword")} {...invalidProps(errors, `password-${u.id}`)} />
                    </label>
                    <button type="submit" name="intent" value="reset" disabled={busy} className="secondary">{t("admin.users.reset")}</button>
                    <FieldError errors={errors} name={`password-${u.id}`} />
                  </Form>
                  <FieldError errors={errors} name={`user-${u.id}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("admin.users.deactivateHint")}</p>

      <Form method="post" action={formAction} className="settings-form" noValidate key={createKey}>
        <CsrfField />
        <fieldset>
          <legend>{t("admin.users.create")}</legend>
          <label>
            <span>{t("admin.users.name")}</span>
            <input name="name" maxLength={40} autoComplete="off" required defaultValue={createValues.name} {...invalidProps(errors, "name")} />
            <FieldError errors={errors} name="name" />
          </label>
          <label>
            <span>{t("admin.users.role")}</span>
            <select name="role" defaultValue={createValues.role ?? "analyst"} {...invalidProps(errors, "role")}>
              {d.roles.map((r) => <option key={r} value={r}>{roleLabel(r)}</option>)}
            </select>
            <FieldError errors={errors} name="role" />
          </label>
          <label>
            <span>{t("admin.users.department")}</span>
            <select name="department" defaultValue={createValues.department ?? ""} {...invalidProps(errors, "department")}>
              <option value="">{t("admin.users.noDepartment")}</option>
              {d.departments.map((dep) => <option key={dep.id} value={dep.id}>{dep.name}</option>)}
            </select>
            <span className="muted">{t("admin.users.departmentHint")}</span>
            <FieldError errors={errors} name="department" />
          </label>
          <label>
            <span>{t("admin.users.password")}</span>
            <input type="password" name="password" autoComplete="new-password" minLength={8} required {...invalidProps(errors, "password")} />
            <span className="muted">{t("admin.users.passwordHint")}</span>
            <FieldError errors={errors} name="password" />
          </label>
          <button type="submit" name="intent" value="create" disabled={busy}>{t("admin.users.createButton")}</button>
        </fieldset>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
