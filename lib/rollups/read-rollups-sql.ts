import "server-only";
import { Prisma } from "../db";
import { sinceSql } from "./rollup-sql";

/**
 * The rollups that make every dashboard read flat in the event count (decisions 012, 013).
 * Each one is defined ONCE here as SQL over a source of rows; ingestion feeds it the batch's
 * deltas and merges (ON CONFLICT), `rollups rebuild` feeds it the stored rollups or raw events,
 * and `rollups verify` feeds it the reference recomputation from raw events.
 *
 * InteractionStats: per (grain, day of the interaction's first event, feature, dims) the exact
 * interaction count, total, sum of squares and max cost, and a DDSketch of the cost per
 * interaction (dense log-bucket array from `lo`, plus a zero count). Grains: 0 every dim,
 * 5 none (day × feature), which stores '' in the dims. (Single-dimension grains 1–4 were
 * measured to cost too much ingest time for what they save on filtered reads: decision 014.)
 */
export const GRAINS = [0, 5] as const;
export const STATS_KEY = ["organizationId", "grain", "day", "feature", "team", "tier", "model", "environment"];
export const STATS_VALUES = ["interactions", "costUsd", "costSq", "costMax", "zeros", "lo", "counts"];
const GROUP = `grain, day, feature, team, tier, model, environment`;

/**
 * The InteractionStats rows of the CTEs `statsCtes(src)` (which must precede it in a WITH).
 */
export function statsSelect(org: string): Prisma.Sql {
  return Prisma.sql`
SELECT ${org}::text AS "organizationId", a.grain::smallint AS grain, a.day, a.feature, a.team, a.tier, a.model, a.environment,
  a.interactions, a."costUsd", a."costSq", a."costMax", a.zeros, k.lo, k.counts
FROM (
  SELECT ${Prisma.raw(GROUP)}, sum(sign)::int AS interactions, COALESCE(sum(sign * cost), 0)::numeric(24, 12) AS "costUsd",
    COALESCE(sum(sign * cost * cost), 0)::numeric(60, 24) AS "costSq", max(cost) FILTER (WHERE sign > 0) AS "costMax",
    COALESCE(sum(sign) FILTER (WHERE b IS NULL), 0)::int AS zeros
  FROM sx GROUP BY ${Prisma.raw(GROUP)}
) a LEFT JOIN (
  SELECT ${Prisma.raw(GROUP)}, min(b) AS lo, spendline_sketch_dense(array_agg(b ORDER BY b), array_agg(n ORDER BY b)) AS counts
  FROM sy GROUP BY ${Prisma.raw(GROUP)}
) k USING (${Prisma.raw(GROUP)})`;
}

/**
 * The two CTEs statsSelect reads (`sx`: rows expanded to grains, `sy`: bucket deltas).
 * `src` yields (sign int, day date, feature, team, tier, model, environment, cost numeric):
 * one row per interaction (+1), or ingestion's deltas (+1 new state, −1 previous state).
 */
export function statsCtes(src: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
sx AS (
  SELECT g.grain, s.day, s.feature,
    CASE WHEN g.grain = 0 THEN s.team ELSE '' END AS team,
    CASE WHEN g.grain = 0 THEN s.tier ELSE '' END AS tier,
    CASE WHEN g.grain = 0 THEN s.model ELSE '' END AS model,
    CASE WHEN g.grain = 0 THEN s.environment ELSE '' END AS environment,
    s.sign, s.cost, spendline_sketch_bucket(s.cost) AS b
  FROM (${src}) s CROSS JOIN (VALUES (0), (5)) AS g(grain)
),
sy AS (
  SELECT ${Prisma.raw(GROUP)}, b, sum(sign)::int AS n FROM sx WHERE b IS NOT NULL
  GROUP BY ${Prisma.raw(GROUP)}, b HAVING sum(sign) <> 0
)`;
}

/** How ingestion merges a batch's InteractionStats deltas into the stored rows. */
export const STATS_MERGE = Prisma.raw(`ON CONFLICT ("organizationId", grain, day, feature, team, tier, model, environment) DO UPDATE SET
    interactions = "InteractionStats".interactions + EXCLUDED.interactions,
    "costUsd" = "InteractionStats"."costUsd" + EXCLUDED."costUsd",
    "costSq" = "InteractionStats"."costSq" + EXCLUDED."costSq",
    "costMax" = GREATEST("InteractionStats"."costMax", EXCLUDED."costMax"),
    zeros = "InteractionStats".zeros + EXCLUDED.zeros,
    lo = LEAST("InteractionStats".lo, EXCLUDED.lo),
    counts = spendline_sketch_merge("InteractionStats".lo, "InteractionStats".counts, EXCLUDED.lo, EXCLUDED.counts)`);

export const STATS_COLUMNS = Prisma.raw(
  `"organizationId", grain, day, feature, team, tier, model, environment, interactions, "costUsd", "costSq", "costMax", zeros, lo, counts`,
);

/** Interactions as stats source rows (+1 each), from InteractionRollup-shaped rows `i`. */
export function interactionSource(from: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS sign, i.day, i.feature, i.team, i.tier, i.model, i.environment, i."costUsd" AS cost FROM ${from}`;
}

