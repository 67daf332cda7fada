import "server-only";
import { Prisma } from "../db";
import { quoteIdent, sqlIdent, sqlIdents } from "../db/ident";
import {
  GRAINS,
  grainsKeeping,
  PREVIOUS,
  previousColumn,
  STATS,
  STATS_DIMS,
  STATS_SOURCE,
  type CapturingTable,
  type StatsTable,
} from "./definition";
import { onConflictMergeSql, sinceSql } from "./rollup-sql";

/**
 * The rollups that make every dashboard read flat in the event count (decisions 012, 013).
 * Each one's SQL is generated ONCE here (from definition.ts) over a source of rows; ingestion feeds it the batch's
 * deltas and merges (ON CONFLICT), `rollups rebuild` feeds it the stored rollups or raw events,
 * and `rollups verify` feeds it the reference recomputation from raw events.
 *
 * InteractionStats: per (grain, day of the interaction's first event, feature, dims) the exact
 * interaction count, total, sum of squares and max cost, and a DDSketch of the cost per
 * interaction (dense log-bucket array from `lo`, plus a zero count). Keys, grains, merge rules
 * and the captured previous state are defined in definition.ts; this file generates the SQL.
 */
export { GRAINS } from "./definition";
export const STATS_KEY = STATS.InteractionStats.keys;
export const STATS_VALUES = STATS.InteractionStats.values.map(([v]) => v);
const GROUP = sqlIdents(["grain", "day", "feature", ...STATS_DIMS]);

/**
 * The InteractionStats rows of the CTEs `statsCtes(src)` (which must precede it in a WITH).
 */
export function statsSelect(org: string): Prisma.Sql {
  return Prisma.sql`
SELECT ${org}::text AS "organizationId", a.grain::smallint AS grain, a.day, a.feature, a.team, a.tier, a.model, a.environment,
  a.interactions, a."costUsd", a."costSq", a."costMax", a.zeros, k.lo, k.counts
FROM (
  SELECT ${GROUP}, sum(sign)::int AS interactions, COALESCE(sum(sign * cost), 0)::numeric(24, 12) AS "costUsd",
    COALESCE(sum(sign * cost * cost), 0)::numeric(60, 24) AS "costSq", max(cost) FILTER (WHERE sign > 0) AS "costMax",
    COALESCE(sum(sign) FILTER (WHERE b IS NULL), 0)::int AS zeros
  FROM sx GROUP BY ${GROUP}
) a LEFT JOIN (
  SELECT ${GROUP}, min(b) AS lo, spendline_sketch_dense(array_agg(b ORDER BY b), array_agg(n ORDER BY b)) AS counts
  FROM sy GROUP BY ${GROUP}
) k USING (${GROUP})`;
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
    ${Prisma.join(
      STATS_DIMS.map(
        (d) => Prisma.sql`CASE WHEN g.grain IN (${grainList(grainsKeeping(d))}) THEN ${sqlIdent(d, "s")} ELSE '' END AS ${sqlIdent(d)}`,
      ),
      ",\n    ",
    )},
    s.sign, s.cost, spendline_sketch_bucket(s.cost) AS b
  FROM (${src}) s CROSS JOIN (VALUES ${Prisma.join(GRAINS.map((g) => Prisma.sql`(${grainList([g])})`))}) AS g(grain)
),
sy AS (
  SELECT ${GROUP}, b, sum(sign)::int AS n FROM sx WHERE b IS NOT NULL
  GROUP BY ${GROUP}, b HAVING sum(sign) <> 0
)`;
}

/** Grain numbers as SQL (they are numbers from the definition). */
function grainList(grains: readonly number[]): Prisma.Sql {
  return Prisma.join(grains.map((g) => Prisma.raw(String(Math.trunc(g)))));
}

/** How ingestion merges a batch's InteractionStats deltas into the stored rows. */
export const STATS_MERGE = onConflictMergeSql("InteractionStats", STATS.InteractionStats.keys, STATS.InteractionStats.values);

const statsColumns = (t: StatsTable) => sqlIdents([...STATS[t].keys, ...STATS[t].values.map(([v]) => v)]);
export const STATS_COLUMNS = statsColumns("InteractionStats");

/** The stats source columns (day, …, cost) of rollup rows, each column read by `c`. */
function sourceColumns(t: StatsTable, c: (col: string) => string): Prisma.Sql {
  return Prisma.join(
    STATS_SOURCE[t].columns(c).map(([name, x]) => Prisma.sql`${Prisma.raw(x)} AS ${sqlIdent(name)}`),
    ", ",
  );
}

/** The ingest statement's CTEs that return a rollup's new and previous state (PREVIOUS). */
export type CaptureCte = "inter" | "task";

/**
 * Stats source rows from the rows a capturing rollup CTE returned: +1 for each new state,
 * −1 for each previous state (rows that existed before the batch).
 */
export function statsDeltaSource(t: StatsTable, cte: CaptureCte): Prisma.Sql {
  const p = PREVIOUS[STATS_SOURCE[t].from];
  const keys: readonly string[] = p.keys;
  const now = (col: string) => quoteIdent(col);
  const before = (col: string) => quoteIdent(keys.includes(col) ? col : previousColumn(col));
  return Prisma.sql`
    SELECT 1 AS sign, ${sourceColumns(t, now)} FROM ${sqlIdent(cte)}
    UNION ALL
    SELECT -1, ${sourceColumns(t, before)} FROM ${sqlIdent(cte)} WHERE ${sqlIdent(previousColumn(p.present))} IS NOT NULL`;
}

/** Second-level rows ordered by key, so that concurrent batches lock them in the same order. */
function keyOrder(t: StatsTable): Prisma.Sql {
  return Prisma.raw(
    STATS[t].keys
      .slice(1)
      .map((_, i) => String(i + 2))
      .join(", "),
  );
}

/**
 * Ingestion's InteractionStats merge, as the CTEs `sx`, `sy` and `stats`: the deltas of the
 * interactions the capturing CTE `cte` returned, merged into the stored rows.
 */
export function ingestStatsCtes(org: string, cte: "inter"): Prisma.Sql {
  return Prisma.sql`${statsCtes(statsDeltaSource("InteractionStats", cte))},
