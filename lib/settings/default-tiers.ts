import { parseUsd, type Pico } from "../money";

/** Used when an organisation has no Tier row (docs/decisions/004-default-tier-values.md). */
export const DEFAULT_TIERS: Record<string, { predictedLtv: Pico; monthlyPrice: Pico }> = {
  free: { predictedLtv: parseUsd("2.00"), monthlyPrice: 0n },
  pro: { predictedLtv: parseUsd("120.00"), monthlyPrice: parseUsd("20.00") },
  enterprise: { predictedLtv: parseUsd("2400.00"), monthlyPrice: parseUsd("400.00") },
};
export const FREE_TIER = "free";
