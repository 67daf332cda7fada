import "server-only";
import { Prisma } from "../db";
import { toDecimalString, type Pico } from "../money";
import { FREE_TIER } from "../settings/default-tiers";

/**
 * Trapped tenants (docs/metrics.md, decision 013): free-tier tenants whose freemium window
 * (the first 30 × 24 h, kept on each Tenant row by ingestion) costs more than the free tier's
 * predicted LTV, strictly. The one definition the freemium trap (its counts and list) and the
 * guardrail snapshot (which tenants to throttle) both read.
 *
 * Rows (tenant, first, last, cost, events, stale), costliest first: the statement walks the
 * Tenant index (organizationId, tier, windowCostUsd DESC, externalId, …) from the top down to
 * the LTV, so it reads the trapped tenants only, not every tenant (decision 054). `stale`: a
 * window ingestion could not keep exactly (repair pending right after the batch's commit).
 */
export function trappedTenantsSql(organizationId: string, predictedLtv: Pico): Prisma.Sql {
  return Prisma.sql`SELECT t."externalId" AS tenant, t."firstEventAt" AS first, t."lastEventAt" AS last,
      t."windowCostUsd" AS cost, t."windowEvents" AS events, t."windowStale" AS stale
    FROM "Tenant" t
    WHERE t."organizationId" = ${organizationId} AND t.tier = ${FREE_TIER}
      AND t."windowCostUsd" > ${toDecimalString(predictedLtv)}::numeric
    ORDER BY t."windowCostUsd" DESC, t."externalId"`;
}
