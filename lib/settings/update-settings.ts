import "server-only";
import { db } from "../db";
import { AppError } from "../core/errors";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import { writeAudit } from "../audit/write-audit";
import type { Principal } from "../auth/principal";
import type { Actor } from "../audit/actor";
import { featureEditRefusal } from "../auth/feature-scope";
import { readFeatureSettings, readTierSettings } from "./read-settings";
import type { z } from "zod";
import type { featureSettingsBody, tierSettingsBody } from "./schemas";

/** Settings the dashboards read: tier LTV/price (freemium trap, subsidy ratio) and feature settings. */
export async function listTierSettings(organizationId: string) {
  const tiers = await readTierSettings(organizationId);
  return [...tiers.values()].map((t) => ({
    tier: t.name,
    predicted_ltv_usd: formatUsd6(t.predictedLtv),
    monthly_price_usd: formatUsd6(t.monthlyPrice),
    source: t.source,
  }));
}

export async function updateTierSetting(organizationId: string, tier: string, body: z.infer<typeof tierSettingsBody>, actor: Actor) {
  const before = (await readTierSettings(organizationId)).get(tier);
  const ltv = toDecimalString(parseUsd(body.predicted_ltv_usd));
  const price =
    body.monthly_price_usd !== undefined
      ? toDecimalString(parseUsd(body.monthly_price_usd))
      : before
        ? toDecimalString(before.monthlyPrice)
        : "0";
  const row = await db().tier.upsert({
    where: { organizationId_name: { organizationId, name: tier } },
    create: { organizationId, name: tier, predictedLtvUsd: ltv, monthlyPriceUsd: price },
    update: { predictedLtvUsd: ltv, monthlyPriceUsd: price },
  });
  const after = { predicted_ltv_usd: formatUsd6(parseUsd(ltv)), monthly_price_usd: formatUsd6(parseUsd(price)) };
  await writeAudit({
    organizationId,
    actor,
    action: "tier.update",
    targetType: "Tier",
    targetId: row.id,
    before: before
      ? { predicted_ltv_usd: formatUsd6(before.predictedLtv), monthly_price_usd: formatUsd6(before.monthlyPrice), source: before.source }
      : null,
    after,
  });
  return { tier, ...after, source: "settings" as const };
}

export async function listFeatureSettings(organizationId: string) {
  const m = await readFeatureSettings(organizationId);
  return [...m.values()].map(featureOut);
}

function featureOut(f: Awaited<ReturnType<typeof readFeatureSettings>> extends Map<string, infer V> ? V : never) {
  return {
    feature: f.name,
    display_name: f.displayName,
    owner_team: f.ownerTeam,
    review_threshold_usd: formatUsd6(f.reviewThreshold),
    unit_of_value: f.unitOfValue,
    value_per_unit_usd: f.valuePerUnit === null ? null : formatUsd6(f.valuePerUnit),
    value_method: f.valueMethod,
    design_tokens_per_request: f.designTokensPerRequest,
    design_calls_per_request: f.designCallsPerRequest,
  };
}

export async function updateFeatureSetting(
  organizationId: string,
  feature: string,
  body: z.infer<typeof featureSettingsBody>,
  actor: Actor,
) {
  const existing = await db().feature.findUnique({ where: { organizationId_name: { organizationId, name: feature } } });
  if (!existing) throw new AppError("not_found", `No feature "${feature}": features appear when their first event arrives.`);
  const before = (await readFeatureSettings(organizationId)).get(feature)!;
  const data: Record<string, unknown> = {};
  if (body.display_name !== undefined) data.displayName = body.display_name;
  if (body.owner_team !== undefined) data.ownerTeam = body.owner_team;
  if (body.review_threshold_usd !== undefined) data.reviewThresholdUsd = toDecimalString(parseUsd(body.review_threshold_usd));
  if (body.unit_of_value !== undefined) data.unitOfValue = body.unit_of_value;
  if (body.value_per_unit_usd !== undefined)
    data.valuePerUnitUsd = body.value_per_unit_usd === null ? null : toDecimalString(parseUsd(body.value_per_unit_usd));
  if (body.value_method !== undefined) data.valueMethod = body.value_method;
  if (body.design_tokens_per_request !== undefined) data.designTokensPerRequest = body.design_tokens_per_request;
  if (body.design_calls_per_request !== undefined) data.designCallsPerRequest = body.design_calls_per_request;
  await db().feature.update({ where: { organizationId_id: { organizationId: organizationId, id: existing.id } }, data });
  const after = (await readFeatureSettings(organizationId)).get(feature)!;
  await writeAudit({
    organizationId,
    actor,
    action: "feature.update",
    targetType: "Feature",
    targetId: existing.id,
    before: featureOut(before),
    after: featureOut(after),
  });
  return featureOut(after);
}

/**
 * Refuses (403) a change to a feature the principal may not touch: an engineering lead changes
 * their own team's features only (lib/auth/feature-scope.ts). Used by feature settings and by the
 * guardrail policy / kill switch / anomaly-clear routes.
 */
export async function assertMayEditFeature(principal: Principal, feature: string, newOwnerTeam?: string | null): Promise<void> {
  if (principal.apiKeyId || principal.role !== "ENGINEERING_LEAD") return;
  const row = await db().feature.findUnique({
    where: { organizationId_name: { organizationId: principal.organizationId, name: feature } },
    select: { ownerTeam: true },
  });
  const refusal = featureEditRefusal(principal, feature, row?.ownerTeam ?? null, newOwnerTeam);
  if (refusal) throw new AppError("forbidden", refusal);
}
