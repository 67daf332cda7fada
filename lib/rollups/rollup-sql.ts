import "server-only";
import { Prisma } from "../db";
import { sqlIdent, sqlIdents } from "../db/ident";
import {
  KEYS,
  PREVIOUS,
  previousColumn,
  ROLLUPS,
  SINCE_COLUMN,
  VALUES,
  type CapturingTable,
  type Merge,
  type RollupTable,
} from "./definition";

export { ROLLUP_TABLES, type RollupTable } from "./definition";

/**
 * The SQL of the event rollups, generated from their one definition (definition.ts):
 *  - the incremental form ingestion runs over the batch's inserted rows (`ingestRollupSql`:
 *    aggregate the batch, INSERT … ON CONFLICT DO UPDATE with the merge rules), and
 *  - the reference recomputation over `"CostEvent" e WHERE <where>` (`aggregateSql`) that
 *    `rollups rebuild` writes and `rollups verify` compares with.
 * (Second-level rollups — InteractionStats, TaskStats, windows, weekly users — are in
 * read-rollups-sql.ts over these.) Identifiers are spliced only through quoteIdent.
 */

/** How `col` of the stored row (`table`) and of the incoming aggregate (EXCLUDED) merge. */
export function mergeSql(table: string, col: string, rule: Merge): Prisma.Sql {
  const t = sqlIdent(col, table),
    x = Prisma.sql`EXCLUDED.${sqlIdent(col)}`;
  switch (rule) {
    case "sum":
      return Prisma.sql`${t} + ${x}`;
    case "greatest":
      return Prisma.sql`GREATEST(${t}, ${x})`;
    case "least":
      return Prisma.sql`LEAST(${t}, ${x})`;
    case "first":
      return Prisma.sql`CASE WHEN EXCLUDED."firstAt" < ${sqlIdent("firstAt", table)} THEN ${x} ELSE ${t} END`;
    case "last":
      return Prisma.sql`CASE WHEN EXCLUDED."lastAt" >= ${sqlIdent("lastAt", table)} THEN ${x} ELSE ${t} END`;
    case "sketch":
      // col is the bucket-count array; its first bucket index is `lo` beside it
      return Prisma.sql`spendline_sketch_merge(${sqlIdent("lo", table)}, ${t}, EXCLUDED.lo, ${x})`;
  }
}

/** `ON CONFLICT (keys) DO UPDATE SET col = <merge>, …` for `table`. */
export function onConflictMergeSql(table: string, keys: readonly string[], values: readonly (readonly [string, Merge])[]): Prisma.Sql {
  const sets = values.map(([v, m]) => Prisma.sql`${sqlIdent(v)} = ${mergeSql(table, v, m)}`);
  return Prisma.sql`ON CONFLICT (${sqlIdents(keys)}) DO UPDATE SET
    ${Prisma.join(sets, ",\n    ")}`;
}

/** The reference: the rollup's rows recomputed from `"CostEvent" e WHERE <where>`. */
export function aggregateSql(table: RollupTable, where: Prisma.Sql): Prisma.Sql {
  const d = ROLLUPS[table];
  const cols = [
    Prisma.sql`e."organizationId"`,
    ...[...d.keys, ...d.values].map(([k, x]) => Prisma.sql`${Prisma.raw(x)} AS ${sqlIdent(k)}`),
  ];
  const group = Prisma.raw(['e."organizationId"', ...d.keys.map(([, x]) => x)].join(", "));
  const filter = d.filter ? Prisma.sql` AND ${Prisma.raw(d.filter)}` : Prisma.empty;
  return Prisma.sql`SELECT ${Prisma.join(cols, ",\n  ")}
FROM "CostEvent" e WHERE ${where}${filter}
GROUP BY ${group}`;
}

/** The ingest statement's CTE of the rows it inserted (what the rollups aggregate). */
export type BatchCte = "ins";

/**
 * The incremental form, as a CTE body: the batch's rows (`FROM <source>`, the ingest statement's
 * inserted events) aggregated and merged into the stored rollup, in key order (concurrent
 * batches lock rows in the same order). With `capture` (tables in PREVIOUS), the row's state
 * before the merge is kept in its "prev…" columns and returned with the new state, for the
 * second-level rollups (`statsDeltaSource`).
 */
