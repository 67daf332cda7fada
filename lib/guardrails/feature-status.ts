/**
 * What the guardrail check API would answer for each feature right now, for the Budgets page:
 * the same pure decide() over the same snapshot the check API loads, so the page's status and
 * "features in fallback" can never disagree with the answer an application gets (a feature over
 * a hard budget shows "hard budget: downgrade", not "normal"). No reservation, no decision log.
 */
import { decide, DEFAULT_POLICY, type BudgetView } from "./decide";
import type { OrgSnapshot } from "./load-snapshot";

export type FeatureGuardrailStatus = {
  state: "normal" | "kill_switch" | "anomaly" | "hard_budget";
  decision: "allow" | "downgrade" | "block";
  model: string | null;
  reason: string;
};

type SnapshotPart = Pick<OrgSnapshot, "policies" | "featureTeam" | "spentFeature" | "spentTeam" | "spentOrg" | "hardBudgets">;

/** Hard budgets that apply to a feature (its own, its team's, the organisation's) with their spend. */
export function budgetsForFeature(s: SnapshotPart, feature: string): BudgetView[] {
  const team = s.featureTeam.get(feature);
  const out: BudgetView[] = [];
  for (const b of s.hardBudgets) {
    // per-call scopes (tenant, user, model, environment), rate limits and token/request budgets are decided per call, not per feature
    if (b.unit !== "usd" || b.window !== "month") continue;
    let spent: bigint | undefined;
    if (b.scope === "feature" && b.scopeRef === feature) spent = s.spentFeature.get(feature) ?? 0n;
    else if (b.scope === "team" && team !== undefined && b.scopeRef === team) spent = s.spentTeam.get(team) ?? 0n;
    else if (b.scope === "org") spent = s.spentOrg.value;
    if (spent !== undefined) out.push({ ...b, spentPico: spent, reservedPico: 0n });
  }
  return out;
}

export function featureGuardrailStatus(s: SnapshotPart, feature: string): FeatureGuardrailStatus {
  const policy = s.policies.get(feature) ?? DEFAULT_POLICY;
  // a request for a model other than the fallback, with no estimate: "is this feature tripped?"
  const d = decide(
    { feature, model: "\u0000any" },
    { policy, hardBudgets: budgetsForFeature(s, feature), tenantTrapped: false, estimatePico: 0n },
  );
  const state = d.decision === "allow" ? "normal" : policy.killSwitch ? "kill_switch" : policy.anomalyActive ? "anomaly" : "hard_budget";
  return { state, decision: d.decision === "allow" ? "allow" : d.decision, model: d.model ?? null, reason: d.reason };
}
