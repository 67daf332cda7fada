import "server-only";
import { Prisma } from "../db";

/**
 * ONE definition per event rollup: its key expressions and, per value column, the aggregate
 * over a set of events and the rule that merges two aggregates. From it come both
 *  - the incremental SQL ingestion runs over the batch's inserted rows (`ingestRollupSql`:
 *    aggregate the batch, INSERT … ON CONFLICT DO UPDATE with the merge rules), and
 *  - the reference recomputation over `"CostEvent" e WHERE <where>` (`aggregateSql`) that
 *    `rollups rebuild` writes and `rollups verify` compares with.
 * Expressions name event columns unqualified: they read the same in both.
 * (Second-level rollups — InteractionStats, TaskStats, windows, weekly users — are defined in
 * read-rollups-sql.ts over these.)
 */
export type RollupTable = "DailyRollup" | "InteractionRollup" | "TenantDailyRollup" | "TaskRollup" | "MinuteRollup";

export const ROLLUP_TABLES: RollupTable[] = ["DailyRollup", "InteractionRollup", "TenantDailyRollup", "TaskRollup", "MinuteRollup"];

/** sum: added; greatest/least; first/last: the value of the aggregate with the earlier firstAt / later-or-equal lastAt. */
type Merge = "sum" | "greatest" | "least" | "first" | "last";
type RollupDef = { keys: [string, string][]; values: [string, string, Merge][]; filter?: string };

const FIRST = (x: string) => `(array_agg(${x} ORDER BY "timestamp", "eventId"))[1]`;

