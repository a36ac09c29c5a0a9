// Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (no downloaded browsers).
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page, type Response } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
/** False on machines without Debian's Chromium: use `describe.skipIf(!hasChromium)`. */
export const hasChromium = fs.existsSync(CHROMIUM_PATH);
/** Screenshots go here (git-ignored). */
export const ARTIFACTS_DIR = path.join(process.cwd(), "tests", "artifacts");

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface PageOptions {
  width: number;
  height: number;
  /** Phone emulation (meta viewport, touch); off by default. */
  isMobile?: boolean;
  hasTouch?: boolean;
  deviceScaleFactor?: number;
  locale?: string;
  /** A session cookie ("minyi_session=…") for the page's context; default: the one set by useSession. */
  cookie?: string | null;
}

let sessionCookie: string | null = null;

/** Pages opened from now on in this test file carry this session cookie (null: signed out). */
export function useSession(cookie: string | null): void {
  sessionCookie = cookie;
}

export interface OpenedPage {
  page: Page;
  /** The main document's response to the first navigation (null if there was none). */
  response: Response | null;
  /** Texts of console messages of type "error" (including Chromium's "Failed to load resource" lines). */
  consoleErrors: string[];
  /** Uncaught exceptions in the page. */
  pageErrors: string[];
  /** Requests that failed at the network level ("<method> <url>: <error>"). */
  failedRequests: string[];
  /** Responses with an HTTP status of 400 or more ("<status> <url>"). */
  httpErrors: string[];
  /** Closes the page's own browser context. */
  close(): Promise<void>;
}

/**
 * Opens `url` in a fresh browser context with the given viewport, waiting for the load event and then
 * for the network to go idle (so that the app has hydrated). Console errors, page errors, failed requests
 * and HTTP error responses are collected from before the navigation and keep being collected afterwards.
 */
export async function openPage(browser: Browser, url: string, options: PageOptions): Promise<OpenedPage> {
  const { width, height, cookie = sessionCookie, ...rest } = options;
  const contextOptions: BrowserContextOptions = { viewport: { width, height }, ...rest };
  const context = await browser.newContext(contextOptions);
  if (cookie) {
    const [name, ...value] = cookie.split("=");
    await context.addCookies([{ name, value: value.join("="), url: new URL(url).origin }]);
  }
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  const httpErrors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") {
      const loc = msg.location();
      consoleErrors.push(loc?.url ? `${msg.text()} (${loc.url}:${loc.lineNumber})` : msg.text());
    }
  });
  page.on("pageerror", (err) => pageErrors.push(err.stack ?? err.message));
  page.on("requestfailed", (req) => failedRequests.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? "failed"}`));
  page.on("response", (res) => {
    if (res.status() >= 400) httpErrors.push(`${res.status()} ${res.url()}`);
  });
  let response: Response | null;
  try {
    response = await page.goto(url, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
  } catch (e) {
    await context.close();
    throw e;
  }
  return { page, response, consoleErrors, pageErrors, failedRequests, httpErrors, close: () => context.close() };
}

/** Saves a full-page PNG as tests/artifacts/<name> (".png" added if missing); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, name.endsWith(".png") ? name : `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The root element's scrollWidth and clientWidth in CSS pixels: scrollWidth > viewport width = horizontal scroll. */
export async function documentWidths(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}
