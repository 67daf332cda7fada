import "server-only";
import { createHash } from "node:crypto";
import { formatUsd6, toDecimalString } from "../money";
import { DEFAULT_POLICY } from "./decide";
import { guardrailSnapshot } from "./check-guardrail";
import { subscribeGuardrailWrites } from "../guardrail-changes/invalidate";
import type { SnapshotWire } from "@spendline/guardrail-core";

/**
 * GET /api/v1/guardrails/snapshot: what an SDK needs to decide guardrails locally (policies
 * with kill switches, the feature → team map, hard budgets, the per-call estimate, trapped
 * free tenants, quotas that pace short, approved model routes). Spend is not in it: hard budgets are spent through leases. The version is a
 * hash of the content, sent as the ETag; a conditional GET with `wait` is held until the
 * snapshot changes (kill switch, policy, budget: woken by invalidate.ts / LISTEN) or `wait`
 * seconds pass, then answered 200 or 304.
 */
export const MAX_TRAPPED_IN_SNAPSHOT = 10_000;

export async function policySnapshot(organizationId: string): Promise<SnapshotWire> {
  const s = await guardrailSnapshot(organizationId);
  const names = new Set([...s.policies.keys(), ...s.featureTeam.keys(), ...s.estimate.keys()]);
  const features: SnapshotWire["features"] = {};
  // token estimates travel only when a token budget needs them (the version changes with them)
  const tokenBudgets = s.hardBudgets.some((b) => b.unit === "tokens");
  for (const f of [...names].sort()) {
    const p = s.policies.get(f) ?? DEFAULT_POLICY;
    const est = s.estimate.get(f);
    features[f] = {
      fallback_action: p.fallbackAction,
      fallback_model: p.fallbackModel,
      kill_switch: p.killSwitch,
      kill_switch_reason: p.killSwitchReason,
      anomaly_active: p.anomalyActive,
      freemium_throttle: p.freemiumThrottle,
      team: s.featureTeam.get(f) ?? null,
      // rounded to micro-dollars so that the version does not change with every event
      estimate_usd: est === undefined ? null : formatUsd6(est),
      ...(tokenBudgets && s.estimateTokens.has(f) ? { estimate_tokens: toDecimalString(s.estimateTokens.get(f)!) } : {}),
    };
  }
  const body = {
    features,
    default_estimate_usd: formatUsd6(s.defaultEstimate),
    ...(tokenBudgets ? { default_estimate_tokens: toDecimalString(s.defaultEstimateTokens) } : {}),
    hard_budgets: s.hardBudgets.map((b) => ({
      id: b.id,
      scope: b.scope,
      scope_ref: b.scopeRef,
      limit_usd: toDecimalString(b.limitPico),
      fallback_model: b.fallbackModel,
      // absent for the defaults, so that older SDKs and snapshot versions stay as they were
      ...(b.unit !== "usd" ? { unit: b.unit } : {}),
      ...(b.window !== "month" ? { window: b.window } : {}),
    })),
    trapped_tenants: [...s.trapped].sort().slice(0, MAX_TRAPPED_IN_SNAPSHOT),
    quotas: s.quotas.map((q) => ({
      provider: q.provider,
      model: q.model,
      action: q.action,
      projected_exhaustion: q.projectedExhaustion,
      reason: q.reason,
      models: q.models,
    })),
    model_routes: [...s.routes].map(([k, r]) => {
      const [feature, from_model] = k.split("\u0000");
      return { feature, from_model, to_model: r.toModel, draft_id: r.draftId };
    }),
  };
  const version = createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 22);
  return { version, ...body };
}

/** Resolves when a guardrail-relevant write for the organisation happens, or after ms, or on abort. */
export function waitForChange(organizationId: string, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let unsubscribe = () => {};
    const done = () => {
      clearTimeout(t);
      unsubscribe();
      resolve();
    };
    const t = setTimeout(done, ms);
    unsubscribe = subscribeGuardrailWrites((org) => {
      if (org === organizationId || org === "*") setTimeout(done, 0); // after the snapshot was marked stale
    });
    signal?.addEventListener("abort", done, { once: true });
  });
}
