import "server-only";
import { db, Prisma } from "../db";
import { sqlIdent } from "../db/ident";
import { ROLLUP_LOCK_NS } from "./definition";
import { beganSinceWhere, insertAggregateSql, ROLLUP_TABLES, type RollupTable } from "./rollup-sql";
import { userWeekSelect } from "./read-rollups-sql";
import { rebuildStats, rebuildTaskStats, rebuildWindows } from "./repair-after-ingest";
import { rebuildTenantCohortSql } from "./tenant-cohort-sql";
import { rebuildRankSql, rebuildTenantPartSql } from "./tenant-part-sql";
import { rawEventsCompleteFrom } from "../storage/retention";

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/**
 * [from, to) in UTC; rollups of events whose timestamp falls inside are rebuilt. With
 * `models`, only those models' rows of the model-keyed rollups are (a restatement of one model).
 */
export type TimeRange = { from: Date; to: Date; models?: string[] };

/**
 * Recomputes an organisation's rollups from its raw events (all of them, or those touched by
 * events in `range`). Day- and minute-keyed rollups are replaced for the days of the range;
 * interactions and tasks that have any event in the range are recomputed from ALL their events
 * (an interaction can span days). Runs inside `tx` when given (restatement), holding the
 * organisation's exclusive rollup lock so that no ingest batch interleaves.
 * Without a range it rebuilds EVERYTHING derived from raw events (also Feature/Team names and
 * Tenant rows): what a bulk load of raw events (demo seed at volume, benchmarks) calls after.
 * Once raw events are incomplete (retention dropped a month or hides older ones:
 * `rawEventsCompleteFrom`), "everything" means everything from that instant on, and the
 * rollups before it are kept as they are: see `rebuildSince`.
 */
export async function rebuildRollups(organizationId: string, range?: TimeRange, tx?: Tx): Promise<void> {
  // read before the transaction: on PGlite (one connection) a read outside it would wait for it
  const completeFrom = range ? null : await rawEventsCompleteFrom(organizationId);
  if (!tx) {
    await db().$transaction((t) => rebuildIn(t, organizationId, range, completeFrom), {
      timeout: range ? 600_000 : 3_600_000,
      maxWait: 60_000,
    });
    return;
  }
  await rebuildIn(tx, organizationId, range, completeFrom);
}

