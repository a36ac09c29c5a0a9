// 登录: name and password; after too many failures the account (and the address) is refused for 15 minutes.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRouteError, useSearchParams } from "@remix-run/react";
import { ErrorView } from "~/components/ErrorView";
import { langFromSearch, t as translate, type MessageKey } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";
import { loginAction } from "~/lib/auth.server";
import { loginPageData } from "~/lib/login.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "auth.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader(_args: LoaderFunctionArgs) {
  return loginPageData();
}

export async function action({ request }: ActionFunctionArgs) {
  return loginAction(request, await request.formData());
}

export default function Login() {
  const { t } = useLang();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="login">
      <h1>{t("auth.heading")}</h1>
      {result?.error ? <p className="form-error" role="alert">{t(`auth.${result.error}` as MessageKey)}</p> : null}
      <Form method="post" className="login-form">
        <input type="hidden" name="next" value={params.get("next") ?? "/"} />
        <label>
          {t("auth.name")}
          <input name="name" autoComplete="username" required defaultValue={result?.name ?? ""} />
        </label>
        <label>
          {t("auth.password")}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">{t("auth.submit")}</button>
      </Form>
      {data.demoAccounts.length ? (
        <div className="demo-accounts">
          <p>{t("auth.demoAccounts")}</p>
          <ul>
            {data.demoAccounts.map((a) => (
              <li key={a.name}>
                <code>{a.name}</code> / <code>{a.password}</code> · {a.label}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
