// 设置: the locally revised 口径 (db/metrics/configured-definitions.ts) and the settings page's server side
// (app/lib/settings.server.ts): round trip, validation naming the field, per-type deadlines at import and on
// refresh, the assessment month's start day in the pages' periods, and the change log.
import fs from "node:fs";
import path from "node:path";
import { ensureTestUser, sessionCookie, signedInRequest } from "../helpers/auth";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ConfiguredDeadlines,
  DEFINITIONS_SETTING_KEY,
  DefinitionsValidationError,
  configuredMetricHelp,
  definitionChangeLog,
  loadDefinitions,
  refreshConfiguredDeadlines,
  resetDefinitionOverrides,
  saveDefinitionOverrides,
} from "../../db/metrics/configured-definitions";
import { refreshDeadlines } from "../../db/metrics/deadlines";
import { METRIC_DEFINITIONS } from "../../db/metrics/definitions";
import type { Db } from "../../db/client";
import { ingestFile } from "../../ingest/load";
import { createTempDb, type TempDb } from "../app/fixtures";
import { addItems, sh } from "./fixture";

const DEC_1 = sh("2026-12-01 10:30");
/** Monday 2 November 2026, 09:00: November 2026 has no holidays or make-up workdays. */
const MON = "2026-11-02 09:00";

let t: TempDb;
beforeEach(() => {
  t = createTempDb("minyi-settings-");
});
afterEach(() => t.cleanup());

const deadlineOf = (db: Db, id: number) => db.$client.prepare("SELECT deadline_at FROM items WHERE id = ?").pluck().get(id) as number;
const setType = (db: Db, id: number, type: string) => db.$client.prepare("UPDATE items SET type = ? WHERE id = ?").run(type, id);
const setRaw = (db: Db, value: string) =>
  db.$client.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(DEFINITIONS_SETTING_KEY, value);

