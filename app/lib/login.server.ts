// The login page's data: on a demo database, the demo accounts (so a visitor can try each role).
import { DEMO_ACCOUNTS } from "../../db/auth/users";
import { getIsDemoData } from "./settings.server";

export function loginPageData() {
  return { demoAccounts: getIsDemoData() ? DEMO_ACCOUNTS.map((a) => ({ name: a.name, password: a.password, label: a.label })) : [] };
}