stats AS (
  INSERT INTO "InteractionStats" (${STATS_COLUMNS})
  SELECT * FROM (${statsSelect(org)}) z ORDER BY ${keyOrder("InteractionStats")}
  ${STATS_MERGE}
)`;
}

/** Ingestion's TaskStats merge, as a CTE body: the deltas of the tasks the capturing CTE `cte` returned. */
export function ingestTaskStatsSql(org: string, cte: "task"): Prisma.Sql {
  return Prisma.sql`INSERT INTO "TaskStats" (${TASK_STATS_COLUMNS})
  SELECT * FROM (${taskStatsSelect(org, statsDeltaSource("TaskStats", cte))}) z
  ORDER BY ${keyOrder("TaskStats")}
  ${onConflictMergeSql("TaskStats", STATS.TaskStats.keys, STATS.TaskStats.values)}`;
}

/**
 * The (day, feature) InteractionStats groups that interactions moved out of in this batch
 * (their previous grouping differs from the new one), as a jsonb array or null: their max
 * cannot be merged in the statement and is repaired after the commit.
 */
export function movedGroupsSql(cte: "inter"): Prisma.Sql {
  const t: CapturingTable = "InteractionRollup";
  const group = ["day", ...STATS_DIMS];
  return Prisma.sql`(SELECT jsonb_agg(DISTINCT jsonb_build_object('day', to_char("prevDay", 'YYYY-MM-DD'), 'feature', feature)) FROM ${sqlIdent(cte)}
               WHERE ${sqlIdent(previousColumn(PREVIOUS[t].present))} IS NOT NULL AND (${sqlIdents(group.map(previousColumn))})
                 IS DISTINCT FROM (${sqlIdents(group)}))`;
}

/** Interactions as stats source rows (+1 each), from InteractionRollup-shaped rows `i`. */
export function interactionSource(from: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS sign, ${sourceColumns("InteractionStats", (col) => quoteIdent("i") + "." + quoteIdent(col))} FROM ${from}`;
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
  // the sketch compares as its canonical text, not as (lo, counts)
  const statVals = [...STATS_VALUES.filter((v) => v !== "lo" && v !== "counts"), "sketch"];
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
      STATS.TaskStats.keys,
      STATS.TaskStats.values.map(([v]) => v),
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

export const TASK_STATS_COLUMNS = statsColumns("TaskStats");

/** Tasks as TaskStats source rows, from TaskRollup-shaped rows `t`. */
export function taskSource(from: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS sign, ${sourceColumns("TaskStats", (col) => quoteIdent("t") + "." + quoteIdent(col))} FROM ${from}`;
}
