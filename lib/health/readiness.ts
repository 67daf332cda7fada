import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db } from "../db";
import { isEmbeddedDatabase } from "../env";
import { isDraining } from "./shutdown";

/**
 * What a balancer asks before sending traffic to this instance (GET /api/health/ready):
 * the database answers, every migration on disk is applied, and the connection reaches the
 * leader (a writable primary, not a standby: after a failover HAProxy may still point at the
 * old one for a moment). Not ready while draining for shutdown.
 */
export type Check = { ok: boolean; detail: string };
export type Readiness = { ready: boolean; checks: { draining: Check; database: Check; migrations: Check; leader: Check } };

const TIMEOUT_MS = 2_000;

let onDisk: string[] | undefined;
/** Migration directories shipped with this build (prisma/migrations, read once). */
export function migrationsOnDisk(dir = path.join(process.cwd(), "prisma", "migrations")): string[] {
  onDisk ??= fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return onDisk;
}

/** Pure: which of the shipped migrations the database has not applied. */
export function pendingMigrations(shipped: string[], applied: string[]): string[] {
  const done = new Set(applied);
  return shipped.filter((m) => !done.has(m));
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms).unref?.()),
  ]);
}

export async function readiness(): Promise<Readiness> {
  const draining: Check = isDraining() ? { ok: false, detail: "shutting down" } : { ok: true, detail: "serving" };
  let database: Check;
  let migrations: Check = { ok: false, detail: "not checked (database unreachable)" };
  let leader: Check = { ok: false, detail: "not checked (database unreachable)" };
  try {
    const [row] = await withTimeout(db().$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`, TIMEOUT_MS, "database");
    database = { ok: true, detail: isEmbeddedDatabase() ? "embedded" : "reachable" };
    leader = row.standby
      ? { ok: false, detail: "connected to a standby (read-only): no leader reachable through DATABASE_URL" }
      : { ok: true, detail: isEmbeddedDatabase() ? "embedded (single process)" : "writable primary" };
    const applied = await withTimeout(
      db().$queryRaw<{ name: string }[]>`
        SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      TIMEOUT_MS,
      "migrations",
    );
    const pending = pendingMigrations(
      migrationsOnDisk(),
      applied.map((r) => r.name),
    );
    migrations = pending.length
      ? { ok: false, detail: `${pending.length} pending: ${pending.slice(0, 3).join(", ")} (run npm run db:migrate)` }
      : { ok: true, detail: `${applied.length} applied` };
  } catch (e) {
    database = { ok: false, detail: (e as Error).message.split("\n")[0].slice(0, 200) };
  }
  const checks = { draining, database, migrations, leader };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}
