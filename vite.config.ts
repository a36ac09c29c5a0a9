import { fileURLToPath } from "node:url";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

// Typed loaders under single fetch (useLoaderData<typeof loader> returns the loader's plain data).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Native and server-only packages are loaded by Node at run time, never bundled or pre-bundled.
const serverOnly = ["better-sqlite3", "@resvg/resvg-js"];

export default defineConfig({
  plugins: [
    // The Remix plugin is for the app build and dev server only, not for vitest runs.
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
  ],
  resolve: {
    // Mirrors tsconfig "paths": "~/x" → app/x.
    alias: [{ find: /^~\//, replacement: fileURLToPath(new URL("./app/", import.meta.url)) }],
  },
  ssr: { external: serverOnly },
  optimizeDeps: { exclude: serverOnly },
  build: { target: "es2022" },
});
