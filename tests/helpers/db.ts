import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { resetEnvCache } from "../../lib/env";
import { disconnectDb } from "../../lib/db";
import { closeEmbedded } from "../../lib/db/adapter";
import { withDatabase } from "./global-setup";

/**
 * Call at the top of an integration test file: the file gets its own freshly migrated
 * database (PostgreSQL when DATABASE_URL is set, else PGlite), dropped afterwards.
 */
export function useTestDatabase(): void {
  let cleanup: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const tpl = inject("dbTemplate");
    if (tpl.kind === "pg") {
      const name = `sl_test_${process.ppid}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: tpl.base });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${tpl.name}"`);
      // a clone does not inherit per-database settings (ALTER DATABASE … SET: the migrations
      // set jit = off, decision 053): copy them so the clone behaves as a migrated database
      const settings = await admin.query<{ setting: string }>(
        `SELECT unnest(s.setconfig) AS setting FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
         WHERE d.datname = $1 AND s.setrole = 0`,
        [tpl.name],
      );
      for (const { setting } of settings.rows) {
        const at = setting.indexOf("=");
        await admin.query(`ALTER DATABASE "${name}" SET "${setting.slice(0, at)}" = '${setting.slice(at + 1).replace(/'/g, "''")}'`);
      }
      process.env.DATABASE_URL = withDatabase(tpl.base, name);
      cleanup = async () => {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spendline-test-"));
      fs.cpSync(tpl.dir, dir, { recursive: true });
      delete process.env.DATABASE_URL;
      process.env.SPENDLINE_DATA_DIR = dir;
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    resetEnvCache();
  });
  afterAll(async () => {
    await disconnectDb();
    await closeEmbedded();
    await cleanup();
  });
}
