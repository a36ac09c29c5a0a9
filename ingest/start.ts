// The `npm start` entry: build the app if it is missing or stale, create and migrate the database,
// load the demo data set when the database is empty, then serve http://localhost:$PORT.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { openDatabase } from "../db/client";
import { createIngestStore } from "../db/ingest-store";
import { env, projectRoot, resolveDatabasePath } from "../db/env";
import { countUsers, ensureDemoAccounts } from "../db/auth/users";
import { refreshDerived } from "../db/refresh";
import { isDemoData } from "../db/queries/settings";
import { loadDemoData } from "./demo/load-demo";

const serverBuild = path.join(projectRoot, "build", "server", "index.js");

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function buildIfNeeded(): void {
  const built = fs.statSync(serverBuild, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...["app", "db", "public", "vite.config.ts", "package.json"].map((p) => newestMtime(path.join(projectRoot, p))));
  if (built >= sources) return;
  console.log("building the app …");
  const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST")));
  const result = spawnSync(process.execPath, [path.join(projectRoot, "node_modules", "@remix-run", "dev", "dist", "cli.js"), "vite:build"], {
    stdio: "inherit",
    env: childEnv as NodeJS.ProcessEnv,
    cwd: projectRoot,
  });
  if (result.status !== 0) throw new Error("the app build failed");
}

async function prepareDatabase(): Promise<void> {
  const dbPath = resolveDatabasePath();
  const db = openDatabase(dbPath);
  const store = createIngestStore(db);
  if (store.countAllRecords() === 0) {
    console.log(`database ${dbPath} is empty: loading the demo data set …`);
    await loadDemoData(db, path.dirname(dbPath), (line) => console.log(line));
  } else console.log(`database ${dbPath}: ${store.countAllRecords().toLocaleString()} records`);
  if (isDemoData(db)) {
    console.log("demo accounts (sign in at /login):");
    for (const a of await ensureDemoAccounts(db)) console.log(`  ${a.name} / ${a.password}  ${a.label}`);
  } else if (countUsers(db) === 0) console.log("no accounts yet: create one with npm run user:add -- --name NAME --role admin");
  const { rollups, grams } = refreshDerived(db);
  if (rollups.days) console.log(`daily rollups: ${rollups.days} days recomputed in ${(rollups.ms / 1000).toFixed(1)} s`);
  if (grams.items) console.log(`search index: ${grams.items.toLocaleString()} items indexed in ${(grams.ms / 1000).toFixed(1)} s`);
  db.$client.close();
}

async function main(): Promise<void> {
  buildIfNeeded();
  await prepareDatabase();
  console.log(`serving http://localhost:${env.PORT}`);
  const server = spawn(process.execPath, [path.join(projectRoot, "node_modules", "@remix-run", "serve", "dist", "cli.js"), serverBuild], {
    stdio: "inherit",
    env: { ...process.env, PORT: String(env.PORT), NODE_ENV: "production" },
    cwd: projectRoot,
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
