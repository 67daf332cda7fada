import "server-only";
import type { Actor } from "../audit/actor";
import { writeAudit } from "../audit/write-audit";
import { db } from "../db";
import { AppError } from "../core/errors";
import { formatUsd6, parseUsd, toDecimalString } from "../money";
import { onGuardrailRelevantWrite } from "../guardrail-changes/invalidate";
import type { PolicyInput } from "./schemas";

type PolicyRow = Awaited<ReturnType<ReturnType<typeof db>["guardrailPolicy"]["findFirstOrThrow"]>>;

export function policyDto(p: PolicyRow) {
  const anomalyActive = !!p.anomalyTrippedAt && (!p.anomalyClearedAt || p.anomalyClearedAt < p.anomalyTrippedAt);
  return {
    feature: p.feature,
    fallback_action: p.fallbackAction,
    fallback_model: p.fallbackModel,
    kill_switch: p.killSwitch,
    kill_switch_reason: p.killSwitchReason,
    anomaly_active: anomalyActive,
    anomaly_tripped_at: p.anomalyTrippedAt?.toISOString() ?? null,
    anomaly_cleared_at: p.anomalyClearedAt?.toISOString() ?? null,
    baseline_usd_per_min: p.baselineUsdPerMin ? formatUsd6(parseUsd(p.baselineUsdPerMin.toString())) : null,
    auto_clear_minutes: p.autoClearMinutes,
    freemium_throttle: p.freemiumThrottle,
    updated_at: p.updatedAt.toISOString(),
  };
}

export async function listPolicies(organizationId: string) {
  const rows = await db().guardrailPolicy.findMany({ where: { organizationId }, orderBy: { feature: "asc" }, take: 500 });
  return rows.map(policyDto);
}

export async function upsertPolicy(organizationId: string, input: PolicyInput, actor: Actor) {
  const before = await db().guardrailPolicy.findUnique({ where: { organizationId_feature: { organizationId, feature: input.feature } } });
  const data = {
    ...(input.fallback_action !== undefined ? { fallbackAction: input.fallback_action } : {}),
    ...(input.fallback_model !== undefined ? { fallbackModel: input.fallback_model || null } : {}),
    ...(input.kill_switch !== undefined ? { killSwitch: input.kill_switch } : {}),
    ...(input.kill_switch_reason !== undefined ? { killSwitchReason: input.kill_switch_reason } : {}),
    ...(input.baseline_usd_per_min !== undefined
      ? { baselineUsdPerMin: input.baseline_usd_per_min === null ? null : toDecimalString(parseUsd(input.baseline_usd_per_min)) }
      : {}),
    ...(input.auto_clear_minutes !== undefined ? { autoClearMinutes: input.auto_clear_minutes } : {}),
    ...(input.freemium_throttle !== undefined ? { freemiumThrottle: input.freemium_throttle } : {}),
  };
  const row = await db().guardrailPolicy.upsert({
    where: { organizationId_feature: { organizationId, feature: input.feature } },
    create: { organizationId, feature: input.feature, ...data },
    update: data,
  });
  const action =
    input.kill_switch !== undefined && input.kill_switch !== (before?.killSwitch ?? false)
      ? input.kill_switch
        ? "guardrail.kill_switch.on"
        : "guardrail.kill_switch.off"
      : "guardrail.policy.update";
  await writeAudit({
    organizationId,
    actor,
    action,
    targetType: "GuardrailPolicy",
    targetId: input.feature,
    before: before ? policyDto(before) : null,
    after: policyDto(row),
  });
  onGuardrailRelevantWrite(organizationId);
  return policyDto(row);
}

/** An engineer clears an anomaly trip: the feature leaves its fallback at once. */
export async function clearAnomaly(organizationId: string, feature: string, actor: Actor | null, reason = "cleared by an engineer") {
  const now = new Date();
  const existing = await db().guardrailPolicy.findUnique({ where: { organizationId_feature: { organizationId, feature } } });
  if (!existing) {
    throw new AppError(
      "not_found",
      `Feature "${feature}" has no guardrail policy, so there is no anomaly pause to clear. Check the feature name on the Guardrails page.`,
    );
  }
  const row = await db().guardrailPolicy.update({
    where: { organizationId_feature: { organizationId, feature } },
    data: { anomalyClearedAt: now },
  });
  await db().alert.updateMany({
    where: { organizationId, kind: "anomaly", feature, state: { not: "resolved" } },
    data: { state: "resolved", resolvedAt: now, resolvedById: actor?.userId ?? null },
  });
  if (actor)
    await writeAudit({
      organizationId,
      actor,
      action: "guardrail.anomaly.clear",
      targetType: "GuardrailPolicy",
      targetId: feature,
      after: { reason },
    });
  onGuardrailRelevantWrite(organizationId);
  return policyDto(row);
}
