// Worker threads need plain JavaScript: a worker's TypeScript entry is bundled with tsx's own esbuild (~50 ms)
// into node_modules/.cache/minyi, where its package imports resolve. Running the TypeScript through tsx's
// loader in the worker instead cost ~80 MB more memory (a second loader thread and its caches).
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const bundled = new Map<string, URL | null>();

/** The bundled script for a worker entry, or null where its sources are not on disk (e.g. a bundled server build). */
export function workerScript(entry: URL): URL | null {
  if (!bundled.has(entry.href)) bundled.set(entry.href, bundle(entry));
  return bundled.get(entry.href)!;
}

function bundle(entry: URL): URL | null {
  if (entry.protocol !== "file:" || !fs.existsSync(fileURLToPath(entry))) return null;
  try {
    const require = createRequire(import.meta.url);
    const esbuild = require(require.resolve("esbuild", { paths: [path.dirname(require.resolve("tsx/package.json"))] })) as typeof import("esbuild");
    const built = esbuild.buildSync({
      entryPoints: [fileURLToPath(entry)], bundle: true, platform: "node", format: "esm", packages: "external",
      target: "node20", write: false, logLevel: "silent",
    });
    const code = built.outputFiles[0].contents;
    const dir = path.resolve(fileURLToPath(new URL("../node_modules/.cache/minyi", import.meta.url)));
    const name = path.basename(fileURLToPath(entry)).replace(/\.ts$/, "");
    const file = path.join(dir, `${name}-${createHash("sha1").update(code).digest("hex").slice(0, 16)}.mjs`);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dir, { recursive: true });
      // Write then rename, so a concurrent process never starts a half-written file.
      const partial = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, file);
    }
    return pathToFileURL(file);
  } catch {
    return null;
  }
}
