import "server-only";
import { Prisma } from "../db";

/**
 * Rollups recomputed from raw events: the reference definition that `rollups verify`
 * compares against and that rebuilds/restatements write. Each aggregate is over
 * `"CostEvent" e WHERE <where>` and names its columns exactly like the rollup table.
 * (The ingest path computes the same figures incrementally: lib/ingestion/ingest-sql.ts.)
 */
export type RollupTable = "DailyRollup" | "InteractionRollup" | "TenantDailyRollup" | "TaskRollup" | "MinuteRollup";

export const ROLLUP_TABLES: RollupTable[] = ["DailyRollup", "InteractionRollup", "TenantDailyRollup", "TaskRollup", "MinuteRollup"];

export const KEYS: Record<RollupTable, string[]> = {
  DailyRollup: ["organizationId", "day", "feature", "team", "tier", "model", "environment"],
  InteractionRollup: ["organizationId", "feature", "interactionKey"],
  TenantDailyRollup: ["organizationId", "tenantId", "day", "model", "feature"],
  TaskRollup: ["organizationId", "taskId"],
  MinuteRollup: ["organizationId", "feature", "minute"],
};

export const VALUES: Record<RollupTable, string[]> = {
  DailyRollup: [
    "provider", "events", "inputTokens", "outputTokens", "cachedInputTokens", "cacheWriteTokens", "reasoningTokens",
    "groundingTokens", "wastedTokens", "deliveredOutputTokens", "streamedOutputTokens", "abortedEvents", "costUsd",
    "catalogCostUsd", "successes", "failures", "correctTrue", "correctSet", "unpricedEvents", "latencyMsSum",
    "latencyCount", "delayMsSum",
  ],
  InteractionRollup: ["team", "tier", "environment", "model", "tenantId", "userId", "firstAt", "lastAt", "day", "events", "inputTokens", "outputTokens", "costUsd"],
  TenantDailyRollup: ["tier", "events", "costUsd"],
  TaskRollup: ["feature", "team", "firstAt", "lastAt", "lastOutcome", "events", "costUsd"],
  MinuteRollup: ["events", "costUsd"],
};

const ident = (cols: string[], prefix = "") => Prisma.raw(cols.map((c) => `${prefix}"${c}"`).join(", "));

export function aggregateSql(table: RollupTable, where: Prisma.Sql): Prisma.Sql {
  switch (table) {
    case "DailyRollup":
      return Prisma.sql`
SELECT e."organizationId", e."timestamp"::date AS day, e.feature, e.team, COALESCE(e."tenantTier", '') AS tier, e.model, e.environment,
  max(COALESCE(e.provider, '')) AS provider, count(*)::int AS events,
  sum(e."inputTokens")::bigint AS "inputTokens", sum(e."outputTokens")::bigint AS "outputTokens",
  sum(e."cachedInputTokens")::bigint AS "cachedInputTokens", sum(e."cacheWriteTokens")::bigint AS "cacheWriteTokens",
  sum(e."reasoningTokens")::bigint AS "reasoningTokens", sum(e."groundingTokens")::bigint AS "groundingTokens",
  sum(e."wastedTokens")::bigint AS "wastedTokens",
  COALESCE(sum(e."deliveredOutputTokens"), 0)::bigint AS "deliveredOutputTokens",
  COALESCE(sum(e."outputTokens") FILTER (WHERE e."deliveredOutputTokens" IS NOT NULL), 0)::bigint AS "streamedOutputTokens",
  (count(*) FILTER (WHERE e.aborted))::int AS "abortedEvents",
  sum(e."costUsd") AS "costUsd", COALESCE(sum(e."catalogCostUsd"), 0) AS "catalogCostUsd",
  (count(*) FILTER (WHERE e.outcome = 'success'))::int AS successes,
  (count(*) FILTER (WHERE e.outcome = 'failure'))::int AS failures,
  (count(*) FILTER (WHERE e.correct))::int AS "correctTrue",
  (count(*) FILTER (WHERE e.correct IS NOT NULL))::int AS "correctSet",
  (count(*) FILTER (WHERE e.unpriced))::int AS "unpricedEvents",
  COALESCE(sum(e."latencyMs"), 0)::bigint AS "latencyMsSum", count(e."latencyMs")::int AS "latencyCount",
  sum(round(extract(epoch FROM (e."receivedAt" - e."timestamp")) * 1000))::bigint AS "delayMsSum"
FROM "CostEvent" e WHERE ${where}
GROUP BY e."organizationId", e."timestamp"::date, e.feature, e.team, COALESCE(e."tenantTier", ''), e.model, e.environment`;
    case "InteractionRollup":
      return Prisma.sql`
SELECT e."organizationId", e.feature, COALESCE(e."sessionId", 'event:' || e."eventId") AS "interactionKey",
  (array_agg(e.team ORDER BY e."timestamp", e."eventId"))[1] AS team,
  (array_agg(COALESCE(e."tenantTier", '') ORDER BY e."timestamp", e."eventId"))[1] AS tier,
  (array_agg(e.environment ORDER BY e."timestamp", e."eventId"))[1] AS environment,
  (array_agg(e.model ORDER BY e."timestamp", e."eventId"))[1] AS model,
  (array_agg(e."tenantId" ORDER BY e."timestamp", e."eventId"))[1] AS "tenantId",
  (array_agg(e."userId" ORDER BY e."timestamp", e."eventId"))[1] AS "userId",
  min(e."timestamp") AS "firstAt", max(e."timestamp") AS "lastAt", min(e."timestamp")::date AS day,
  count(*)::int AS events, sum(e."inputTokens")::bigint AS "inputTokens", sum(e."outputTokens")::bigint AS "outputTokens",
  sum(e."costUsd") AS "costUsd"
FROM "CostEvent" e WHERE ${where}
GROUP BY e."organizationId", e.feature, COALESCE(e."sessionId", 'event:' || e."eventId")`;
    case "TenantDailyRollup":
      return Prisma.sql`
SELECT e."organizationId", e."tenantId", e."timestamp"::date AS day, e.model, e.feature,
  max(COALESCE(e."tenantTier", '')) AS tier, count(*)::int AS events, sum(e."costUsd") AS "costUsd"
FROM "CostEvent" e WHERE ${where} AND e."tenantId" IS NOT NULL
GROUP BY e."organizationId", e."tenantId", e."timestamp"::date, e.model, e.feature`;
    case "TaskRollup":
      return Prisma.sql`
SELECT e."organizationId", e."taskId",
  (array_agg(e.feature ORDER BY e."timestamp", e."eventId"))[1] AS feature,
  (array_agg(e.team ORDER BY e."timestamp", e."eventId"))[1] AS team,
  min(e."timestamp") AS "firstAt", max(e."timestamp") AS "lastAt",
  (array_agg(e.outcome ORDER BY e."timestamp" DESC, e."eventId" DESC))[1] AS "lastOutcome",
  count(*)::int AS events, sum(e."costUsd") AS "costUsd"
FROM "CostEvent" e WHERE ${where} AND e."taskId" IS NOT NULL
GROUP BY e."organizationId", e."taskId"`;
    case "MinuteRollup":
      return Prisma.sql`
SELECT e."organizationId", e.feature, date_trunc('minute', e."timestamp") AS minute,
  count(*)::int AS events, sum(e."costUsd") AS "costUsd"
FROM "CostEvent" e WHERE ${where}
GROUP BY e."organizationId", e.feature, date_trunc('minute', e."timestamp")`;
  }
}

