// Integration on a real SQLite file: ingest letters, cold-start rules, train, re-classify, correct.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { countReviewQueue, loadTrainingItems, recordCorrection } from "../../db/queries/nlp";
import { itemCorrections, itemNlp, items, models } from "../../db/schema";
import { ingestFile } from "../../ingest/load";
import { runNlpPass } from "../../ingest/nlp/nlp-pass";
import { trainRoutingModel } from "../../ingest/nlp/train";
import { tempDb } from "../helpers/temp";

const PROBLEMS: Record<string, string[]> = {
  市住建局: ["小区物业乱收停车费", "开发商延期交房", "老旧小区改造施工质量差", "小区电梯故障物业不修", "房产证办不下来"],
  市人社局: ["公司拖欠工资三个月", "单位不缴社保", "农民工工资被拖欠", "辞退员工不签劳动合同", "养老保险断缴"],
  市教育局: ["学校强制补课收费", "幼儿园学位紧张", "小学划片入学不合理", "培训机构退费难", "教师体罚学生"],
};

function lettersCsv(withUnit: boolean): string {
  const lines = ["信件编号,标题,来信内容,来信时间,收信单位,答复内容,答复时间"];
  let n = 0;
  for (const [unit, problems] of Object.entries(PROBLEMS)) {
    for (let round = 0; round < 4; round++) {
      for (const p of problems) {
        n++;
        const body = `尊敬的领导：我想反映${p}的问题，第${round + 1}次反映，联系电话13912345678，请尽快处理。`;
        lines.push(`L${n},${p},${body},2026-0${1 + (n % 6)}-10 09:00:00,${withUnit ? unit : ""},${n % 2 ? "您的来信已收悉。" : ""},${n % 2 ? "2026-07-01 10:00:00" : ""}`);
      }
    }
  }
  return lines.join("\r\n") + "\r\n";
}

describe("NLP pass over stored items", () => {
  it("routes by rules with no labels, by a trained model with labels, and keeps a person's correction", async () => {
    const { db, dir } = tempDb();
    const labelled = path.join(dir, "labelled.csv");
    fs.writeFileSync(labelled, lettersCsv(true));
    const unlabelled = path.join(dir, "unlabelled.csv");
    fs.writeFileSync(unlabelled, lettersCsv(false).replace(/L(\d+),/g, "U$1,"));
    const reportDir = path.join(dir, "reports");

    // Cold start: no model, so the unlabelled letters are routed by catalogue rules, marked as such.
    const run = await ingestFile({ db, file: unlabelled, channel: "mailbox", preset: "minyi-mailbox", reportDir });
    const cold = runNlpPass(db, { importRunId: run.importRunId });
    expect(cold.analysed).toBe(60);
    expect(cold.routedByRules).toBe(60);
    expect(cold.sentimentBy).toBe("lexicon");
    const coldRow = db.select().from(itemNlp).limit(1).get()!;
    expect(coldRow.method).toBe("rules");
    expect(JSON.parse(coldRow.personalData!)).toMatchObject({ phone: 1 });

    // Labelled letters train the department model; re-classification routes the unlabelled ones by model.
    await ingestFile({ db, file: labelled, channel: "mailbox", preset: "minyi-mailbox", reportDir });
    expect(loadTrainingItems(db, "department")).toHaveLength(60);
    const summary = trainRoutingModel(db, "department");
    expect(summary.version).toMatch(/^department-\d{8}-\d{6}-[0-9a-f]{8}$/);
    expect(summary.classes).toBe(3);
    expect(db.select().from(models).all()).toHaveLength(1);
    const pass = runNlpPass(db);
    expect(pass.analysed).toBe(120);
    expect(pass.routedByModel).toBe(120);

    const wage = db.select().from(items).where(eq(items.externalId, "U21")).get()!; // "公司拖欠工资三个月"
    const wageNlp = db.select().from(itemNlp).where(eq(itemNlp.itemId, wage.id)).get()!;
    const labourId = loadTrainingItems(db, "department").find((r) => r.title === "公司拖欠工资三个月")!.label;
    expect(wage.departmentId).toBeNull();
    expect(wage.predictedDepartmentId).toBe(labourId);
    expect(wage.routedDepartmentId).toBe(labourId);
    expect(JSON.parse(wageNlp.modelVersion!).department).toBe(summary.version);
    expect(JSON.parse(wageNlp.terms!).department.length).toBeGreaterThan(0);
    expect(wageNlp.replySubstantive).toBe(false); // "您的来信已收悉。" is a placeholder

    // A person's correction wins over the model, is audited, and becomes a training label.
    const otherId = loadTrainingItems(db, "department").find((r) => r.label !== labourId)!.label;
    recordCorrection(db, { itemId: wage.id, field: "department", newId: otherId, correctedBy: "analyst1", note: "转办" });
    const corrected = db.select().from(items).where(eq(items.id, wage.id)).get()!;
    expect(corrected.routedDepartmentId).toBe(otherId);
    expect(corrected.needsReview).toBe(false);
    expect(db.select().from(itemCorrections).all()).toMatchObject([{ itemId: wage.id, previousId: labourId, newId: otherId, correctedBy: "analyst1" }]);
    expect(loadTrainingItems(db, "department")).toHaveLength(61);
    runNlpPass(db);
    expect(db.select().from(items).where(eq(items.id, wage.id)).get()!.routedDepartmentId).toBe(otherId);
    expect(countReviewQueue(db)).toBeGreaterThanOrEqual(0);
    db.$client.close();
  });
});
