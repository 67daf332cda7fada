import "server-only";
import { db, Prisma } from "../db";
import { ROLLUP_LOCK_NS } from "../ingestion/ingest-sql";
import { insertAggregateSql, ROLLUP_TABLES, type RollupTable } from "./rollup-sql";

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** [from, to) in UTC; rollups of events whose timestamp falls inside are rebuilt. */
export type TimeRange = { from: Date; to: Date };

/**
 * Recomputes an organisation's rollups from its raw events (all of them, or those touched by
 * events in `range`). Day- and minute-keyed rollups are replaced for the days of the range;
 * interactions and tasks that have any event in the range are recomputed from ALL their events
 * (an interaction can span days). Runs inside `tx` when given (restatement), holding the
 * organisation's exclusive rollup lock so that no ingest batch interleaves.
 */
export async function rebuildRollups(organizationId: string, range?: TimeRange, tx?: Tx): Promise<void> {
  if (!tx) {
    await db().$transaction((t) => rebuildRollups(organizationId, range, t), { timeout: 600_000, maxWait: 60_000 });
    return;
  }
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_NS}::int, hashtext(${organizationId}))`;
  const org = Prisma.sql`e."organizationId" = ${organizationId}`;
  if (!range) {
    for (const t of ROLLUP_TABLES) {
      await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${t}"`)} WHERE "organizationId" = ${organizationId}`;
      await tx.$executeRaw(insertAggregateSql(t, org));
    }
    return;
  }
  const fromDay = new Date(Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth(), range.from.getUTCDate()));
  const toDay = new Date(Date.UTC(range.to.getUTCFullYear(), range.to.getUTCMonth(), range.to.getUTCDate() + (isMidnight(range.to) ? 0 : 1)));
  const inDays = Prisma.sql`${org} AND e."timestamp" >= ${fromDay} AND e."timestamp" < ${toDay}`;
  const dayTables: [RollupTable, Prisma.Sql][] = [
    ["DailyRollup", Prisma.sql`day >= ${fromDay}::date AND day < ${toDay}::date`],
    ["TenantDailyRollup", Prisma.sql`day >= ${fromDay}::date AND day < ${toDay}::date`],
    ["MinuteRollup", Prisma.sql`minute >= ${fromDay} AND minute < ${toDay}`],
  ];
  for (const [t, cond] of dayTables) {
    await tx.$executeRaw`DELETE FROM ${Prisma.raw(`"${t}"`)} WHERE "organizationId" = ${organizationId} AND ${cond}`;
    await tx.$executeRaw(insertAggregateSql(t, inDays));
  }
  // interactions and tasks touched by the range, recomputed over all their events
  const touchedInteraction = Prisma.sql`(e.feature, COALESCE(e."sessionId", 'event:' || e."eventId")) IN (
    SELECT DISTINCT x.feature, COALESCE(x."sessionId", 'event:' || x."eventId") FROM "CostEvent" x
    WHERE x."organizationId" = ${organizationId} AND x."timestamp" >= ${range.from} AND x."timestamp" < ${range.to})`;
  await tx.$executeRaw`DELETE FROM "InteractionRollup" r WHERE r."organizationId" = ${organizationId} AND (r.feature, r."interactionKey") IN (
    SELECT DISTINCT x.feature, COALESCE(x."sessionId", 'event:' || x."eventId") FROM "CostEvent" x
    WHERE x."organizationId" = ${organizationId} AND x."timestamp" >= ${range.from} AND x."timestamp" < ${range.to})`;
  await tx.$executeRaw(insertAggregateSql("InteractionRollup", Prisma.sql`${org} AND ${touchedInteraction}`));
  const touchedTask = Prisma.sql`e."taskId" IN (SELECT DISTINCT x."taskId" FROM "CostEvent" x
    WHERE x."organizationId" = ${organizationId} AND x."taskId" IS NOT NULL AND x."timestamp" >= ${range.from} AND x."timestamp" < ${range.to})`;
  await tx.$executeRaw`DELETE FROM "TaskRollup" r WHERE r."organizationId" = ${organizationId} AND r."taskId" IN (
    SELECT DISTINCT x."taskId" FROM "CostEvent" x
    WHERE x."organizationId" = ${organizationId} AND x."taskId" IS NOT NULL AND x."timestamp" >= ${range.from} AND x."timestamp" < ${range.to})`;
  await tx.$executeRaw(insertAggregateSql("TaskRollup", Prisma.sql`${org} AND ${touchedTask}`));
}

function isMidnight(d: Date): boolean {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
}
