// The expected failures a loader or action throws, as plain-text responses the ErrorBoundary shows.
const plain = (message: string, status: number, statusText: string) =>
  new Response(message, { status, statusText, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export const badRequest = (message: string): Response => plain(message, 400, "Bad Request");
export const forbidden = (message = "无权访问 / forbidden"): Response => plain(message, 403, "Forbidden");
