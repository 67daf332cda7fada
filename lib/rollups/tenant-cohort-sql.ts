import "server-only";
import { Prisma } from "../db";
import { quoteIdent, sqlIdent, sqlIdents } from "../db/ident";
import { previousColumn, TENANT_COHORT } from "./definition";

/**
 * TenantCohortDay's SQL, generated from its definition (definition.ts, TENANT_COHORT):
 * the signed contributions of Tenant rows, merged (ingestion, repair) or grouped (rebuild,
 * verify). A row whose sums all return to 0 stays (verify ignores such rows).
 */
const COLS = [...TENANT_COHORT.keys, ...TENANT_COHORT.values];

/** `alias."col"` as SQL text (both checked identifiers): how the contribution expressions read a column. */
const column = (alias: string) => (col: string) => quoteIdent(alias) + "." + quoteIdent(col);

/** SELECT organizationId, tier, day, values… — `sign` × the contributions of the rows `FROM <from>`, columns read by `c`. */
function contributionsSql(
  organizationId: string,
  from: Prisma.Sql,
  c: (col: string) => string,
  sign: 1 | -1,
  where: Prisma.Sql = Prisma.sql`true`,
): Prisma.Sql {
  const parts = TENANT_COHORT.contributions(c);
  // keys as they are; values negated for sign −1 (expressions from definition.ts, columns through quoteIdent)
  const value = (k: string, x: string) => Prisma.raw(k === "tier" || k === "day" || sign === 1 ? x : "-(" + x + ")");
  const select = (cols: [string, string][]) =>
    Prisma.sql`SELECT ${organizationId}::text AS "organizationId", ${Prisma.join(
      cols.map(([k, x]) => Prisma.sql`${value(k, x)} AS ${sqlIdent(k)}`),
      ", ",
    )} FROM ${from} WHERE ${where}`;
  return Prisma.sql`${select(parts.first)} UNION ALL ${select(parts.last)}`;
}

/** Σ of signed contribution rows (same columns) per key, as rows of TenantCohortDay. */
function groupedSql(rows: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT "organizationId", tier, day, sum(tenants)::int AS tenants, sum("windowEvents")::bigint AS "windowEvents",
    sum("windowCostUsd") AS "windowCostUsd", sum("lastTenants")::int AS "lastTenants"
  FROM (${rows}) c GROUP BY 1, 2, 3`;
}

function mergeSql(rows: Prisma.Sql): Prisma.Sql {
  const sets = TENANT_COHORT.values.map((v) => Prisma.sql`${sqlIdent(v)} = ${sqlIdent(v, "TenantCohortDay")} + EXCLUDED.${sqlIdent(v)}`);
  return Prisma.sql`INSERT INTO "TenantCohortDay" (${sqlIdents(COLS)})
  SELECT ${sqlIdents(COLS, "g")} FROM (${groupedSql(rows)}) g ORDER BY 2, 3
  ON CONFLICT (${sqlIdents(TENANT_COHORT.keys)}) DO UPDATE SET ${Prisma.join(sets, ", ")}`;
}

/**
 * The ingest statement's CTE body: merges, for every Tenant row the statement's upsert
 * returned (`source`, with the TENANT_COHORT.state columns and their "prev…" columns), its new
 * contributions minus its previous ones (none on insert: prevFirstEventAt is null). Exact
 * under concurrent batches: the previous state is the row version the upsert replaced.
 */
export function ingestTenantCohortSql(organizationId: string, source: "tenant"): Prisma.Sql {
  const from = Prisma.sql`${sqlIdent(source)} t`;
  const now = contributionsSql(organizationId, from, column("t"), 1);
  const t = column("t");
  const before = contributionsSql(
    organizationId,
    from,
    (col) => t(previousColumn(col)),
    -1,
    Prisma.sql`${sqlIdent(previousColumn("firstEventAt"), "t")} IS NOT NULL`,
  );
  return mergeSql(Prisma.sql`${now} UNION ALL ${before}`);
}

/** What the ingest upsert of Tenant returns for the cohort rollup: the state and the previous state. */
export const TENANT_COHORT_RETURNING = sqlIdents([...TENANT_COHORT.state, ...TENANT_COHORT.state.map(previousColumn)]);

/** `ON CONFLICT … DO UPDATE` assignments keeping the replaced state in the "prev…" columns. */
export const TENANT_COHORT_CAPTURE = Prisma.join(
  TENANT_COHORT.state.map((c) => Prisma.sql`${sqlIdent(previousColumn(c))} = ${sqlIdent(c, "Tenant")}`),
  ", ",
);

/** `sign` × the contributions of the organisation's Tenant rows (those `and` selects: alias x). */
function tenantRowsSql(organizationId: string, and: Prisma.Sql, sign: 1 | -1): Prisma.Sql {
  const from = Prisma.sql`(SELECT * FROM "Tenant" x WHERE x."organizationId" = ${organizationId} ${and}) x`;
  return contributionsSql(organizationId, from, column("x"), sign);
}

/** The reference: TenantCohortDay's rows grouped from the organisation's Tenant rows. */
export function tenantCohortReferenceSql(organizationId: string): Prisma.Sql {
  return groupedSql(tenantRowsSql(organizationId, Prisma.empty, 1));
}

/** TenantCohortDay's stored rows of the organisation (rows whose sums are all 0 say nothing). */
export function tenantCohortStoredSql(organizationId: string): Prisma.Sql {
  return Prisma.sql`SELECT * FROM "TenantCohortDay" WHERE "organizationId" = ${organizationId}
    AND (tenants <> 0 OR "windowEvents" <> 0 OR "windowCostUsd" <> 0 OR "lastTenants" <> 0)`;
}

/** Replaces the organisation's TenantCohortDay rows with the grouping of its Tenant rows (rebuild). */
export function rebuildTenantCohortSql(organizationId: string): Prisma.Sql[] {
  return [
    Prisma.sql`DELETE FROM "TenantCohortDay" WHERE "organizationId" = ${organizationId}`,
    Prisma.sql`INSERT INTO "TenantCohortDay" (${sqlIdents(COLS)}) SELECT ${sqlIdents(COLS, "g")} FROM (${tenantCohortReferenceSql(organizationId)}) g`,
  ];
}

/**
 * Merges `sign` × the contributions of the Tenant rows `and` selects (alias x): the window
 * repair subtracts the tenants' rows before recomputing their windows and adds them after
 * (under the organisation's exclusive rollup lock: nothing changes them in between).
 */
export function tenantCohortDeltaSql(organizationId: string, and: Prisma.Sql, sign: 1 | -1): Prisma.Sql {
  return mergeSql(tenantRowsSql(organizationId, and, sign));
}
