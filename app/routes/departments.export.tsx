// GET /departments/export?format=csv|xlsx&…the page's parameters: the department ranking for the page's period, filters and sort, as a
// download (a resource route: no page of its own). Bad parameters answer 400.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { departmentsExport } from "~/lib/exports.server";

export function loader({ request }: LoaderFunctionArgs) {
  return departmentsExport(request);
}
