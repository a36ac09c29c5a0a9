// Environment is read once here and validated; everything else imports `env`.
import path from "node:path";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_PATH: z.string().min(1).default("data/minyi.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** The largest file the admin page's upload form accepts (管理 › 数据导入), in MB. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(500),
});

export type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

export const env: Env = readEnv();

/** The project root: commands and the server run from it. */
export const projectRoot = process.cwd();
export const migrationsFolder = path.join(projectRoot, "db", "migrations");
export function resolveDatabasePath(p: string = env.DATABASE_PATH): string {
  return path.isAbsolute(p) ? p : path.join(projectRoot, p);
}
