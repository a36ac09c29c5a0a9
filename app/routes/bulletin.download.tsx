// The bulletin file: /bulletin/download?period=2026-10[&assessment=1][&dept=ID][&scope=all]&format=docx|xlsx|html
// [&disposition=inline]. A resource route: the bytes with their Content-Type and a Chinese file name (RFC 5987).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { bulletinDownload } from "~/lib/bulletin.server";

export function loader({ request }: LoaderFunctionArgs) {
  return bulletinDownload(request);
}
