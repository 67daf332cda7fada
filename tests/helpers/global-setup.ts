import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

/**
 * Integration tests get a fresh database per test file, cloned from a template migrated
 * once here by the project's own migrate code. DATABASE_URL set → PostgreSQL template
 * database; unset → a PGlite data directory copied per file.
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  const { applyMigrations } = await import("../../lib/db/migrate");
  if (base) {
    const name = `sl_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = withDatabase(base, name);
    const { PrismaPg } = await import("@prisma/adapter-pg");
    await applyMigrations(new PrismaPg({ connectionString: url, max: 1 }));
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
    project.provide("dbTemplate", { kind: "pg", base, name });
    return async () => {
      const res = await admin.query(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
        name,
        `sl_test_${process.pid}_%`,
      ]);
      for (const row of res.rows) {
        await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      }
      await admin.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spendline-tpl-"));
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const pglite = new PGlite({ dataDir: dir });
  await applyMigrations(new PrismaPGlite(pglite));
  await pglite.close();
  project.provide("dbTemplate", { kind: "pglite", dir });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: { kind: "pg"; base: string; name: string } | { kind: "pglite"; dir: string };
  }
}
