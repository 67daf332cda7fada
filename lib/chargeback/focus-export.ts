import "server-only";
import { dbRead, Prisma } from "../db";
import { formatUsd6, parseUsd } from "../money";
import { monthRange } from "../costs/spread-fixed-cost";
import { csvFromTable } from "../csv/to-csv";
import { getChargeback } from "./get-chargeback";

/**
 * FOCUS-shaped export (FinOps Open Cost and Usage Specification, SPEC.md "Exports"): one
 * usage row per day × feature × team × tier × model × environment from the daily rollups,
 * plus one row per fixed cost and team it was allocated to (ChargeCategory "Purchase").
 * Spendline-specific columns carry the x_ prefix as FOCUS requires.
 */
export const FOCUS_COLUMNS = [
  "BillingAccountId", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd",
  "ChargeCategory", "ChargeDescription", "BilledCost", "EffectiveCost", "ListCost", "ContractedCost",
  "ConsumedQuantity", "ConsumedUnit", "PricingQuantity", "PricingUnit", "ServiceCategory", "ServiceSubcategory",
  "ServiceName", "ServiceProviderName", "ResourceId", "SkuId", "SkuPriceDetails",
  "x_Feature", "x_Team", "x_TenantTier", "x_Environment", "x_Events",
] as const;

type Focus = Record<(typeof FOCUS_COLUMNS)[number], string | number>;

export async function focusCsv(organizationId: string, month: string): Promise<string> {
  const { from, to } = monthRange(month);
  const rows = await dbRead().$queryRaw<
    { day: Date; feature: string; team: string; tier: string; model: string; environment: string; provider: string;
      events: number; input: string; output: string; cached: string; cost: string; catalog: string }[]
  >(Prisma.sql`
    SELECT "day", "feature", "team", "tier", "model", "environment", "provider", "events",
           "inputTokens"::text AS input, "outputTokens"::text AS output, "cachedInputTokens"::text AS cached,
           "costUsd"::text AS cost, "catalogCostUsd"::text AS catalog
    FROM "DailyRollup"
    WHERE "organizationId" = ${organizationId} AND "day" >= ${from}::date AND "day" < ${to}::date
    ORDER BY "day", "feature", "team", "model"`);
  const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
  const common = { BillingAccountId: organizationId, BillingCurrency: "USD", BillingPeriodStart: iso(from), BillingPeriodEnd: iso(to) };
  const out: Focus[] = rows.map((r) => {
    const start = new Date(r.day);
    const tokens = BigInt(r.input) + BigInt(r.output);
    const cost = formatUsd6(parseUsd(r.cost));
    const catalog = parseUsd(r.catalog);
    return {
      ...common,
      ChargePeriodStart: iso(start),
      ChargePeriodEnd: iso(new Date(start.getTime() + 86_400_000)),
      ChargeCategory: "Usage",
      ChargeDescription: `${r.feature} on ${r.model}`,
      BilledCost: cost,
      EffectiveCost: cost,
      ListCost: catalog > 0n ? formatUsd6(catalog) : cost,
      ContractedCost: cost,
      ConsumedQuantity: tokens.toString(),
      ConsumedUnit: "Tokens",
      PricingQuantity: tokens.toString(),
      PricingUnit: "Tokens",
      ServiceCategory: "AI and Machine Learning",
      ServiceSubcategory: "Generative AI",
      ServiceName: r.model,
      ServiceProviderName: r.provider || "unknown",
      ResourceId: r.model,
      SkuId: `${r.provider || "unknown"}/${r.model}`,
      SkuPriceDetails: JSON.stringify({ input_tokens: r.input, output_tokens: r.output, cached_input_tokens: r.cached }),
      x_Feature: r.feature,
      x_Team: r.team,
      x_TenantTier: r.tier,
      x_Environment: r.environment,
      x_Events: r.events,
    };
  });
  const report = await getChargeback(organizationId, month);
  for (const a of report.allocations) {
    out.push({
      ...common,
      ChargePeriodStart: iso(from),
      ChargePeriodEnd: iso(to),
      ChargeCategory: "Purchase",
      ChargeDescription: `${a.name} (allocated)`,
      BilledCost: a.amount_usd,
      EffectiveCost: a.amount_usd,
      ListCost: a.amount_usd,
      ContractedCost: a.amount_usd,
      ConsumedQuantity: "",
      ConsumedUnit: "",
      PricingQuantity: "",
      PricingUnit: "",
      ServiceCategory: "AI and Machine Learning",
      ServiceSubcategory: "Generative AI",
      ServiceName: a.name,
      ServiceProviderName: "internal",
      ResourceId: a.fixed_cost_id,
      SkuId: `fixed/${a.fixed_cost_id}`,
      SkuPriceDetails: "",
      x_Feature: "",
      x_Team: a.team,
      x_TenantTier: "",
      x_Environment: "",
      x_Events: 0,
    });
  }
  return csvFromTable(FOCUS_COLUMNS, out.map((r) => FOCUS_COLUMNS.map((c) => r[c])));
}
