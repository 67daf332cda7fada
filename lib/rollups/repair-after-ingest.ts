import "server-only";
import { db, Prisma } from "../db";
import { ROLLUP_LOCK_NS } from "./definition";
import {
  interactionSource,
  STATS_COLUMNS,
  statsCtes,
  statsSelect,
  TASK_STATS_COLUMNS,
  taskSource,
  taskStatsSelect,
  tenantFirsts,
  windowPartsSelect,
} from "./read-rollups-sql";
import { rebuildTenantCohortSql, tenantCohortDeltaSql } from "./tenant-cohort-sql";
import { rebuildRankSql, rebuildTenantPartSql, tenantPartDeltaSql } from "./tenant-part-sql";

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/**
 * Recomputes the InteractionStats rows of the given (day, feature) pairs (null: all) from the
 * stored InteractionRollup — bounded by those days' interactions of those features.
 */
export async function rebuildStats(tx: Tx, organizationId: string, pairs: { day: string; feature: string }[] | null): Promise<void> {
  const json = JSON.stringify(pairs ?? []);
  const inPairs = pairs
    ? Prisma.sql`AND (day, feature) IN (SELECT p.day, p.feature FROM jsonb_to_recordset(${json}::jsonb) AS p(day date, feature text))`
    : Prisma.empty;
  if (pairs && pairs.length === 0) return;
  await tx.$executeRaw`DELETE FROM "InteractionStats" WHERE "organizationId" = ${organizationId} ${inPairs}`;
  const from = Prisma.sql`(SELECT * FROM "InteractionRollup" WHERE "organizationId" = ${organizationId} ${inPairs}) i`;
  await tx.$executeRaw`WITH ${statsCtes(interactionSource(from))} INSERT INTO "InteractionStats" (${STATS_COLUMNS}) ${statsSelect(organizationId)}`;
}

/** Recomputes the TaskStats rows of the given days (null: all) from the stored TaskRollup. */
export async function rebuildTaskStats(tx: Tx, organizationId: string, days: string[] | null): Promise<void> {
  if (days && days.length === 0) return;
  const inDays = days ? Prisma.sql`AND day = ANY(${days}::date[])` : Prisma.empty;
  await tx.$executeRaw`DELETE FROM "TaskStats" WHERE "organizationId" = ${organizationId} ${inDays}`;
  const from = Prisma.sql`(SELECT * FROM "TaskRollup" WHERE "organizationId" = ${organizationId}
    ${days ? Prisma.sql`AND "firstAt"::date = ANY(${days}::date[])` : Prisma.empty}) t`;
  await tx.$executeRaw`INSERT INTO "TaskStats" (${TASK_STATS_COLUMNS}) ${taskStatsSelect(organizationId, taskSource(from))}`;
}

/**
 * Recomputes the freemium window (Tenant.window* and its TenantWindow parts) of the given
 * tenants (null: all) from their own events in [firstEventAt, firstEventAt + 30 × 24 h), and
 * what is summed from them: TenantCohortDay, TenantCohortPart (now under the latest tier:
 * windowTier = tier) and TenantWindowRank. Every repaired Tenant row gets a new windowVersion.
 */
export async function rebuildWindows(tx: Tx, organizationId: string, tenants: string[] | Prisma.Sql | null): Promise<void> {
  const and =
    tenants === null
      ? Prisma.empty
      : Array.isArray(tenants)
        ? Prisma.sql`AND x."externalId" = ANY(${tenants}::text[])`
        : Prisma.sql`AND x."externalId" IN (${tenants})`;
  if (Array.isArray(tenants) && tenants.length === 0) return;
  const andW =
    tenants === null
      ? Prisma.empty
      : Array.isArray(tenants)
        ? Prisma.sql`AND "tenantId" = ANY(${tenants}::text[])`
        : Prisma.sql`AND "tenantId" IN (${tenants})`;
  // TenantCohortDay and TenantCohortPart sum these windows: take them out now, add them back once
  // recomputed (all tenants: regrouped at the end instead)
  if (tenants !== null) {
    await tx.$executeRaw(tenantCohortDeltaSql(organizationId, and, -1));
    await tx.$executeRaw(tenantPartDeltaSql(organizationId, and, -1));
  }
  await tx.$executeRaw`DELETE FROM "TenantWindow" WHERE "organizationId" = ${organizationId} ${andW}`;
  await tx.$executeRaw`INSERT INTO "TenantWindow" ("organizationId", "tenantId", feature, model, "firstAt", events, "inputTokens", "outputTokens", "costUsd")
    ${windowPartsSelect(organizationId, tenantFirsts(organizationId, and))}`;
  // windowVersion: a batch whose snapshot predates this (it waited for the lock) must not move
  // the parts it read (decision 054)
  await tx.$executeRaw`UPDATE "Tenant" x SET "windowFirstAt" = x."firstEventAt", "windowStale" = false,
      "windowTier" = COALESCE(x.tier, ''), "windowVersion" = x."windowVersion" + 1,
      "windowEvents" = COALESCE((SELECT sum(w.events) FROM "TenantWindow" w WHERE w."organizationId" = x."organizationId" AND w."tenantId" = x."externalId"), 0),
      "windowCostUsd" = COALESCE((SELECT sum(w."costUsd") FROM "TenantWindow" w WHERE w."organizationId" = x."organizationId" AND w."tenantId" = x."externalId"), 0)
    WHERE x."organizationId" = ${organizationId} ${and}`;
  for (const q of rebuildRankSql(organizationId, andW)) await tx.$executeRaw(q);
  if (tenants !== null) {
    await tx.$executeRaw(tenantCohortDeltaSql(organizationId, and, 1));
    await tx.$executeRaw(tenantPartDeltaSql(organizationId, and, 1));
  } else for (const q of [...rebuildTenantCohortSql(organizationId), ...rebuildTenantPartSql(organizationId)]) await tx.$executeRaw(q);
}

export type Repair = { groups: { day: string; feature: string }[] | null; tenants: string[] | null };

/**
 * What one ingest statement could not merge (ingest-sql.ts, `repair`): the max of a group an
 * interaction moved out of, and freemium windows moved by an earlier first event or a
 * concurrent batch. Repaired right after the commit under the organisation's exclusive rollup
 * lock (no batch interleaves), bounded by those days' interactions and those tenants' windows.
 */
export async function repairAfterIngest(organizationId: string, repair: Repair): Promise<void> {
  await db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_NS}::int, hashtext(${organizationId}))`;
      if (repair.groups?.length) await rebuildStats(tx, organizationId, repair.groups);
      if (repair.tenants?.length) await rebuildWindows(tx, organizationId, repair.tenants);
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}
