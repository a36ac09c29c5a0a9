// Weibo comments are routed to the department that owns the government account they were written under: a
// comment without a department of its own (items.department_id) takes its post's account's department
// (weibo_accounts.department_id, matched from the account name by DepartmentMatcher.matchAccount). As the
// source's department it wins over the NLP prediction, and a person's correction still wins over it.
import type Database from "better-sqlite3";
import type { Db } from "../db/client";
import type { DepartmentMatcher } from "./department-matcher";

function prepareStatements(sqlite: Database.Database) {
  return {
    postDepartment: sqlite
      .prepare("SELECT a.department_id FROM weibo_posts p JOIN weibo_accounts a ON a.id = p.account_id WHERE p.source = ? AND p.external_id = ?")
      .pluck(),
    postDepartmentById: sqlite.prepare("SELECT a.department_id FROM weibo_posts p JOIN weibo_accounts a ON a.id = p.account_id WHERE p.id = ?").pluck(),
    account: sqlite.prepare("SELECT name, department_id AS departmentId FROM weibo_accounts WHERE id = ?"),
    setAccountDepartment: sqlite.prepare("UPDATE weibo_accounts SET department_id = ? WHERE id = ? AND department_id IS NULL"),
    routeCommentsOfPost: sqlite.prepare("UPDATE items SET department_id = ? WHERE weibo_post_id = ? AND department_id IS NULL"),
  };
}

/** Lookups and updates for one import (prepared once, with a per-post cache). */
export class WeiboCommentRouter {
  private readonly postDepartments = new Map<string, number | null>();
  private readonly checkedAccounts = new Set<number>();
  private readonly stmt: ReturnType<typeof prepareStatements>;

  constructor(db: Db, private readonly matcher: DepartmentMatcher) {
    this.stmt = prepareStatements(db.$client);
  }

  /** The department of the account that wrote post `ref` (of `source`), or null (no such post yet, or no department). */
  departmentOfPost(source: string, ref: string): number | null {
    const key = `${source}\u0000${ref}`;
    let id = this.postDepartments.get(key);
    if (id === undefined) {
      id = (this.stmt.postDepartment.get(source, ref) as number | null | undefined) ?? null;
      this.postDepartments.set(key, id);
    }
    return id;
  }

  /** Gives an account stored without a department the one its name matches (once per account and import). */
  ensureAccountDepartment(accountId: number): void {
    if (this.checkedAccounts.has(accountId)) return;
    this.checkedAccounts.add(accountId);
    const account = this.stmt.account.get(accountId) as { name: string; departmentId: number | null } | undefined;
    if (!account || account.departmentId !== null) return;
    const match = this.matcher.matchAccount(account.name);
    if (match) this.stmt.setAccountDepartment.run(match.id, accountId);
  }

  /** After post `postId` (of `source`, external id `ref`) is written: its comments without a department get its account's. */
  postWritten(postId: number, source: string, ref: string): number {
    this.postDepartments.delete(`${source}\u0000${ref}`);
    const departmentId = this.stmt.postDepartmentById.get(postId) as number | null | undefined;
    return departmentId == null ? 0 : this.stmt.routeCommentsOfPost.run(departmentId, postId).changes;
  }
}

/**
 * Catches up a whole database: accounts without a department get the one their name matches, and every
 * linked comment without a department gets its post's account's. Returns how many of each changed.
 */
export function routeWeiboComments(db: Db, matcher: DepartmentMatcher): { accounts: number; comments: number } {
  const sqlite: Database.Database = db.$client;
  return sqlite.transaction(() => {
    let accounts = 0;
    const unmatched = sqlite.prepare("SELECT id, name FROM weibo_accounts WHERE department_id IS NULL").all() as { id: number; name: string }[];
    const set = sqlite.prepare("UPDATE weibo_accounts SET department_id = ? WHERE id = ?");
    for (const a of unmatched) {
      const match = matcher.matchAccount(a.name);
      if (match) accounts += set.run(match.id, a.id).changes;
    }
    const comments = sqlite
      .prepare(
        `UPDATE items SET department_id = a.department_id
         FROM weibo_posts p JOIN weibo_accounts a ON a.id = p.account_id
         WHERE items.channel = 'weibo' AND items.weibo_post_id IS NOT NULL AND p.id = items.weibo_post_id AND items.department_id IS NULL AND a.department_id IS NOT NULL`,
      )
      .run().changes;
    return { accounts, comments };
  }).immediate();
}
