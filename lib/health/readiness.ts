import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db, dbRead, type PrismaClient } from "../db";
import { isEmbeddedDatabase } from "../env";
import { isDraining } from "./shutdown";

/**
 * What a balancer asks before sending traffic to this instance (GET /api/health/ready), in two
 * modes (decision 055):
 * - "write" (the default): the database answers, every migration on disk is applied, and the
 *   connection reaches the leader (a writable primary, not a standby: after a failover HAProxy may
 *   still point at the old one for a moment). Ingest, settings, guardrails — anything that writes.
 * - "read" (`?for=read`): the read database (DATABASE_READ_URL, else DATABASE_URL) answers and has
 *   every migration; a standby is fine and the leader is not asked. Dashboards, exports and API
 *   reads, which read through dbRead() and authenticate via readPreferLeader(), so an instance
 *   stays in the balancer's read pool while a failover leaves no leader.
 * Both: not ready while draining for shutdown.
 */
export type Check = { ok: boolean; detail: string };
export type ReadinessMode = "write" | "read";
export type Readiness = {
  mode: ReadinessMode;
  ready: boolean;
  checks: { draining: Check; database: Check; migrations: Check; leader?: Check };
};
/** What one probe of a database saw: reachable (a standby or not, and its applied migrations) or the error. */
export type Probe = { reachable: true; standby: boolean; applied: string[] } | { reachable: false; error: string };

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

async function probe(client: PrismaClient): Promise<Probe> {
  try {
    const [row] = await withTimeout(
      client.$queryRaw<{ standby: boolean }[]>`SELECT pg_is_in_recovery() AS standby`,
      TIMEOUT_MS,
      "database",
    );
    const applied = await withTimeout(
      client.$queryRaw<{ name: string }[]>`
        SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      TIMEOUT_MS,
      "migrations",
    );
    return { reachable: true, standby: row.standby, applied: applied.map((r) => r.name) };
  } catch (e) {
    // Prisma's message starts with an empty line and "Invalid `…` invocation:"; the cause is last
    const lines = (e as Error).message.split("\n").filter((l) => l.trim());
    return { reachable: false, error: (lines.pop() ?? "unreachable").slice(0, 200) };
  }
}

/** Pure: the verdict of one mode from what was seen (table-tested in tests/health). */
export function judge(mode: ReadinessMode, seen: { draining: boolean; probe: Probe; shipped: string[]; embedded: boolean }): Readiness {
  const { probe: p, embedded } = seen;
  const draining: Check = seen.draining ? { ok: false, detail: "shutting down" } : { ok: true, detail: "serving" };
  if (!p.reachable) {
    const database = { ok: false, detail: p.error };
    const migrations = { ok: false, detail: "not checked (database unreachable)" };
    const checks =
      mode === "write"
        ? { draining, database, migrations, leader: { ok: false, detail: migrations.detail } }
        : { draining, database, migrations };
    return { mode, ready: false, checks };
  }
  const pending = pendingMigrations(seen.shipped, p.applied);
  const migrations: Check = pending.length
    ? { ok: false, detail: `${pending.length} pending: ${pending.slice(0, 3).join(", ")} (run npm run db:migrate)` }
    : { ok: true, detail: `${p.applied.length} applied` };
  if (mode === "read") {
    const database: Check = {
      ok: true,
      detail: embedded ? "embedded" : p.standby ? "standby (read-only): serves reads" : "primary: serves reads",
    };
    const checks = { draining, database, migrations };
    return { mode, ready: Object.values(checks).every((c) => c.ok), checks };
  }
  const database: Check = { ok: true, detail: embedded ? "embedded" : "reachable" };
  const leader: Check = p.standby
    ? { ok: false, detail: "connected to a standby (read-only): no leader reachable through DATABASE_URL" }
    : { ok: true, detail: embedded ? "embedded (single process)" : "writable primary" };
  const checks = { draining, database, migrations, leader };
  return { mode, ready: Object.values(checks).every((c) => c.ok), checks };
}

/** Asks the database of the mode (the leader for "write", the read database for "read") and judges. */
export async function readiness(
  mode: ReadinessMode = "write",
  client: PrismaClient = mode === "read" ? dbRead() : db(),
): Promise<Readiness> {
  return judge(mode, { draining: isDraining(), probe: await probe(client), shipped: migrationsOnDisk(), embedded: isEmbeddedDatabase() });
}
