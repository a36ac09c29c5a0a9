import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: ["tests/bench/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
  },
});