/** Distinct (feature, ISO week, user) of the events `e` matching `where` (FeatureUserWeek rows). */
export function userWeekSelect(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT DISTINCT e."organizationId", e.feature, date_trunc('week', e."timestamp")::date AS week, e."userId"
    FROM "CostEvent" e WHERE ${where} AND e."userId" IS NOT NULL`;
}

/**
 * Freemium window parts (TenantWindow rows) of the tenants `firsts` yields as ("tenantId",
 * first): their events in [first, first + 30 × 24 h) by feature and model. Uses the
 * (organizationId, tenantId, timestamp) index: bounded by each tenant's own window.
 */
export function windowPartsSelect(org: string, firsts: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
SELECT ${org}::text AS "organizationId", e."tenantId", e.feature, e.model, t.first AS "firstAt", count(*)::int AS events,
  sum(e."inputTokens")::bigint AS "inputTokens", sum(e."outputTokens")::bigint AS "outputTokens", sum(e."costUsd") AS "costUsd"
FROM (${firsts}) t JOIN "CostEvent" e ON e."organizationId" = ${org} AND e."tenantId" = t."tenantId"
  AND e."timestamp" >= t.first AND e."timestamp" < t.first + interval '30 days'
GROUP BY e."tenantId", e.feature, e.model, t.first`;
}

/** Each tenant's first event from raw events (the reference), optionally narrowed. */
export function rawFirsts(org: string, and: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`SELECT x."tenantId", min(x."timestamp") AS first FROM "CostEvent" x
    WHERE x."organizationId" = ${org} AND x."tenantId" IS NOT NULL ${and} GROUP BY x."tenantId"`;
}

/** Each tenant's first event as stored on Tenant (what ingestion keeps), optionally narrowed. */
export function tenantFirsts(org: string, and: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`SELECT x."externalId" AS "tenantId", x."firstEventAt" AS first FROM "Tenant" x WHERE x."organizationId" = ${org} ${and}`;
}

/**
 * `rollups verify` for these rollups: [name, keys, values, reference from raw events, stored].
 * Sketches compare as their canonical text (non-zero buckets); groups left with no
 * interaction (every one moved elsewhere) count as absent.
 */
export function readRollupChecks(
  org: string,
  interactionReference: Prisma.Sql,
  taskReference: Prisma.Sql,
  from: Date | null = null,
): [string, string[], string[], Prisma.Sql, Prisma.Sql][] {
  const checks = readRollupChecksAll(org, interactionReference, taskReference);
  if (!from) return checks;
  // raw events complete only from `from` (retention): check what a rebuild recomputes (decision 015)
  const tenants = Prisma.sql`SELECT t."externalId" FROM "Tenant" t WHERE t."organizationId" = ${org} AND t."firstEventAt" >= ${from}`;
  const since: Record<string, (rows: Prisma.Sql) => Prisma.Sql> = {
    InteractionStats: (rows) => sinceSql(rows, "day", from),
    TaskStats: (rows) => sinceSql(rows, "day", from),
    FeatureUserWeek: (rows) => sinceSql(rows, "week", from),
    FeatureWeekRollup: (rows) => sinceSql(rows, "week", from),
    TenantWindow: (rows) => Prisma.sql`SELECT * FROM (${rows}) q WHERE q."tenantId" IN (${tenants})`,
    "Tenant (freemium window)": (rows) => Prisma.sql`SELECT * FROM (${rows}) q WHERE q."externalId" IN (${tenants})`,
  };
  return checks.map(([name, keys, vals, ref, stored]) => [name, keys, vals, since[name](ref), since[name](stored)]);
}

