/**
 * The server Playwright tests run against: a fresh database (a new PGlite directory, or the
 * DATABASE_URL given — .ci/run passes a freshly created PostgreSQL database), the demo data,
 * a production build in its own build directory.
 */
import fs from "node:fs";
import { prepareAndServe } from "./serve";
import { env } from "../lib/env";

if (!env().DATABASE_URL) fs.rmSync(env().SPENDLINE_DATA_DIR, { recursive: true, force: true });
prepareAndServe({ forceBuild: process.env.E2E_REUSE_BUILD !== "1", distDir: ".next-e2e" }).catch((e) => {
  console.error(`\nerror: ${(e as Error).message}`);
  process.exit(1);
});
