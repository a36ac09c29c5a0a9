// 总览: the city-wide overview for a period and filters. Thin: the loader parses the URL through app/lib.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorView } from "~/components/ErrorView";
import { OverviewView } from "~/components/OverviewView";
import { langFromSearch, t as translate } from "~/i18n/messages";
import { useLang } from "~/i18n/use-lang";
import { overviewData } from "~/lib/overview.server";

export const meta: MetaFunction = ({ location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${translate(lang, "overview.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ request }: LoaderFunctionArgs) {
  return overviewData(request);
}

export default function Overview() {
  const { t } = useLang();
  return <OverviewView data={useLoaderData<typeof loader>()} heading={t("overview.heading")} />;
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
