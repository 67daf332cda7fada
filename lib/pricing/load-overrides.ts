import "server-only";
import { db } from "../db";
import type { PriceOverrideRow, UnitPrices } from "./price-event";
import type { ServiceTier } from "./service-tiers";

/** The organisation's live (not deleted) overrides, optionally only for some models. */
export async function loadOverrides(organizationId: string, models?: string[]): Promise<PriceOverrideRow[]> {
  const rows = await db().priceOverride.findMany({
    where: { organizationId, deletedAt: null, ...(models ? { model: { in: [...models, "*"] } } : {}) },
  });
  return rows.map((o) => ({
    id: o.id,
    provider: o.provider,
    model: o.model,
    kind: o.kind,
    inputPerMTokUsd: o.inputPerMTokUsd?.toFixed() ?? null,
    outputPerMTokUsd: o.outputPerMTokUsd?.toFixed() ?? null,
    cachedInputPerMTokUsd: o.cachedInputPerMTokUsd?.toFixed() ?? null,
    cacheWritePerMTokUsd: o.cacheWritePerMTokUsd?.toFixed() ?? null,
    discountPercent: o.discountPercent?.toFixed() ?? null,
    serviceTier: (o.serviceTier as ServiceTier | null) ?? null,
    percent: o.percent?.toFixed() ?? null,
    unitPrices: (o.unitPrices as UnitPrices | null) ?? null,
    effectiveFrom: o.effectiveFrom,
    effectiveTo: o.effectiveTo,
  }));
}
