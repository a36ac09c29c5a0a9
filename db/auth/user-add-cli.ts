// npm run user:add -- --name NAME --role admin|leader|analyst|department [--department 部门全称] [--password P] [--db FILE]
// Without --password a random one is generated and printed once. Exit 2 on a usage error.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { openDatabase } from "../client";
import { ROLES } from "../schema";
import { AccountError, createUser } from "./users";

const USAGE = `usage: npm run user:add -- --name NAME --role ${ROLES.join("|")} [--department 部门全称] [--password P] [--db FILE]`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { name: { type: "string" }, role: { type: "string" }, department: { type: "string" }, password: { type: "string" }, db: { type: "string" } } }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.name || !values.role) {
    console.error(USAGE);
    return 2;
  }
  const generated = values.password === undefined;
  const password = values.password ?? `${randomBytes(9).toString("base64url")}-7`;
  const db = openDatabase(values.db);
  try {
    const user = await createUser(db, { name: values.name, role: values.role, department: values.department ?? null, password });
    console.log(`created ${user.name} (${user.role}${user.departmentName ? `, ${user.departmentName}` : ""})`);
    if (generated) console.log(`password: ${password}  (shown once; change it after the first login)`);
    return 0;
  } catch (e) {
    if (e instanceof AccountError) {
      console.error(`user:add: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    db.$client.close();
  }
}

process.exitCode = await main();
