// npm run db:migrate: creates or migrates the database at DATABASE_PATH (or --db PATH) and seeds the catalogue.
import { parseArgs } from "node:util";
import { openDatabase } from "./client";
import { resolveDatabasePath } from "./env";

const { values } = parseArgs({ options: { db: { type: "string" } } });
const file = resolveDatabasePath(values.db);
const db = openDatabase(file);
const applied = db.$client.prepare("SELECT count(*) n FROM __drizzle_migrations").get() as { n: number };
console.log(`${file}: ${applied.n} migration(s) applied`);
db.$client.close();