describe("loadDefinitions / saveDefinitionOverrides", () => {
  it("gives the defaults until something is saved, then the saved values with a local-revision version", () => {
    expect(loadDefinitions(t.db)).toEqual(METRIC_DEFINITIONS);
    const result = saveDefinitionOverrides(
      t.db,
      {
        replyDeadline: { mailbox: { amount: 15, unit: "workdays" } },
        replyDeadlineByType: { mailbox: { 投诉: { amount: 5, unit: "workdays" } } },
        assessmentStartDay: 19,
        basicallySatisfiedWeight: 0.8,
        minimumSample: 5,
        dueSoonWorkdays: 2,
      },
      "张三",
      { note: "按市考核办法", now: DEC_1 },
    );
    expect(result.revision).toBe(1);
    expect(result.changes.map((c) => c.field)).toEqual([
      "replyDeadline.mailbox", "replyDeadlineByType.mailbox.投诉", "assessmentStartDay", "basicallySatisfiedWeight", "minimumSample", "dueSoonWorkdays",
    ]);

    const d = loadDefinitions(t.db);
    expect(d.version).toBe("口径 v1（本地修订 r1，2026-12-01）");
    expect(d.effectiveFrom).toBe(METRIC_DEFINITIONS.effectiveFrom);
    expect(d.replyDeadline).toEqual({ hotline: { amount: 5, unit: "workdays" }, mailbox: { amount: 15, unit: "workdays" }, weibo: { amount: 1, unit: "days" } });
    expect(d.replyDeadlineByType).toEqual({ mailbox: { 投诉: { amount: 5, unit: "workdays" } } });
    expect(d.assessmentStartDay).toBe(19);
    expect(d.basicallySatisfiedWeight).toBe(0.8);
    expect(d.minimumSample).toBe(5);
    expect(d.dueSoonWorkdays).toBe(2);
    // Untouched fields keep the defaults.
    expect(d.compositeWeights).toEqual(METRIC_DEFINITIONS.compositeWeights);
    expect(d.silentAccountDays).toBe(14);
    // The help texts follow the settings.
    expect(configuredMetricHelp("satisfactionRate", "zh-CN", d)).toContain("0.8 × 基本满意");
    expect(configuredMetricHelp("onTimeRate", "zh-CN", d)).toContain("信箱 15 个工作日");
    expect(configuredMetricHelp("onTimeRate", "zh-CN", d)).toContain("信箱·投诉 5 个工作日");
    expect(configuredMetricHelp("onTimeRate", "zh-CN", METRIC_DEFINITIONS)).toContain("信箱 10 个工作日");

    const [entry] = definitionChangeLog(t.db);
    expect(entry).toMatchObject({ by: "张三", action: "save", note: "按市考核办法", revision: 1, at: DEC_1 });
    expect(entry.changes.find((c) => c.field === "assessmentStartDay")).toEqual({ field: "assessmentStartDay", from: 1, to: 19 });
  });

  it("raises the revision only when something changes, stores only what differs, and resets to the defaults", () => {
    saveDefinitionOverrides(t.db, { minimumSample: 5 }, "张三", { now: DEC_1 });
    const same = saveDefinitionOverrides(t.db, { minimumSample: 5, basicallySatisfiedWeight: 0.9 }, "李四", { now: DEC_1 + 1000 });
    expect(same.changes).toEqual([]);
    expect(loadDefinitions(t.db).version).toBe("口径 v1（本地修订 r1，2026-12-01）");
    expect(definitionChangeLog(t.db)).toHaveLength(1);

    saveDefinitionOverrides(t.db, { minimumSample: 8 }, "李四", { now: sh("2026-12-03 09:00") });
    expect(loadDefinitions(t.db).version).toBe("口径 v1（本地修订 r2，2026-12-03）");

    // Saving the defaults is no revision: the version is the base one again.
    saveDefinitionOverrides(t.db, { minimumSample: 10, replyDeadline: { hotline: { amount: 5, unit: "workdays" } } }, "李四");
    expect(loadDefinitions(t.db)).toEqual(METRIC_DEFINITIONS);

    saveDefinitionOverrides(t.db, { dueSoonWorkdays: 3 }, "王五");
    const reset = resetDefinitionOverrides(t.db, "王五", { note: "恢复" });
    expect(reset.changes).toEqual([{ field: "dueSoonWorkdays", from: 3, to: 1 }]);
    expect(loadDefinitions(t.db)).toEqual(METRIC_DEFINITIONS);
    const log = definitionChangeLog(t.db);
    expect(log[0]).toMatchObject({ by: "王五", action: "reset", revision: 0, note: "恢复" });
    expect(log.map((e) => e.by)).toEqual(["王五", "王五", "李四", "李四", "张三"]);
  });

  it("rejects invalid values with a message naming the field, and saves nothing", () => {
    const bad = (overrides: unknown, by = "张三") => {
      try {
        saveDefinitionOverrides(t.db, overrides as never, by);
      } catch (e) {
        expect(e).toBeInstanceOf(DefinitionsValidationError);
        return e as DefinitionsValidationError;
      }
      throw new Error("expected a validation error");
    };
    const day = bad({ assessmentStartDay: 29 });
    expect(Object.keys(day.fieldErrors)).toEqual(["assessmentStartDay"]);
    expect(day.message).toMatch(/^assessmentStartDay: 考核月起始日 \/ assessmentStartDay：须为 1–28 的整数/);
    expect(bad({ assessmentStartDay: 2.5 }).fieldErrors.assessmentStartDay).toMatch(/1–28/);
    expect(bad({ basicallySatisfiedWeight: 1.5 }).fieldErrors.basicallySatisfiedWeight).toMatch(/basicallySatisfiedWeight.*0–1/);
    expect(bad({ minimumSample: Number.NaN }).fieldErrors.minimumSample).toMatch(/minimumSample/);
    expect(bad({ replyDeadline: { mailbox: { amount: 0, unit: "workdays" } } }).fieldErrors["replyDeadline.mailbox.amount"]).toMatch(/1 to 365/);
    expect(bad({ replyDeadline: { weibo: { amount: 2, unit: "hours" } } }).fieldErrors["replyDeadline.weibo.unit"]).toMatch(/workdays or days/);
    expect(Object.keys(bad({ replyDeadlineByType: { mailbox: { 投诉: { amount: -1, unit: "days" } } } }).fieldErrors)).toEqual(["replyDeadlineByType.mailbox.投诉.amount"]);
    expect(Object.keys(bad({ noSuchSetting: 1 }).fieldErrors)).toEqual(["(overrides)"]);
    expect(bad({ minimumSample: 5 }, "  ").fieldErrors.by).toMatch(/姓名/);
    expect(loadDefinitions(t.db)).toEqual(METRIC_DEFINITIONS);
    expect(definitionChangeLog(t.db)).toEqual([]);
  });

  it("ignores an invalid saved document with a warning instead of crashing", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      setRaw(t.db, "{not json");
      expect(loadDefinitions(t.db)).toEqual(METRIC_DEFINITIONS);
      setRaw(t.db, JSON.stringify({ format: 1, revision: 1, savedAt: 0, savedBy: "x", overrides: { assessmentStartDay: 31 } }));
      expect(loadDefinitions(t.db)).toEqual(METRIC_DEFINITIONS);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(String(warn.mock.calls[1][0])).toContain("assessmentStartDay");
      // 恢复默认 removes the broken document; a valid save replaces it.
      resetDefinitionOverrides(t.db, "张三");
      expect(t.db.$client.prepare("SELECT count(*) FROM settings WHERE key = ?").pluck().get(DEFINITIONS_SETTING_KEY)).toBe(0);
      setRaw(t.db, "[]");
      saveDefinitionOverrides(t.db, { minimumSample: 3 }, "张三");
      expect(loadDefinitions(t.db).minimumSample).toBe(3);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("deadlines per channel and item type", () => {
  it("a type rule overrides its channel's rule, only in that channel, and the source's own deadline still wins", () => {
    const d = { ...METRIC_DEFINITIONS, replyDeadlineByType: { mailbox: { 投诉: { amount: 3, unit: "workdays" as const } } } };
    const c = new ConfiguredDeadlines(d);
    expect(c.deadline("mailbox", "投诉", sh(MON), null)).toBe(sh("2026-11-05 09:00"));
    expect(c.deadline("mailbox", " 投诉 ", sh(MON), null)).toBe(sh("2026-11-05 09:00"));
    expect(c.deadline("mailbox", "咨询", sh(MON), null)).toBe(sh("2026-11-16 09:00")); // 10 working days
    expect(c.deadline("mailbox", null, sh(MON), null)).toBe(sh("2026-11-16 09:00"));
    expect(c.deadline("hotline", "投诉", sh(MON), null)).toBe(sh("2026-11-09 09:00")); // hotline's 5, not the mailbox rule
    expect(c.deadline("mailbox", "投诉", sh(MON), sh("2026-11-30 18:00"))).toBe(sh("2026-11-30 18:00"));
  });

  it("saving deadline rules recomputes the stored deadlines at once and counts the items that changed", () => {
    const [complaint, question, sourceDue, hotline] = addItems(t.db, [
      { channel: "mailbox", received: MON },
      { channel: "mailbox", received: MON },
      { channel: "mailbox", received: MON, due: "2026-11-30 18:00" },
      { channel: "hotline", received: MON },
    ]);
    setType(t.db, complaint, "投诉");
    setType(t.db, question, "咨询");
    setType(t.db, sourceDue, "投诉");
    refreshDeadlines(t.db);
    expect(deadlineOf(t.db, complaint)).toBe(sh("2026-11-16 09:00"));

    const saved = saveDefinitionOverrides(t.db, { replyDeadlineByType: { mailbox: { 投诉: { amount: 3, unit: "workdays" } } } }, "张三");
    expect(saved.deadlinesRecomputed).toBe(true);
    expect(saved.deadlineItemsChanged).toBe(1);
    expect(deadlineOf(t.db, complaint)).toBe(sh("2026-11-05 09:00"));
    expect(deadlineOf(t.db, question)).toBe(sh("2026-11-16 09:00"));
    expect(deadlineOf(t.db, sourceDue)).toBe(sh("2026-11-30 18:00"));
    expect(deadlineOf(t.db, hotline)).toBe(sh("2026-11-09 09:00"));
    expect(definitionChangeLog(t.db)[0].deadlineItemsChanged).toBe(1);

    // A channel rule moves every mailbox item of another type; a non-deadline change recomputes nothing.
    const channel = saveDefinitionOverrides(t.db, { replyDeadline: { mailbox: { amount: 15, unit: "workdays" } }, replyDeadlineByType: { mailbox: { 投诉: { amount: 3, unit: "workdays" } } } }, "张三");
    expect(channel.deadlineItemsChanged).toBe(1);
    expect(deadlineOf(t.db, question)).toBe(sh("2026-11-23 09:00"));
    expect(saveDefinitionOverrides(t.db, { ...loadOverridesOf(t.db), minimumSample: 4 }, "张三").deadlinesRecomputed).toBe(false);

    // The plain refresh forgets the type rules; refreshing with the configured ones restores them.
    refreshDeadlines(t.db, loadDefinitions(t.db).replyDeadline);
    expect(deadlineOf(t.db, complaint)).toBe(sh("2026-11-23 09:00"));
    expect(refreshConfiguredDeadlines(t.db).items).toBe(1);
    expect(deadlineOf(t.db, complaint)).toBe(sh("2026-11-05 09:00"));
    expect(refreshConfiguredDeadlines(t.db).items).toBe(0);

    // Back to the defaults: both mailbox items return to 10 working days.
    expect(resetDefinitionOverrides(t.db, "张三").deadlineItemsChanged).toBe(2);
    expect(deadlineOf(t.db, complaint)).toBe(sh("2026-11-16 09:00"));
  });

  it("an import uses the deadline rules saved in the database it loads into", async () => {
    saveDefinitionOverrides(t.db, { replyDeadline: { mailbox: { amount: 20, unit: "workdays" } }, replyDeadlineByType: { mailbox: { 投诉: { amount: 2, unit: "days" } } } }, "张三");
    const file = path.join(t.dir, "letters.csv");
    fs.writeFileSync(
      file,
      ["信件编号,标题,来信内容,来信时间,信件类型", `L1,噪音,夜间施工噪音扰民,${MON},投诉`, `L2,咨询,咨询入学政策,${MON},咨询`, `L3,无类型,没有类型,${MON},`].join("\n"),
    );
    const summary = await ingestFile({ db: t.db, file, channel: "mailbox", preset: "minyi-mailbox", reportDir: t.dir, worker: false });
    expect(summary.inserted).toBe(3);
    const rows = t.db.$client.prepare("SELECT external_id, type, deadline_at FROM items ORDER BY external_id").all() as { external_id: string; type: string | null; deadline_at: number }[];
    expect(rows.map((r) => [r.external_id, r.type, r.deadline_at])).toEqual([
      ["L1", "投诉", sh("2026-11-04 09:00")], // 2 calendar days
      ["L2", "咨询", sh("2026-11-30 09:00")], // 20 working days
      ["L3", null, sh("2026-11-30 09:00")],
    ]);
  });
});

/** The overrides currently saved (to re-save them with one more change). */
function loadOverridesOf(db: Db) {
  const text = db.$client.prepare("SELECT value FROM settings WHERE key = ?").pluck().get(DEFINITIONS_SETTING_KEY) as string;
  return JSON.parse(text).overrides;
}

describe("app/lib: the pages use the settings", () => {
  const holder = globalThis as typeof globalThis & { __minyiDb?: Db };
  afterAll(() => {
    delete holder.__minyiDb;
  });

  it("an assessment period (A2026-10) runs from the configured start day, and the rates use the configured weight", async () => {
    holder.__minyiDb = t.db;
    const { pageContext, getOverview, definitionsFor } = await import("../../app/lib/metrics.server");
    addItems(t.db, [
      { channel: "hotline", received: "2026-09-20 10:00", satisfaction: "basically_satisfied", returnVisit: "2026-09-22 10:00" },
      { channel: "hotline", received: "2026-10-10 10:00", satisfaction: "satisfied", returnVisit: "2026-10-12 10:00" },
      { channel: "hotline", received: "2026-10-25 10:00", satisfaction: "satisfied" },
    ]);
    const url = await signedInRequest(t.db, "http://localhost/?period=A2026-10");
    const before = pageContext(url);
    expect([before.period.firstDay, before.period.lastDay]).toEqual(["2026-10-01", "2026-10-31"]);
    expect(getOverview(before).current.counts.received).toBe(2);

    saveDefinitionOverrides(t.db, { assessmentStartDay: 19, basicallySatisfiedWeight: 0.5 }, "张三", { now: DEC_1 });
    const after = pageContext(url);
    expect([after.period.firstDay, after.period.lastDay]).toEqual(["2026-09-19", "2026-10-18"]);
    expect(after.periodLabel).toBe("2026年10月考核月（09-19 至 10-18）");
    const o = getOverview(after);
    expect(o.current.counts.received).toBe(2); // 20 September and 10 October
    expect(o.previous.firstDay).toBe("2026-08-19");
    expect(o.current.rates.satisfactionRate).toBeCloseTo((1 + 0.5 * 1) / 2, 10);
    expect(o.definitionsVersion).toBe("口径 v1（本地修订 r1，2026-12-01）");
    expect(definitionsFor("zh-CN", ["satisfactionRate"]).version).toBe("口径 v1（本地修订 r1，2026-12-01）");
    // Calendar months are unaffected.
    expect(pageContext(await signedInRequest(t.db, "http://localhost/?period=2026-10")).period.firstDay).toBe("2026-10-01");
  });

  it("the settings form: errors keyed by form field, a save that recomputes deadlines, and a reset", async () => {
    holder.__minyiDb = t.db;
    const { settingsAction, settingsPage } = await import("../../app/lib/settings.server");
    const [letter] = addItems(t.db, [{ channel: "mailbox", received: MON }]);
    setType(t.db, letter, "投诉");
    refreshDeadlines(t.db);
    // The acting person is the signed-in admin; every save carries the session's CSRF token.
    const zhang = await sessionCookie(t.db, await ensureTestUser(t.db, "admin", { name: "张三" }));
    const li = await sessionCookie(t.db, await ensureTestUser(t.db, "admin", { name: "李四" }));
    const as = (who: { cookie: string }) => new Request("http://localhost/settings", { headers: { Cookie: who.cookie } });
    const page = settingsPage(as(zhang));
    const complaintRow = page.types.mailbox.findIndex((r) => r.type === "投诉");
    expect(page.types.mailbox[complaintRow]).toEqual({ type: "投诉", items: 1, rule: null });
    expect(page.version).toBe("口径 v1");

    const form = (fields: Record<string, string>, who = zhang) => {
      const f = new FormData();
      f.set("_csrf", who.csrfToken);
      page.types.mailbox.forEach((r, i) => f.set(`type.mailbox.${i}.name`, r.type));
      f.set(`type.mailbox.${page.types.mailbox.length}.name`, "");
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      return f;
    };
    const bad = settingsAction(as(zhang), form({ "deadline.mailbox.amount": "0", [`type.mailbox.${complaintRow}.amount`]: "abc", assessmentStartDay: "31", [`type.mailbox.${page.types.mailbox.length}.amount`]: "4", by: "" }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.fieldErrors).sort()).toEqual(
      ["assessmentStartDay", "deadline.mailbox.amount", `type.mailbox.${complaintRow}.amount`, `type.mailbox.${page.types.mailbox.length}.name`].sort(),
    );
    expect(bad.fieldErrors.assessmentStartDay).toMatch(/assessmentStartDay/);
    expect(bad.values.assessmentStartDay).toBe("31");
    expect(settingsPage(as(zhang)).version).toBe("口径 v1");

    const ok = settingsAction(as(zhang), form({ "deadline.mailbox.amount": "10", "deadline.mailbox.unit": "workdays", [`type.mailbox.${complaintRow}.amount`]: "3", [`type.mailbox.${complaintRow}.unit`]: "workdays", assessmentStartDay: "19", by: "张三", note: "试行" }));
    expect(ok).toEqual({ ok: true, action: "save", changes: 2, deadlinesRecomputed: true, deadlineItemsChanged: 1, calendarYears: [] });
    expect(deadlineOf(t.db, letter)).toBe(sh("2026-11-05 09:00"));
    const saved = settingsPage(as(zhang));
    expect(saved.version).toMatch(/^口径 v1（本地修订 r1，\d{4}-\d{2}-\d{2}）$/);
    expect(saved.current.assessmentStartDay).toBe(19);
    expect(saved.types.mailbox.find((r) => r.type === "投诉")!.rule).toEqual({ amount: 3, unit: "workdays" });
    expect(saved.log[0]).toMatchObject({ by: "张三", note: "试行", deadlineItemsChanged: 1 });

    const reset = settingsAction(as(li), form({ intent: "reset" }, li));
    expect(reset).toMatchObject({ ok: true, action: "reset", changes: 2, deadlineItemsChanged: 1 });
    expect(settingsPage(as(li)).version).toBe("口径 v1");
    // A form without the session's token is refused.
    expect(() => settingsAction(as(li), form({ intent: "reset" }, { ...li, csrfToken: "forged" }))).toThrow();
    expect(deadlineOf(t.db, letter)).toBe(sh("2026-11-16 09:00"));
  });
});
