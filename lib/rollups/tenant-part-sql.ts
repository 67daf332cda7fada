import "server-only";
import { Prisma } from "../db";
import { sqlIdents } from "../db/ident";
import { TENANT_PART, TENANT_RANK } from "./definition";

/**
 * TenantCohortPart's and TenantWindowRank's SQL (definitions in definition.ts): both are sums of
 * the TenantWindow parts of the tenants of TENANT_PART.tiers — by (tier, feature, first-event
 * day, model), and per tenant by feature, model and both — merged by ingestion and the window
 * repair, grouped by rebuild and verify.
 */
const PART_COLS = [...TENANT_PART.keys, ...TENANT_PART.values];
const RANK_COLS = [...TENANT_RANK.keys, ...TENANT_RANK.values];

/** Σ of signed part rows (organizationId, tier, feature, day, model, events, costUsd) per key. */
function groupedPartSql(rows: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT "organizationId", tier, feature, day, model, sum(events)::bigint AS events, sum("costUsd") AS "costUsd"
  FROM (${rows}) c GROUP BY 1, 2, 3, 4, 5`;
}

/** Adds grouped signed part rows into TenantCohortPart (in key order: concurrent merges lock rows in one order). */
export function mergePartSql(rows: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`INSERT INTO "TenantCohortPart" (${sqlIdents(PART_COLS)})
  SELECT ${sqlIdents(PART_COLS, "g")} FROM (${groupedPartSql(rows)}) g ORDER BY 2, 3, 4, 5
  ON CONFLICT (${sqlIdents(TENANT_PART.keys)}) DO UPDATE SET events = "TenantCohortPart".events + EXCLUDED.events,
    "costUsd" = "TenantCohortPart"."costUsd" + EXCLUDED."costUsd"`;
}

/** `tier` (an SQL expression) is one of the tiers TenantCohortPart is kept for. */
export function partTierSql(tier: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${tier} = ANY(${TENANT_PART.tiers}::text[])`;
}

/**
 * `sign` × the TenantWindow parts of the organisation's tenants `and` selects (Tenant alias x),
 * as TenantCohortPart rows: under the tier the stored rollup counts them (`windowTier`), or under
 * the latest tier (the definition: rebuild, verify); tenants of other tiers are left out.
 */
function partRowsSql(organizationId: string, and: Prisma.Sql, sign: 1 | -1, tier: "window" | "latest"): Prisma.Sql {
  const t = tier === "window" ? Prisma.sql`x."windowTier"` : Prisma.sql`COALESCE(x.tier, '')`;
  const s = Prisma.raw(sign === 1 ? "" : "-");
  return Prisma.sql`SELECT ${organizationId}::text AS "organizationId", ${t} AS tier, w.feature, w."firstAt"::date AS day, w.model,
      ${s}w.events::bigint AS events, ${s}w."costUsd" AS "costUsd"
    FROM "TenantWindow" w JOIN "Tenant" x ON x."organizationId" = ${organizationId} AND x."externalId" = w."tenantId"
    WHERE w."organizationId" = ${organizationId} AND ${partTierSql(t)} ${and}`;
}

/**
 * Merges `sign` × the parts of the tenants `and` selects (alias x) at their windowTier: the
 * window repair subtracts them before recomputing the windows (and windowTier) and adds them
 * after, under the organisation's exclusive rollup lock.
 */
export function tenantPartDeltaSql(organizationId: string, and: Prisma.Sql, sign: 1 | -1): Prisma.Sql {
  return mergePartSql(partRowsSql(organizationId, and, sign, "window"));
}

/** The reference: TenantCohortPart's rows grouped from TenantWindow ⋈ Tenant by the latest tier. */
export function tenantPartReferenceSql(organizationId: string): Prisma.Sql {
  return groupedPartSql(partRowsSql(organizationId, Prisma.empty, 1, "latest"));
}

/** TenantCohortPart's stored rows (rows whose sums are back to 0 say nothing: a moved tenant leaves them). */
export function tenantPartStoredSql(organizationId: string): Prisma.Sql {
  return Prisma.sql`SELECT * FROM "TenantCohortPart" WHERE "organizationId" = ${organizationId} AND (events <> 0 OR "costUsd" <> 0)`;
}

