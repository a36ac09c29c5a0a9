// GET /weibo/export?format=csv|xlsx&…the page's parameters: the Weibo accounts table for the page's period, as a
// download (a resource route: no page of its own). Bad parameters answer 400.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { weiboExport } from "~/lib/exports.server";

export function loader({ request }: LoaderFunctionArgs) {
  return weiboExport(request);
}
