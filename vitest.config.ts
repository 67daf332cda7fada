import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // the shared package from source (the SDK's build compiles it into the SDK's dist/_core)
      "@spendline/guardrail-core": path.resolve(__dirname, "packages/guardrail-core/src/index.ts"),
      // server-only throws outside React Server Components; tests run server code directly
      "server-only": path.resolve(__dirname, "tests/helpers/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "packages/*/src/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // a skipped integration test fails the run unless tests/allowed-skips.ts allows it
    reporters: ["default", "./tests/helpers/skip-guard.ts"],
  },
});
