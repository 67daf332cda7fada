import "server-only";
import { db } from "../db";
import { Prisma } from "../db";
import { readRollupChecks } from "./read-rollups-sql";
import { aggregateSql, beganSinceWhere, diffRowsSql, diffSql, ROLLUP_TABLES } from "./rollup-sql";
import { TENANT_COHORT, TENANT_PART, TENANT_RANK } from "./definition";
import { tenantCohortReferenceSql, tenantCohortStoredSql } from "./tenant-cohort-sql";
import { tenantPartReferenceSql, tenantPartStoredSql, tenantRankReferenceSql, tenantRankStoredSql } from "./tenant-part-sql";
import { rawEventsCompleteFrom } from "../storage/retention";

export type RollupDifference = {
  table: string;
  key: Record<string, unknown>;
  /** recomputed from raw events; null: the rollup row should not exist */
  expected: Record<string, unknown> | null;
  /** stored; null: the rollup row is missing */
  stored: Record<string, unknown> | null;
};

/**
 * Compares every rollup of the organisation with a recomputation from its raw events. When raw
 * events are complete only from a date (retention, `rawEventsCompleteFrom`), only what
 * `rebuildRollups` would recompute is compared: rollups of days from then on, interactions and
 * tasks that began then or later, tenants whose first event is then or later (decision 015).
 */
export async function verifyRollups(organizationId: string, limitPerTable = 20): Promise<RollupDifference[]> {
  const out: RollupDifference[] = [];
  const from = await rawEventsCompleteFrom(organizationId);
  const ref = (t: "InteractionRollup" | "TaskRollup") =>
    aggregateSql(t, from ? beganSinceWhere(t, organizationId, from) : Prisma.sql`e."organizationId" = ${organizationId}`);
  const queries = [
    ...ROLLUP_TABLES.map((t) => diffSql(t, organizationId, limitPerTable, from)),
    ...readRollupChecks(organizationId, ref("InteractionRollup"), ref("TaskRollup"), from).map(([name, keys, vals, ref, stored]) =>
      diffRowsSql(name, keys, vals, ref, stored, limitPerTable),
    ),
    // from Tenant rows (kept whole under retention), not from raw events
    diffRowsSql(
      "TenantCohortDay",
      TENANT_COHORT.keys,
      TENANT_COHORT.values,
      tenantCohortReferenceSql(organizationId),
      tenantCohortStoredSql(organizationId),
      limitPerTable,
    ),
    // from TenantWindow ⋈ Tenant (the latest tier): a tenant left under an old tier shows here
    diffRowsSql(
      "TenantCohortPart",
      TENANT_PART.keys,
      TENANT_PART.values,
      tenantPartReferenceSql(organizationId),
      tenantPartStoredSql(organizationId),
      limitPerTable,
    ),
    diffRowsSql(
      "TenantWindowRank",
      TENANT_RANK.keys,
      TENANT_RANK.values,
      tenantRankReferenceSql(organizationId),
      tenantRankStoredSql(organizationId),
      limitPerTable,
    ),
  ];
  for (const q of queries) {
    const rows = await db().$queryRaw<{ table: string; key: string; expected: string | null; stored: string | null }[]>(q);
    for (const r of rows) {
      out.push({
        table: r.table,
        key: JSON.parse(r.key),
        expected: r.expected ? JSON.parse(r.expected) : null,
        stored: r.stored ? JSON.parse(r.stored) : null,
      });
    }
  }
  return out;
}
