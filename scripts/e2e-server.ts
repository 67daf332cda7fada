/**
 * The server Playwright tests run against: a fresh database (a new PGlite directory, or the
 * DATABASE_URL given — .ci/run passes a freshly created PostgreSQL database), the demo data,
 * the fixture organisations of the writing specs (e2e/fixtures.ts, listed in E2E_FIXTURES_FILE
 * for the specs), a production build in its own build directory.
 */
import fs from "node:fs";
import path from "node:path";
import { prepareAndServe } from "./serve";
import { createFixtureOrgs } from "./e2e-fixtures";
import { env } from "../lib/env";

const fixturesFile = process.env.E2E_FIXTURES_FILE ?? path.join(env().SPENDLINE_DATA_DIR, "e2e-fixtures.json");
if (!env().DATABASE_URL) fs.rmSync(env().SPENDLINE_DATA_DIR, { recursive: true, force: true });
fs.rmSync(fixturesFile, { force: true }); // never let a spec read an earlier run's organisations

prepareAndServe({
  forceBuild: process.env.E2E_REUSE_BUILD !== "1",
  distDir: ".next-e2e",
  afterSeed: async () => {
    const t0 = Date.now();
    const { orgs } = await createFixtureOrgs(fixturesFile);
    console.log(
      `▸ Created ${Object.keys(orgs).length} fixture organisations in ${((Date.now() - t0) / 1000).toFixed(1)} s (${fixturesFile})`,
    );
  },
}).catch((e) => {
  console.error(`\nerror: ${(e as Error).message}`);
  process.exit(1);
});
