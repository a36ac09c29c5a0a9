// GET /items/export?format=csv|xlsx&…the page's parameters: the items list (every page of it) for the list's filters, as a
// download (a resource route: no page of its own). Bad parameters answer 400.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { itemsExport } from "~/lib/exports.server";

export function loader({ request }: LoaderFunctionArgs) {
  return itemsExport(request);
}