export function ingestRollupSql(
  table: RollupTable,
  organizationId: string,
  source: BatchCte,
  opts: { capture?: boolean } = {},
): Prisma.Sql {
  const d = ROLLUPS[table];
  const exprs = Prisma.raw([...d.keys.map(([, x]) => x), ...d.values.map(([, x]) => x)].join(",\n    "));
  const order = Prisma.raw(d.keys.map((_, i) => String(i + 2)).join(", "));
  const filter = d.filter ? Prisma.sql` WHERE ${Prisma.raw(d.filter)}` : Prisma.empty;
  const merge = onConflictMergeSql(
    table,
    KEYS[table],
    d.values.map(([v, , m]) => [v, m] as const),
  );
  let capture = Prisma.empty;
  if (opts.capture) {
    if (!(table in PREVIOUS)) throw new Error(`${table} captures no previous state`);
    const p = PREVIOUS[table as CapturingTable];
    const prev = p.state.map((c) => Prisma.sql`${sqlIdent(previousColumn(c))} = ${sqlIdent(c, table)}`);
    capture = Prisma.sql`,
    ${Prisma.join(prev, ", ")}
  RETURNING ${sqlIdents([...p.keys, ...p.state, ...p.state.map(previousColumn)])}`;
  }
  return Prisma.sql`INSERT INTO ${sqlIdent(table)} (${sqlIdents([...KEYS[table], ...VALUES[table]])})
  SELECT ${organizationId}, ${exprs}
  FROM ${sqlIdent(source)}${filter}
  GROUP BY ${Prisma.raw(d.keys.map(([, x]) => x).join(", "))} ORDER BY ${order}
  ${merge}${capture}`;
}

/** INSERT INTO <table> (cols) SELECT cols FROM (<aggregate>) — for rebuilds. */
export function insertAggregateSql(table: RollupTable, where: Prisma.Sql): Prisma.Sql {
  const cols = [...KEYS[table], ...VALUES[table]];
  return Prisma.sql`INSERT INTO ${sqlIdent(table)} (${sqlIdents(cols)}) SELECT ${sqlIdents(cols, "a")} FROM (${aggregateSql(table, where)}) a`;
}

/** Rows where the stored rollup differs from the recomputation (missing, extra or different), at most `limit`. */
export function diffSql(table: RollupTable, organizationId: string, limit: number, from: Date | null = null): Prisma.Sql {
  const reference = aggregateSql(table, Prisma.sql`e."organizationId" = ${organizationId}`);
  const stored = Prisma.sql`SELECT * FROM ${sqlIdent(table)} WHERE "organizationId" = ${organizationId}`;
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

/** A column that dates rollup rows (for checks limited to raw events complete from a date). */
export type DatingColumn = "day" | "minute" | "firstAt" | "week";

/** The rows of `rows` whose `col` is at or after `from`. */
export function sinceSql(rows: Prisma.Sql, col: DatingColumn, from: Date): Prisma.Sql {
  return Prisma.sql`SELECT * FROM (${rows}) q WHERE ${sqlIdent(col, "q")} >= ${from}`;
}

/**
 * Rows of `reference` and `stored` (both with columns keys + vals) that differ: missing,
 * extra or with different values, at most `limit`, as (table, key, expected, stored) JSON text.
 * `keys` and `vals` are column names of the rollup definitions (checked by quoteIdent).
 */
export function diffRowsSql(
  table: string,
  keys: readonly string[],
  vals: readonly string[],
  reference: Prisma.Sql,
  stored: Prisma.Sql,
  limit: number,
): Prisma.Sql {
  const on = Prisma.join(
    keys.map((k) => Prisma.sql`${sqlIdent(k, "c")} = ${sqlIdent(k, "s")}`),
    " AND ",
  );
  // a column name as a JSON key: a parameter, like any other value
  const label = (k: string) => Prisma.sql`${k}::text`;
  const keyObj = Prisma.join(
    keys.filter((k) => k !== "organizationId").map((k) => Prisma.sql`${label(k)}, COALESCE(${sqlIdent(k, "c")}, ${sqlIdent(k, "s")})`),
    ", ",
  );
  const obj = (alias: "c" | "s") =>
    vals.length
      ? Prisma.join(
          vals.map((v) => Prisma.sql`${label(v)}, ${sqlIdent(v, alias)}`),
          ", ",
        )
      : Prisma.sql`'present', true`;
  const differs = vals.length ? Prisma.sql`OR ROW(${sqlIdents(vals, "c")}) IS DISTINCT FROM ROW(${sqlIdents(vals, "s")})` : Prisma.empty;
  return Prisma.sql`
SELECT ${table} AS "table", jsonb_build_object(${keyObj})::text AS key,
  CASE WHEN c."organizationId" IS NULL THEN NULL ELSE jsonb_build_object(${obj("c")})::text END AS expected,
  CASE WHEN s."organizationId" IS NULL THEN NULL ELSE jsonb_build_object(${obj("s")})::text END AS stored
FROM (${reference}) c
FULL OUTER JOIN (${stored}) s ON ${on}
WHERE c."organizationId" IS NULL OR s."organizationId" IS NULL ${differs}
LIMIT ${limit}`;
}
