import { parseUsd, toDecimalString, type Pico } from "../money";
import type { ServiceTier } from "./service-tiers";

/**
 * The priced lines of one event (decision 045): what the price book charged for, line by line,
 * summing exactly (to the picodollar) to the event's price-book figure. Stored on the event
 * (CostEvent.priceLines) when the cost is more than tokens at standard rates: another service
 * tier, a long-context rate, per-call or per-unit fees, or a negotiated adjustment.
 */
export type PriceLineKind =
  "tokens" | "web_search" | "file_search" | "code_interpreter" | "tool_call" | "image" | "audio" | "discount" | "markup";

/** How the tokens line's tier price was found. */
export type TierBasis = "standard" | "published_percent" | "published_rates" | "override" | "standard_fallback";

export type PriceLine = {
  kind: PriceLineKind;
  /** tokens (input + output) for the tokens line; calls, sessions, images; seconds of audio; 1 for adjustments */
  quantity: number;
  costPico: Pico;
  /** per call / session / image / second; null on the tokens line and adjustments */
  unitPricePico: Pico | null;
  /** true when the line has no price (its cost is 0, the rest of the event is priced) */
  unpriced: boolean;
  /** tokens line: the tier that served the call and how its price was found */
  serviceTier?: ServiceTier;
  tierBasis?: TierBasis;
  /** tokens line: the request exceeded the model's long-context threshold */
  longContextAbove?: number;
  /** tokens line: the same tokens at the standard tier (the tier's premium or saving is the difference) */
  standardCostPico?: Pico;
  /** the published page of the tier price, when one was used */
  source?: string;
  /** discount / markup lines: the percent and the price-book rule */
  percent?: string;
  overrideId?: string;
};

/** The stored form (JSON in CostEvent.priceLines): decimal strings for money. */
export type StoredPriceLine = {
  kind: PriceLineKind;
  quantity: number;
  cost_usd: string;
  unit_price_usd: string | null;
  unpriced?: true;
  service_tier?: ServiceTier;
  tier_basis?: TierBasis;
  long_context_above?: number;
  standard_cost_usd?: string;
  source?: string;
  percent?: string;
  override_id?: string;
};

export function linesToStored(lines: readonly PriceLine[]): StoredPriceLine[] {
  return lines.map((l) => ({
    kind: l.kind,
    quantity: l.quantity,
    cost_usd: toDecimalString(l.costPico),
    unit_price_usd: l.unitPricePico === null ? null : toDecimalString(l.unitPricePico),
    ...(l.unpriced ? { unpriced: true as const } : {}),
    ...(l.serviceTier ? { service_tier: l.serviceTier } : {}),
    ...(l.tierBasis ? { tier_basis: l.tierBasis } : {}),
    ...(l.longContextAbove !== undefined ? { long_context_above: l.longContextAbove } : {}),
    ...(l.standardCostPico !== undefined ? { standard_cost_usd: toDecimalString(l.standardCostPico) } : {}),
    ...(l.source ? { source: l.source } : {}),
    ...(l.percent ? { percent: l.percent } : {}),
    ...(l.overrideId ? { override_id: l.overrideId } : {}),
  }));
}

export function linesFromStored(stored: readonly StoredPriceLine[]): PriceLine[] {
  return stored.map((s) => ({
    kind: s.kind,
    quantity: s.quantity,
    costPico: parseUsd(s.cost_usd),
    unitPricePico: s.unit_price_usd === null ? null : parseUsd(s.unit_price_usd),
    unpriced: s.unpriced === true,
    ...(s.service_tier ? { serviceTier: s.service_tier } : {}),
    ...(s.tier_basis ? { tierBasis: s.tier_basis } : {}),
    ...(s.long_context_above !== undefined ? { longContextAbove: s.long_context_above } : {}),
    ...(s.standard_cost_usd !== undefined ? { standardCostPico: parseUsd(s.standard_cost_usd) } : {}),
    ...(s.source ? { source: s.source } : {}),
    ...(s.percent ? { percent: s.percent } : {}),
    ...(s.override_id ? { overrideId: s.override_id } : {}),
  }));
}
