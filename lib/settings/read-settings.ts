import "server-only";
import { db } from "../db";
import { parseUsd, type Pico } from "../money";
import { DEFAULT_TIERS } from "./default-tiers";

export type TierSetting = { name: string; predictedLtv: Pico; monthlyPrice: Pico; source: "settings" | "default" };

/** Tier rows of the organisation, with the documented defaults for free/pro/enterprise when missing. */
export async function readTierSettings(organizationId: string): Promise<Map<string, TierSetting>> {
  const rows = await db().tier.findMany({ where: { organizationId }, orderBy: { name: "asc" }, take: 200 });
  const out = new Map<string, TierSetting>();
  for (const [name, d] of Object.entries(DEFAULT_TIERS))
    out.set(name, { name, predictedLtv: d.predictedLtv, monthlyPrice: d.monthlyPrice, source: "default" });
  for (const r of rows)
    out.set(r.name, {
      name: r.name,
      predictedLtv: parseUsd(r.predictedLtvUsd.toFixed()),
      monthlyPrice: parseUsd(r.monthlyPriceUsd.toFixed()),
      source: "settings",
    });
  return out;
}

export type FeatureSetting = {
  name: string;
  displayName: string | null;
  ownerTeam: string | null;
  reviewThreshold: Pico;
  unitOfValue: string;
  valuePerUnit: Pico | null;
  valueMethod: string | null;
  designTokensPerRequest: number | null;
  designCallsPerRequest: number | null;
};

export const DEFAULT_REVIEW_THRESHOLD = parseUsd("0.10");

export async function readFeatureSettings(organizationId: string): Promise<Map<string, FeatureSetting>> {
  const rows = await db().feature.findMany({ where: { organizationId }, orderBy: { name: "asc" }, take: 1000 });
  return new Map(
    rows.map((r) => [
      r.name,
      {
        name: r.name,
        displayName: r.displayName,
        ownerTeam: r.ownerTeam,
        reviewThreshold: parseUsd(r.reviewThresholdUsd.toFixed()),
        unitOfValue: r.unitOfValue,
        valuePerUnit: r.valuePerUnitUsd === null ? null : parseUsd(r.valuePerUnitUsd.toFixed()),
        valueMethod: r.valueMethod,
        designTokensPerRequest: r.designTokensPerRequest,
        designCallsPerRequest: r.designCallsPerRequest,
      },
    ]),
  );
}

export function thresholdOf(settings: Map<string, FeatureSetting>, feature: string): Pico {
  return settings.get(feature)?.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
}
