import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLabelledFile } from "../../ingest/nlp/eval/labelled-file";
import { tempDir } from "../helpers/temp";

describe("labelled files for training and evaluation", () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("reads the label + content layout", async () => {
    const file = write("a.csv", "label,content\r\n城乡建设,小区物业乱收费\r\n教育文体,\"学校补课,收费\"\r\n");
    const r = await readLabelledFile(file);
    expect(r.labels).toEqual(["城乡建设", "教育文体"]);
    expect(r.texts[1]).toBe("学校补课,收费");
  });

  it("reads the 附件2 layout: 一级分类 with 留言主题 + 留言详情 joined", async () => {
    const file = write("b.csv", "留言编号,留言用户,留言主题,留言时间,留言详情,一级分类\r\n1,A1,工资拖欠,2019-01-01,公司三个月没发工资,劳动和社会保障\r\n2,A2,空行,2019-01-02,,\r\n");
    const r = await readLabelledFile(file);
    expect(r.labels).toEqual(["劳动和社会保障"]);
    expect(r.texts[0]).toBe("工资拖欠\n公司三个月没发工资");
    expect(r.skipped).toEqual([{ line: 3, reason: "empty 一级分类" }]);
  });

  it("names the missing column and the header when it cannot find one", async () => {
    const file = write("c.csv", "id,words\r\n1,abc\r\n");
    await expect(readLabelledFile(file)).rejects.toThrow(/c\.csv: no label column.*header \(id, words\)/);
    await expect(readLabelledFile(file, { labelColumn: "id", textColumns: ["body"] })).rejects.toThrow(/body not in the header/);
  });
});
