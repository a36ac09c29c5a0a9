// Any URL no other route matches: a real 404 (status and page), rendered by this route's error boundary.
import { useRouteError } from "@remix-run/react";
import { ErrorView } from "~/components/ErrorView";

export function loader(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null; // never rendered: the loader always throws
}

export function ErrorBoundary() {
  return <ErrorView error={useRouteError()} />;
}
