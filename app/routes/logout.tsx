// 退出: POST only (with the CSRF token), so a link or an image elsewhere cannot sign anybody out.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logoutAction } from "~/lib/auth.server";

export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return logoutAction(request, await request.formData());
}
