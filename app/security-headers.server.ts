// Security headers on every response the server sends: HTML documents (with a per-request CSP nonce for the
// inline scripts Remix writes for hydration), single-fetch data, resource routes (exports, the bulletin file)
// and the static files remix-serve serves from build/client and public/.
//
// - Content-Security-Policy: scripts only from this origin or carrying the document's nonce (no inline scripts
//   otherwise, no eval); styles from this origin plus inline styles, which React's style={{…}} attributes and
//   the bulletin page's <style> need; nothing may frame the app (frame-ancestors 'none'), no plugins, and forms
//   and <base> stay on this origin.
// - X-Frame-Options DENY (frame-ancestors for older browsers), X-Content-Type-Options nosniff, Referrer-Policy
//   same-origin (links out of the app send no referrer, so item URLs do not leak), and a Permissions-Policy
//   turning off device APIs the app never uses.
//
// Resource routes and static files never reach entry.server's handlers, so those get the headers from a
// fallback at the HTTP layer (installSecurityHeaderFallback): it fills in any of them a response lacks just
// before the response head is written, and never overrides a header already set.
import http from "node:http";

/** The CSP without a nonce: for every response that is not a Remix HTML document. */
export function contentSecurityPolicy(nonce?: string): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries (the CSP is added separately, with or without a nonce). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

/**
 * The development server (Vite) injects its own inline scripts and talks to its HMR socket, so the CSP applies
 * to production builds only; the other headers apply everywhere.
 */
export const enforceCsp = process.env.NODE_ENV === "production";

/** Sets the security headers on `headers` (a document passes its nonce), keeping any CSP the route set itself. */
export function applySecurityHeaders(headers: Headers, nonce?: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!headers.has(name)) headers.set(name, value);
  if (enforceCsp && (nonce || !headers.has("Content-Security-Policy"))) headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
}

const INSTALLED = Symbol.for("minyi.securityHeaderFallback");

/**
 * Makes every HTTP response of this process carry the security headers, whoever wrote it (remix-serve's static
 * files, resource routes, Express's own 404s): wraps ServerResponse#writeHead, which Node calls for every
 * response head, and adds the headers the response does not have yet. Idempotent.
 */
export function installSecurityHeaderFallback(): void {
  const proto = http.ServerResponse.prototype as http.ServerResponse & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const writeHead = proto.writeHead;
  proto.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) {
      // Headers passed to writeHead itself (as an object) count as set too.
      const passed = args.find((a, i) => i > 0 && a !== null && typeof a === "object" && !Array.isArray(a)) as Record<string, unknown> | undefined;
      const has = (name: string) => this.hasHeader(name) || (passed !== undefined && Object.keys(passed).some((k) => k.toLowerCase() === name.toLowerCase()));
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) if (!has(name)) this.setHeader(name, value);
      if (enforceCsp && !has("Content-Security-Policy")) this.setHeader("Content-Security-Policy", contentSecurityPolicy());
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).apply(this, args);
  } as typeof proto.writeHead;
}
