// One department's page: the overview with the department fixed (its KPIs, trends, topics and backlog).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorView } from "~/components/ErrorView";
import { OverviewView } from "~/components/OverviewView";
import { langFromSearch, t as translate } from "~/i18n/messages";
import { departmentOr404 } from "~/lib/departments.server";
import { overviewData } from "~/lib/overview.server";

export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  const lang = langFromSearch(location.search);
  return [{ title: `${data?.department.name ?? translate(lang, "dept.heading")} · ${translate(lang, "app.title")}` }];
};

export function loader({ params, request }: LoaderFunctionArgs) {
  const department = departmentOr404(params.id);
  return { department, overview: overviewData(request, { departmentId: department.id }) };
}

export default function DepartmentPage() {
  const { department, overview } = useLoaderData<typeof loader>();
  return <OverviewView data={overview} heading={department.name} filterAction={`/departments/${department.id}`} />;
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