function readRollupChecksAll(
  org: string,
  interactionReference: Prisma.Sql,
  taskReference: Prisma.Sql,
): [string, string[], string[], Prisma.Sql, Prisma.Sql][] {
  const ev = Prisma.sql`e."organizationId" = ${org}`;
  const statVals = ["interactions", "costUsd", "costSq", "costMax", "zeros", "sketch"];
  const userWeeks = userWeekSelect(ev);
  return [
    [
      "InteractionStats",
      STATS_KEY,
      statVals,
      Prisma.sql`WITH ${statsCtes(interactionSource(Prisma.sql`(${interactionReference}) i`))}
        SELECT z.*, spendline_sketch_text(z.lo, z.counts) AS sketch FROM (${statsSelect(org)}) z`,
      Prisma.sql`SELECT *, spendline_sketch_text(lo, counts) AS sketch FROM "InteractionStats" WHERE "organizationId" = ${org} AND interactions <> 0`,
    ],
    [
      "TaskStats",
      ["organizationId", "day", "feature", "team"],
      ["tasks", "resolved", "costUsd"],
      taskStatsSelect(org, taskSource(Prisma.sql`(${taskReference}) t`)),
      Prisma.sql`SELECT * FROM "TaskStats" WHERE "organizationId" = ${org} AND tasks <> 0`,
    ],
    [
      "FeatureUserWeek",
      ["organizationId", "feature", "week", "userId"],
      [],
      userWeeks,
      Prisma.sql`SELECT * FROM "FeatureUserWeek" WHERE "organizationId" = ${org}`,
    ],
    [
      "FeatureWeekRollup",
      ["organizationId", "feature", "week"],
      ["users"],
      Prisma.sql`SELECT "organizationId", feature, week, count(*)::int AS users FROM (${userWeeks}) u GROUP BY 1, 2, 3`,
      Prisma.sql`SELECT * FROM "FeatureWeekRollup" WHERE "organizationId" = ${org}`,
    ],
    [
      "TenantWindow",
      ["organizationId", "tenantId", "feature", "model"],
      ["firstAt", "events", "inputTokens", "outputTokens", "costUsd"],
      windowPartsSelect(org, rawFirsts(org)),
      Prisma.sql`SELECT * FROM "TenantWindow" WHERE "organizationId" = ${org}`,
    ],
    [
      "Tenant (freemium window)",
      ["organizationId", "externalId"],
      ["windowFirstAt", "windowEvents", "windowCostUsd", "windowStale"],
      Prisma.sql`SELECT "organizationId", "tenantId" AS "externalId", "firstAt" AS "windowFirstAt", sum(events)::int AS "windowEvents",
          sum("costUsd") AS "windowCostUsd", false AS "windowStale"
        FROM (${windowPartsSelect(org, rawFirsts(org))}) w GROUP BY 1, 2, 3`,
      Prisma.sql`SELECT * FROM "Tenant" WHERE "organizationId" = ${org}`,
    ],
  ];
}

/**
 * TaskStats rows from `src` (sign int, day date, feature, team, resolved boolean, cost numeric):
 * one row per task (+1), or ingestion's deltas (+1 new state, −1 the state it replaced).
 */
export function taskStatsSelect(org: string, src: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
SELECT ${org}::text AS "organizationId", t.day, t.feature, t.team, sum(t.sign)::int AS tasks,
  COALESCE(sum(t.sign) FILTER (WHERE t.resolved), 0)::int AS resolved, COALESCE(sum(t.sign * t.cost), 0)::numeric(24, 12) AS "costUsd"
FROM (${src}) t GROUP BY t.day, t.feature, t.team`;
}

export const TASK_STATS_COLUMNS = Prisma.raw(`"organizationId", day, feature, team, tasks, resolved, "costUsd"`);

/** Tasks as TaskStats source rows, from TaskRollup-shaped rows `t`. */
export function taskSource(from: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS sign, t."firstAt"::date AS day, t.feature, t.team, t."lastOutcome" = 'success' AS resolved, t."costUsd" AS cost FROM ${from}`;
}