/** INSERT INTO <table> (cols) SELECT cols FROM (<aggregate>) — for rebuilds. */
export function insertAggregateSql(table: RollupTable, where: Prisma.Sql): Prisma.Sql {
  const cols = [...KEYS[table], ...VALUES[table]];
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${ident(cols)}) SELECT ${ident(cols, "a.")} FROM (${aggregateSql(table, where)}) a`;
}

/** Rows where the stored rollup differs from the recomputation (missing, extra or different), at most `limit`. */
export function diffSql(table: RollupTable, organizationId: string, limit: number): Prisma.Sql {
  return diffRowsSql(table, KEYS[table], VALUES[table], aggregateSql(table, Prisma.sql`e."organizationId" = ${organizationId}`),
    Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} WHERE "organizationId" = ${organizationId}`, limit);
}

/**
 * Rows of `reference` and `stored` (both with columns keys + vals) that differ: missing,
 * extra or with different values, at most `limit`, as (table, key, expected, stored) JSON text.
 */
export function diffRowsSql(table: string, keys: string[], vals: string[], reference: Prisma.Sql, stored: Prisma.Sql, limit: number): Prisma.Sql {
  const on = Prisma.raw(keys.map((k) => `c."${k}" = s."${k}"`).join(" AND "));
  const keyObj = Prisma.raw(keys.filter((k) => k !== "organizationId").map((k) => `'${k}', COALESCE(c."${k}", s."${k}")`).join(", "));
  const obj = (alias: string) => Prisma.raw(vals.length ? vals.map((v) => `'${v}', ${alias}."${v}"`).join(", ") : `'present', true`);
  const differs = vals.length ? Prisma.sql`OR ROW(${ident(vals, "c.")}) IS DISTINCT FROM ROW(${ident(vals, "s.")})` : Prisma.empty;
  return Prisma.sql`
SELECT ${table} AS "table", jsonb_build_object(${keyObj})::text AS key,
  CASE WHEN c."organizationId" IS NULL THEN NULL ELSE jsonb_build_object(${obj("c")})::text END AS expected,
  CASE WHEN s."organizationId" IS NULL THEN NULL ELSE jsonb_build_object(${obj("s")})::text END AS stored
FROM (${reference}) c
FULL OUTER JOIN (${stored}) s ON ${on}
WHERE c."organizationId" IS NULL OR s."organizationId" IS NULL ${differs}
LIMIT ${limit}`;
}