async function rebuildIn(tx: Tx, organizationId: string, range: TimeRange | undefined, completeFrom: Date | null): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK_NS}::int, hashtext(${organizationId}))`;
  // Right after a bulk load the planner's row estimates are stale (≈1 row) and it picks a
  // nested loop per interaction key: quadratic. Hash joins are right for every query here.
  await tx.$executeRaw`SET LOCAL enable_nestloop = off`;
  const org = Prisma.sql`e."organizationId" = ${organizationId}`;
  if (!range) {
    if (completeFrom) return rebuildSince(tx, organizationId, completeFrom);
    for (const t of ROLLUP_TABLES) {
      await tx.$executeRaw`DELETE FROM ${sqlIdent(t)} WHERE "organizationId" = ${organizationId}`;
      await tx.$executeRaw(insertAggregateSql(t, org));
    }
    // names and tenants as ingestion would have created them (a bulk load writes raw events only)
    await tx.$executeRaw`INSERT INTO "Feature" (id, "organizationId", name)
      SELECT gen_random_uuid()::text, ${organizationId}, feature FROM (SELECT DISTINCT feature FROM "DailyRollup" WHERE "organizationId" = ${organizationId}) f
      ON CONFLICT ("organizationId", name) DO NOTHING`;
    await tx.$executeRaw`INSERT INTO "Team" (id, "organizationId", name)
      SELECT gen_random_uuid()::text, ${organizationId}, team FROM (SELECT DISTINCT team FROM "DailyRollup" WHERE "organizationId" = ${organizationId}) t
      ON CONFLICT ("organizationId", name) DO NOTHING`;
    await tx.$executeRaw`INSERT INTO "Tenant" ("organizationId", "externalId", tier, "firstEventAt", "lastEventAt")
      SELECT ${organizationId}, e."tenantId", (array_agg(e."tenantTier" ORDER BY e."timestamp" DESC) FILTER (WHERE e."tenantTier" IS NOT NULL))[1],
        min(e."timestamp"), max(e."timestamp")
      FROM "CostEvent" e WHERE ${org} AND e."tenantId" IS NOT NULL GROUP BY e."tenantId"
      ON CONFLICT ("organizationId", "externalId") DO UPDATE SET tier = EXCLUDED.tier, "firstEventAt" = EXCLUDED."firstEventAt", "lastEventAt" = EXCLUDED."lastEventAt"`;
    // second-level rollups: from the interactions just rebuilt, and per-tenant windows
    await rebuildStats(tx, organizationId, null);
    await rebuildTaskStats(tx, organizationId, null);
    await tx.$executeRaw`DELETE FROM "FeatureUserWeek" WHERE "organizationId" = ${organizationId}`;
    await tx.$executeRaw`INSERT INTO "FeatureUserWeek" ("organizationId", feature, week, "userId") ${userWeekSelect(org)}`;
    await rebuildWeekUsers(tx, organizationId, Prisma.empty);
    await rebuildWindows(tx, organizationId, null);
    return;
  }
  const fromDay = new Date(Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth(), range.from.getUTCDate()));
  const toDay = new Date(
    Date.UTC(range.to.getUTCFullYear(), range.to.getUTCMonth(), range.to.getUTCDate() + (isMidnight(range.to) ? 0 : 1)),
  );
  const models = range.models;
  const evModel = models ? Prisma.sql`AND e.model = ANY(${models}::text[])` : Prisma.empty;
  const rowModel = models ? Prisma.sql`AND model = ANY(${models}::text[])` : Prisma.empty;
  const xModel = models ? Prisma.sql`AND x.model = ANY(${models}::text[])` : Prisma.empty;
  const inDays = Prisma.sql`${org} AND e."timestamp" >= ${fromDay} AND e."timestamp" < ${toDay}`;
  // model-keyed day rollups: only the models concerned; the minute rollup has no model: whole days
  const dayTables: [RollupTable, Prisma.Sql, Prisma.Sql][] = [
    ["DailyRollup", Prisma.sql`day >= ${fromDay}::date AND day < ${toDay}::date ${rowModel}`, Prisma.sql`${inDays} ${evModel}`],
    ["FeatureModelDailyRollup", Prisma.sql`day >= ${fromDay}::date AND day < ${toDay}::date ${rowModel}`, Prisma.sql`${inDays} ${evModel}`],
    ["TenantDailyRollup", Prisma.sql`day >= ${fromDay}::date AND day < ${toDay}::date ${rowModel}`, Prisma.sql`${inDays} ${evModel}`],
    ["MinuteRollup", Prisma.sql`minute >= ${fromDay} AND minute < ${toDay}`, inDays],
  ];
  for (const [t, cond, where] of dayTables) {
    await tx.$executeRaw`DELETE FROM ${sqlIdent(t)} WHERE "organizationId" = ${organizationId} AND ${cond}`;
    await tx.$executeRaw(insertAggregateSql(t, where));
  }
  // interactions and tasks touched by the range, recomputed over all their events
  const touched = Prisma.sql`SELECT DISTINCT x.feature, COALESCE(x."sessionId", 'event:' || x."eventId") FROM "CostEvent" x
    WHERE x."organizationId" = ${organizationId} AND x."timestamp" >= ${range.from} AND x."timestamp" < ${range.to} ${xModel}`;
  const statDays = (rows: { day: string; feature: string }[]) => rows.map((r) => `${r.day}|${r.feature}`);
  const touchedDays = () => tx.$queryRaw<{ day: string; feature: string }[]>`
    SELECT DISTINCT to_char(r.day, 'YYYY-MM-DD') AS day, r.feature FROM "InteractionRollup" r
    WHERE r."organizationId" = ${organizationId} AND (r.feature, r."interactionKey") IN (${touched})`;
  const before = statDays(await touchedDays());
  await tx.$executeRaw`DELETE FROM "InteractionRollup" r WHERE r."organizationId" = ${organizationId} AND (r.feature, r."interactionKey") IN (${touched})`;
  await tx.$executeRaw(
    insertAggregateSql(
      "InteractionRollup",
      Prisma.sql`${org} AND (e.feature, COALESCE(e."sessionId", 'event:' || e."eventId")) IN (${touched})`,
    ),
  );
  // the stats of every (day, feature) those interactions left or joined (bounded: days × features)
  const pairs = [...new Set([...before, ...statDays(await touchedDays())])].map((k) => ({ day: k.slice(0, 10), feature: k.slice(11) }));
  await rebuildStats(tx, organizationId, pairs);
  // active users of the weeks the range touches
  const weeks = Prisma.sql`week >= date_trunc('week', ${fromDay}::date)::date AND week <= date_trunc('week', ${toDay}::date)::date`;
  await tx.$executeRaw`DELETE FROM "FeatureUserWeek" WHERE "organizationId" = ${organizationId} AND ${weeks}`;
  await tx.$executeRaw`INSERT INTO "FeatureUserWeek" ("organizationId", feature, week, "userId")
    ${userWeekSelect(Prisma.sql`${org} AND e."timestamp" >= date_trunc('week', ${fromDay}::date) AND e."timestamp" < date_trunc('week', ${toDay}::date) + interval '7 days'`)}`;
  await rebuildWeekUsers(tx, organizationId, Prisma.sql`AND ${weeks}`);
  // freemium windows of the tenants with events in the range (a restatement moves their cost)
  await rebuildWindows(
    tx,
    organizationId,
    Prisma.sql`SELECT DISTINCT x."tenantId" FROM "CostEvent" x
    WHERE x."organizationId" = ${organizationId} AND x."tenantId" IS NOT NULL AND x."timestamp" >= ${range.from} AND x."timestamp" < ${range.to} ${xModel}`,
  );
  const touchedTasks = Prisma.sql`SELECT DISTINCT x."taskId" FROM "CostEvent" x
    WHERE x."organizationId" = ${organizationId} AND x."taskId" IS NOT NULL AND x."timestamp" >= ${range.from} AND x."timestamp" < ${range.to} ${xModel}`;
  const taskDays = () => tx.$queryRaw<{ day: string }[]>`SELECT DISTINCT to_char(r."firstAt", 'YYYY-MM-DD') AS day FROM "TaskRollup" r
    WHERE r."organizationId" = ${organizationId} AND r."taskId" IN (${touchedTasks})`;
  const daysBefore = (await taskDays()).map((r) => r.day);
  await tx.$executeRaw`DELETE FROM "TaskRollup" r WHERE r."organizationId" = ${organizationId} AND r."taskId" IN (${touchedTasks})`;
  await tx.$executeRaw(insertAggregateSql("TaskRollup", Prisma.sql`${org} AND e."taskId" IN (${touchedTasks})`));
  await rebuildTaskStats(tx, organizationId, [...new Set([...daysBefore, ...(await taskDays()).map((r) => r.day)])]);
}

/**
 * The full rebuild when raw events are complete only from `from` (a month start; decision 015):
 * rollups of earlier days are the only record of the dropped events and are kept untouched.
 * - Day- and minute-keyed rollups: replaced for days >= `from`.
 * - Interactions and tasks: those that began at or after `from` are recomputed from their
 *   events; those that began before it are LEFT AS THEY ARE, even when they have events after
 *   `from` (their earlier events are gone, so a recomputation would shrink them; ingestion
 *   already counted the later events into them).
 * - Freemium windows: recomputed for tenants whose first event is at or after `from`; earlier
 *   tenants keep theirs. Tenant first/last event only move outwards.
 * - Active users: weeks starting at or after `from` are replaced; the week that straddles it
 *   only gains users. Second-level rollups (stats, week users) are rebuilt from the kept rows.
 */
async function rebuildSince(tx: Tx, organizationId: string, from: Date): Promise<void> {
  const org = Prisma.sql`e."organizationId" = ${organizationId}`;
  const kept = Prisma.sql`${org} AND e."timestamp" >= ${from}`;
  const dayTables: [RollupTable, Prisma.Sql][] = [
    ["DailyRollup", Prisma.sql`day >= ${from}::date`],
    ["FeatureModelDailyRollup", Prisma.sql`day >= ${from}::date`],
    ["TenantDailyRollup", Prisma.sql`day >= ${from}::date`],
    ["MinuteRollup", Prisma.sql`minute >= ${from}`],
  ];
  for (const [t, cond] of dayTables) {
    await tx.$executeRaw`DELETE FROM ${sqlIdent(t)} WHERE "organizationId" = ${organizationId} AND ${cond}`;
    await tx.$executeRaw(insertAggregateSql(t, kept));
  }
  await tx.$executeRaw`INSERT INTO "Feature" (id, "organizationId", name)
    SELECT gen_random_uuid()::text, ${organizationId}, feature FROM (SELECT DISTINCT feature FROM "DailyRollup" WHERE "organizationId" = ${organizationId} AND day >= ${from}::date) f
    ON CONFLICT ("organizationId", name) DO NOTHING`;
  await tx.$executeRaw`INSERT INTO "Team" (id, "organizationId", name)
    SELECT gen_random_uuid()::text, ${organizationId}, team FROM (SELECT DISTINCT team FROM "DailyRollup" WHERE "organizationId" = ${organizationId} AND day >= ${from}::date) t
    ON CONFLICT ("organizationId", name) DO NOTHING`;
  await tx.$executeRaw`INSERT INTO "Tenant" AS x ("organizationId", "externalId", tier, "firstEventAt", "lastEventAt")
    SELECT ${organizationId}, e."tenantId", (array_agg(e."tenantTier" ORDER BY e."timestamp" DESC) FILTER (WHERE e."tenantTier" IS NOT NULL))[1],
      min(e."timestamp"), max(e."timestamp")
    FROM "CostEvent" e WHERE ${kept} AND e."tenantId" IS NOT NULL GROUP BY e."tenantId"
    ON CONFLICT ("organizationId", "externalId") DO UPDATE SET tier = COALESCE(EXCLUDED.tier, x.tier),
      "firstEventAt" = LEAST(x."firstEventAt", EXCLUDED."firstEventAt"), "lastEventAt" = GREATEST(x."lastEventAt", EXCLUDED."lastEventAt")`;
  // interactions / tasks that began at or after `from`: deleted, then recomputed (beganSinceWhere)
  await tx.$executeRaw`DELETE FROM "InteractionRollup" WHERE "organizationId" = ${organizationId} AND "firstAt" >= ${from}`;
  await tx.$executeRaw(insertAggregateSql("InteractionRollup", beganSinceWhere("InteractionRollup", organizationId, from)));
  await tx.$executeRaw`DELETE FROM "TaskRollup" WHERE "organizationId" = ${organizationId} AND "firstAt" >= ${from}`;
  await tx.$executeRaw(insertAggregateSql("TaskRollup", beganSinceWhere("TaskRollup", organizationId, from)));
  await rebuildStats(tx, organizationId, null);
  await rebuildTaskStats(tx, organizationId, null);
  await tx.$executeRaw`DELETE FROM "FeatureUserWeek" WHERE "organizationId" = ${organizationId} AND week >= ${from}::date`;
  await tx.$executeRaw`INSERT INTO "FeatureUserWeek" ("organizationId", feature, week, "userId") ${userWeekSelect(kept)}
    ON CONFLICT ("organizationId", feature, week, "userId") DO NOTHING`;
  await rebuildWeekUsers(tx, organizationId, Prisma.empty);
  await rebuildWindows(
    tx,
    organizationId,
    Prisma.sql`SELECT t."externalId" FROM "Tenant" t WHERE t."organizationId" = ${organizationId} AND t."firstEventAt" >= ${from}`,
  );
  // the Tenant upsert above moved tiers and first/last events without deltas: regroup (the
  // parts under the latest tier; a new windowVersion where that moved them, decision 054)
  await tx.$executeRaw`UPDATE "Tenant" SET "windowTier" = COALESCE(tier, ''), "windowVersion" = "windowVersion" + 1
    WHERE "organizationId" = ${organizationId} AND "windowTier" <> COALESCE(tier, '')`;
  for (const q of [
    ...rebuildTenantCohortSql(organizationId),
    ...rebuildTenantPartSql(organizationId),
    ...rebuildRankSql(organizationId, Prisma.empty),
  ])
    await tx.$executeRaw(q);
}

async function rebuildWeekUsers(tx: Tx, organizationId: string, and: Prisma.Sql) {
  await tx.$executeRaw`DELETE FROM "FeatureWeekRollup" WHERE "organizationId" = ${organizationId} ${and}`;
  await tx.$executeRaw`INSERT INTO "FeatureWeekRollup" ("organizationId", feature, week, users)
    SELECT "organizationId", feature, week, count(*)::int FROM "FeatureUserWeek" WHERE "organizationId" = ${organizationId} ${and}
    GROUP BY 1, 2, 3`;
}

function isMidnight(d: Date): boolean {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
}
