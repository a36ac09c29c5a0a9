// GET /topics/export?format=csv|xlsx&…the page's parameters: topic volumes for the page's period and filters, as a
// download (a resource route: no page of its own). Bad parameters answer 400.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { topicsExport } from "~/lib/exports.server";

export function loader({ request }: LoaderFunctionArgs) {
  return topicsExport(request);
}
