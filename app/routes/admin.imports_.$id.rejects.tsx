// GET /admin/imports/:id/rejects: an import run's rejects CSV (rejected rows and warnings with their reasons and
// original rows), streamed as a download. Admins only; 404 unless the run has a rejects file under a reports folder.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { rejectsDownload } from "~/lib/admin-imports.server";

export function loader({ request, params }: LoaderFunctionArgs) {
  return rejectsDownload(request, params.id);
}