/** Replaces the organisation's TenantCohortPart rows with the grouping of its parts at windowTier (rebuild, once windowTier = tier). */
export function rebuildTenantPartSql(organizationId: string): Prisma.Sql[] {
  return [
    Prisma.sql`DELETE FROM "TenantCohortPart" WHERE "organizationId" = ${organizationId}`,
    Prisma.sql`INSERT INTO "TenantCohortPart" (${sqlIdents(PART_COLS)})
      SELECT ${sqlIdents(PART_COLS, "g")} FROM (${groupedPartSql(partRowsSql(organizationId, Prisma.empty, 1, "window"))}) g`,
  ];
}

/**
 * TenantWindowRank rows (organizationId, tenantId, feature, model, costUsd) of part rows
 * `parts` ("tenantId", feature, model, cost): per (feature, model), per feature, per model.
 */
export function rankRowsSql(organizationId: string, parts: Prisma.Sql): Prisma.Sql {
  const all = TENANT_RANK.all;
  return Prisma.sql`SELECT ${organizationId}::text AS "organizationId", r."tenantId", r.feature, r.model, sum(r.cost) AS "costUsd" FROM (
      SELECT p."tenantId", p.feature, p.model, p.cost FROM ${parts} p
      UNION ALL SELECT p."tenantId", p.feature, ${all}::text, p.cost FROM ${parts} p
      UNION ALL SELECT p."tenantId", ${all}::text, p.model, p.cost FROM ${parts} p
    ) r GROUP BY 2, 3, 4`;
}

/** Adds rank rows of batch part deltas (`parts` as in rankRowsSql) into TenantWindowRank, in key order. */
export function mergeRankSql(organizationId: string, parts: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`INSERT INTO "TenantWindowRank" (${sqlIdents(RANK_COLS)})
  SELECT ${sqlIdents(RANK_COLS, "g")} FROM (${rankRowsSql(organizationId, parts)}) g ORDER BY 2, 3, 4
  ON CONFLICT (${sqlIdents(TENANT_RANK.keys)}) DO UPDATE SET "costUsd" = "TenantWindowRank"."costUsd" + EXCLUDED."costUsd"`;
}

/**
 * The TenantWindow parts (those `andW` selects: unqualified tenantId) of the organisation's
 * tenants whose window tier (stored side) or latest tier (the definition) is kept, as rank
 * source rows.
 */
function windowParts(organizationId: string, andW: Prisma.Sql, tier: "window" | "latest"): Prisma.Sql {
  const t = tier === "window" ? Prisma.sql`x."windowTier"` : Prisma.sql`COALESCE(x.tier, '')`;
  return Prisma.sql`(SELECT w."tenantId", w.feature, w.model, w."costUsd" AS cost
    FROM "TenantWindow" w JOIN "Tenant" x ON x."organizationId" = ${organizationId} AND x."externalId" = w."tenantId"
    WHERE w."organizationId" = ${organizationId} AND ${partTierSql(t)} ${andW})`;
}

/**
 * Regroups the TenantWindowRank rows of the tenants `andW` selects (all: empty) from their parts
 * at their windowTier (repair, rebuild: once windowTier is set).
 */
export function rebuildRankSql(organizationId: string, andW: Prisma.Sql): Prisma.Sql[] {
  return [
    Prisma.sql`DELETE FROM "TenantWindowRank" WHERE "organizationId" = ${organizationId} ${andW}`,
    Prisma.sql`INSERT INTO "TenantWindowRank" (${sqlIdents(RANK_COLS)}) ${rankRowsSql(organizationId, windowParts(organizationId, andW, "window"))}`,
  ];
}

/** The reference: TenantWindowRank's rows grouped from the parts of the tenants whose latest tier is kept. */
export function tenantRankReferenceSql(organizationId: string): Prisma.Sql {
  return rankRowsSql(organizationId, windowParts(organizationId, Prisma.empty, "latest"));
}

/**
 * TenantWindowRank's stored rows that say something: those of tenants whose latest tier is kept
 * (zero-cost ones too: a tenant whose matching parts cost 0 is listed at 0), and any other row
 * not back to 0 (a tenant that left those tiers keeps rows at 0 until a repair or rebuild).
 */
export function tenantRankStoredSql(organizationId: string): Prisma.Sql {
  return Prisma.sql`SELECT r.* FROM "TenantWindowRank" r
    LEFT JOIN "Tenant" x ON x."organizationId" = ${organizationId} AND x."externalId" = r."tenantId"
    WHERE r."organizationId" = ${organizationId} AND (${partTierSql(Prisma.sql`COALESCE(x.tier, '')`)} OR r."costUsd" <> 0)`;
}
