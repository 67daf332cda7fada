import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_FLAGS } from "./lib/chromium/launch-flags.mjs";

/**
 * E2E against the production build with demo data and the writing specs' own organisations
 * (scripts/e2e-server.ts, docs/decisions/030). Debian's Chromium, never a downloaded browser.
 * E2E_PORT (default 3100) keeps it off the demo's port.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
// the harness writes the fixture organisations here; the specs (workers inherit this) read it
process.env.E2E_FIXTURES_FILE = path.resolve(dataDir, "e2e-fixtures.json");

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_FLAGS,
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1400, height: 1000 } } }],
  webServer: {
    command: "npx tsx --conditions=react-server scripts/e2e-server.ts",
    url: `${baseURL}/signin`,
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      SPENDLINE_DATA_DIR: dataDir,
      E2E_FIXTURES_FILE: process.env.E2E_FIXTURES_FILE,
      NEXTAUTH_SECRET: "e2e-secret-not-for-production",
      NEXTAUTH_URL: baseURL,
    },
  },
});
