// Writes rejected and flagged rows to a CSV beside the import report (UTF-8 with BOM so Excel reads Chinese).
import fs from "node:fs";

export class RejectsFile {
  private fd: number | null = null;
  count = 0;

  constructor(readonly path: string) {}

  write(line: number, severity: string, field: string, reason: string, raw: string): void {
    if (this.fd === null) {
      this.fd = fs.openSync(this.path, "w");
      fs.writeSync(this.fd, "\uFEFFline,severity,field,reason,original_row\r\n");
    }
    fs.writeSync(this.fd, [String(line), severity, field, reason, raw].map(csvCell).join(",") + "\r\n");
    this.count++;
  }

  close(): string | null {
    if (this.fd === null) return null;
    fs.closeSync(this.fd);
    this.fd = null;
    return this.path;
  }
}

export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