export const ROLLUPS: Record<RollupTable, RollupDef> = {
  DailyRollup: {
    keys: [
      ["day", `"timestamp"::date`],
      ["feature", "feature"],
      ["team", "team"],
      ["tier", `COALESCE("tenantTier", '')`],
      ["model", "model"],
      ["environment", "environment"],
    ],
    values: [
      ["provider", `max(COALESCE(provider, ''))`, "greatest"],
      ["events", `count(*)::int`, "sum"],
      ["inputTokens", `sum("inputTokens")::bigint`, "sum"],
      ["outputTokens", `sum("outputTokens")::bigint`, "sum"],
      ["cachedInputTokens", `sum("cachedInputTokens")::bigint`, "sum"],
      ["cacheWriteTokens", `sum("cacheWriteTokens")::bigint`, "sum"],
      ["reasoningTokens", `sum("reasoningTokens")::bigint`, "sum"],
      ["groundingTokens", `sum("groundingTokens")::bigint`, "sum"],
      ["wastedTokens", `sum("wastedTokens")::bigint`, "sum"],
      ["deliveredOutputTokens", `COALESCE(sum("deliveredOutputTokens"), 0)::bigint`, "sum"],
      ["streamedOutputTokens", `COALESCE(sum("outputTokens") FILTER (WHERE "deliveredOutputTokens" IS NOT NULL), 0)::bigint`, "sum"],
      ["abortedEvents", `(count(*) FILTER (WHERE aborted))::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
      ["catalogCostUsd", `COALESCE(sum("catalogCostUsd"), 0)`, "sum"],
      ["successes", `(count(*) FILTER (WHERE outcome = 'success'))::int`, "sum"],
      ["failures", `(count(*) FILTER (WHERE outcome = 'failure'))::int`, "sum"],
      ["correctTrue", `(count(*) FILTER (WHERE correct))::int`, "sum"],
      ["correctSet", `(count(*) FILTER (WHERE correct IS NOT NULL))::int`, "sum"],
      ["unpricedEvents", `(count(*) FILTER (WHERE unpriced))::int`, "sum"],
      ["latencyMsSum", `COALESCE(sum("latencyMs"), 0)::bigint`, "sum"],
      ["latencyCount", `count("latencyMs")::int`, "sum"],
      ["delayMsSum", `sum(round(extract(epoch FROM ("receivedAt" - "timestamp")) * 1000))::bigint`, "sum"],
    ],
  },
  InteractionRollup: {
    keys: [
      ["feature", "feature"],
      ["interactionKey", `COALESCE("sessionId", 'event:' || "eventId")`],
    ],
    values: [
      ["team", FIRST("team"), "first"],
      ["tier", FIRST(`COALESCE("tenantTier", '')`), "first"],
      ["environment", FIRST("environment"), "first"],
      ["model", FIRST("model"), "first"],
      ["tenantId", FIRST(`"tenantId"`), "first"],
      ["userId", FIRST(`"userId"`), "first"],
      ["firstAt", `min("timestamp")`, "least"],
      ["lastAt", `max("timestamp")`, "greatest"],
      ["day", `min("timestamp")::date`, "first"],
      ["events", `count(*)::int`, "sum"],
      ["inputTokens", `sum("inputTokens")::bigint`, "sum"],
      ["outputTokens", `sum("outputTokens")::bigint`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
    ],
  },
  TenantDailyRollup: {
    keys: [
      ["tenantId", `"tenantId"`],
      ["day", `"timestamp"::date`],
      ["model", "model"],
      ["feature", "feature"],
    ],
    values: [
      ["tier", `max(COALESCE("tenantTier", ''))`, "greatest"],
      ["events", `count(*)::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
    ],
    filter: `"tenantId" IS NOT NULL`,
  },
  TaskRollup: {
    keys: [["taskId", `"taskId"`]],
    values: [
      ["feature", FIRST("feature"), "first"],
      ["team", FIRST("team"), "first"],
      ["firstAt", `min("timestamp")`, "least"],
      ["lastAt", `max("timestamp")`, "greatest"],
      ["lastOutcome", `(array_agg(outcome ORDER BY "timestamp" DESC, "eventId" DESC))[1]`, "last"],
      ["events", `count(*)::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
    ],
    filter: `"taskId" IS NOT NULL`,
  },
  MinuteRollup: {
    keys: [
      ["feature", "feature"],
      ["minute", `date_trunc('minute', "timestamp")`],
    ],
    values: [
      ["events", `count(*)::int`, "sum"],
      ["costUsd", `sum("costUsd")`, "sum"],
    ],
  },
};

export const KEYS = Object.fromEntries(ROLLUP_TABLES.map((t) => [t, ["organizationId", ...ROLLUPS[t].keys.map(([k]) => k)]])) as Record<
  RollupTable,
  string[]
>;
export const VALUES = Object.fromEntries(ROLLUP_TABLES.map((t) => [t, ROLLUPS[t].values.map(([v]) => v)])) as Record<RollupTable, string[]>;

const ident = (cols: string[], prefix = "") => Prisma.raw(cols.map((c) => `${prefix}"${c}"`).join(", "));

function mergeSql(table: string, col: string, rule: Merge): string {
  const t = `"${table}"."${col}"`,
    x = `EXCLUDED."${col}"`;
  switch (rule) {
    case "sum":
      return `${t} + ${x}`;
    case "greatest":
      return `GREATEST(${t}, ${x})`;
    case "least":
      return `LEAST(${t}, ${x})`;
    case "first":
      return `CASE WHEN EXCLUDED."firstAt" < "${table}"."firstAt" THEN ${x} ELSE ${t} END`;
    case "last":
      return `CASE WHEN EXCLUDED."lastAt" >= "${table}"."lastAt" THEN ${x} ELSE ${t} END`;
  }
}

/** The reference: the rollup's rows recomputed from `"CostEvent" e WHERE <where>`. */
export function aggregateSql(table: RollupTable, where: Prisma.Sql): Prisma.Sql {
  const d = ROLLUPS[table];
  const cols = [`e."organizationId"`, ...d.keys.map(([k, x]) => `${x} AS "${k}"`), ...d.values.map(([v, x]) => `${x} AS "${v}"`)].join(
    ",\n  ",
  );
  const group = [`e."organizationId"`, ...d.keys.map(([, x]) => x)].join(", ");
  return Prisma.sql`SELECT ${Prisma.raw(cols)}
FROM "CostEvent" e WHERE ${where}${Prisma.raw(d.filter ? ` AND ${d.filter}` : "")}
GROUP BY ${Prisma.raw(group)}`;
}

/**
 * The incremental form, as a CTE body: the batch's rows (`FROM <source>`, the ingest statement's
 * inserted events) aggregated and merged into the stored rollup, in key order (concurrent
 * batches lock rows in the same order). `extraSet`/`returning` let a second-level rollup see
 * the row's previous and new state.
 */
export function ingestRollupSql(
  table: RollupTable,
  organizationId: string,
  source: string,
  opts: { extraSet?: string; returning?: string } = {},
): Prisma.Sql {
  const d = ROLLUPS[table];
  const cols = [...KEYS[table], ...VALUES[table]].map((c) => `"${c}"`).join(", ");
  const exprs = [...d.keys.map(([, x]) => x), ...d.values.map(([, x]) => x)].join(",\n    ");
  const order = d.keys.map((_, i) => String(i + 2)).join(", ");
  const sets = d.values.map(([v, , m]) => `"${v}" = ${mergeSql(table, v, m)}`);
  if (opts.extraSet) sets.push(opts.extraSet);
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(cols)})
  SELECT ${organizationId}, ${Prisma.raw(exprs)}
  FROM ${Prisma.raw(source)}${Prisma.raw(d.filter ? ` WHERE ${d.filter}` : "")}
  GROUP BY ${Prisma.raw(d.keys.map(([, x]) => x).join(", "))} ORDER BY ${Prisma.raw(order)}
  ON CONFLICT (${ident(KEYS[table])}) DO UPDATE SET
    ${Prisma.raw(sets.join(",\n    "))}${Prisma.raw(opts.returning ? `\n  RETURNING ${opts.returning}` : "")}`;
}

/** INSERT INTO <table> (cols) SELECT cols FROM (<aggregate>) — for rebuilds. */
export function insertAggregateSql(table: RollupTable, where: Prisma.Sql): Prisma.Sql {
  const cols = [...KEYS[table], ...VALUES[table]];
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${ident(cols)}) SELECT ${ident(cols, "a.")} FROM (${aggregateSql(table, where)}) a`;
}

/** Rows where the stored rollup differs from the recomputation (missing, extra or different), at most `limit`. */
export function diffSql(table: RollupTable, organizationId: string, limit: number, from: Date | null = null): Prisma.Sql {
  const reference = aggregateSql(table, Prisma.sql`e."organizationId" = ${organizationId}`);
  const stored = Prisma.sql`SELECT * FROM ${Prisma.raw(`"${table}"`)} WHERE "organizationId" = ${organizationId}`;
  if (!from) return diffRowsSql(table, KEYS[table], VALUES[table], reference, stored, limit);
  const col = SINCE_COLUMN[table];
  const since =
    table === "InteractionRollup" || table === "TaskRollup"
      ? aggregateSql(table, beganSinceWhere(table, organizationId, from))
      : sinceSql(reference, col, from);
  return diffRowsSql(table, KEYS[table], VALUES[table], since, sinceSql(stored, col, from), limit);
}

/**
 * Which raw events make up the interactions (or tasks) that began at or after `from` when raw
 * events are complete only from then (retention): those with an event since `from`, except the
 * ones a stored row says began before it (their earlier events are gone; their rows are kept).
 * Used by the rebuild after deleting the rows that began since `from`, and by verify.
 */
export function beganSinceWhere(table: "InteractionRollup" | "TaskRollup", organizationId: string, from: Date): Prisma.Sql {
  if (table === "TaskRollup") {
    return Prisma.sql`e."organizationId" = ${organizationId} AND e."taskId" IN (
      SELECT x."taskId" FROM "CostEvent" x WHERE x."organizationId" = ${organizationId} AND x."timestamp" >= ${from} AND x."taskId" IS NOT NULL
      EXCEPT SELECT r."taskId" FROM "TaskRollup" r WHERE r."organizationId" = ${organizationId} AND r."firstAt" < ${from})`;
  }
  return Prisma.sql`e."organizationId" = ${organizationId} AND (e.feature, COALESCE(e."sessionId", 'event:' || e."eventId")) IN (
    SELECT x.feature, COALESCE(x."sessionId", 'event:' || x."eventId") FROM "CostEvent" x WHERE x."organizationId" = ${organizationId} AND x."timestamp" >= ${from}
    EXCEPT SELECT r.feature, r."interactionKey" FROM "InteractionRollup" r WHERE r."organizationId" = ${organizationId} AND r."firstAt" < ${from})`;
}

/** Which column dates a rollup row, for checks limited to raw events complete from a date. */
const SINCE_COLUMN: Record<RollupTable, string> = {
  DailyRollup: "day",
  TenantDailyRollup: "day",
  MinuteRollup: "minute",
  InteractionRollup: "firstAt",
  TaskRollup: "firstAt",
};

/** The rows of `rows` whose `col` is at or after `from` (a column name from this module, never input). */
export function sinceSql(rows: Prisma.Sql, col: string, from: Date): Prisma.Sql {
  return Prisma.sql`SELECT * FROM (${rows}) q WHERE q.${Prisma.raw(`"${col}"`)} >= ${from}`;
}

/**
 * Rows of `reference` and `stored` (both with columns keys + vals) that differ: missing,
 * extra or with different values, at most `limit`, as (table, key, expected, stored) JSON text.
 */
export function diffRowsSql(
  table: string,
  keys: string[],
  vals: string[],
  reference: Prisma.Sql,
  stored: Prisma.Sql,
  limit: number,
): Prisma.Sql {
  const on = Prisma.raw(keys.map((k) => `c."${k}" = s."${k}"`).join(" AND "));
  const keyObj = Prisma.raw(
    keys
      .filter((k) => k !== "organizationId")
      .map((k) => `'${k}', COALESCE(c."${k}", s."${k}")`)
      .join(", "),
  );
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
