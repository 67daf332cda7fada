/**
 * The guardrail decision (the same function on the server and in the SDK), pure and
 * synchronous: the caller spends the estimate on the budgets it returns in the same tick,
 * so that concurrent calls cannot together overshoot a hard budget.
 *
 * Order: manual kill switch → anomaly kill switch → hard budgets (feature, team, org) →
 * freemium-trap throttling → allow. A tripped guardrail applies the feature's fallback:
 * downgrade to its fallback model when it has one (and it differs from the requested model),
 * else block. Amounts are picodollars (bigint): never a binary float for money.
 */
export type PolicyView = {
  fallbackAction: string;
  fallbackModel: string | null;
  killSwitch: boolean;
  killSwitchReason: string | null;
  anomalyActive: boolean;
  freemiumThrottle: boolean;
};

export type BudgetView = {
  id: string;
  scope: string;
  scopeRef: string;
  limitPico: bigint;
  /** what this decider cannot use: month-to-date spend, or for a lease holder limit − lease left */
  spentPico: bigint;
  reservedPico: bigint;
  fallbackModel: string | null;
};

export type CheckRequest = { feature: string; model: string; tenant?: { id: string; tier?: string | null } };

export type Decision = {
  decision: "allow" | "downgrade" | "block";
  model?: string;
  reason: string;
  /** hard budgets on which the caller must spend `estimatePico` (allow only) */
  reserveOn: string[];
};

export const DEFAULT_POLICY: PolicyView = {
  fallbackAction: "downgrade",
  fallbackModel: null,
  killSwitch: false,
  killSwitchReason: null,
  anomalyActive: false,
  freemiumThrottle: true,
};

const PICO_PER_CENT = 10_000_000_000n;

/** "$1.23" (cents, half-up): enough for a reason text. */
export function centsUsd(p: bigint): string {
  const c = (p + PICO_PER_CENT / 2n) / PICO_PER_CENT;
  return `$${c / 100n}.${(c % 100n).toString().padStart(2, "0")}`;
}

function fallback(req: CheckRequest, policy: PolicyView, reason: string, model?: string | null): Decision {
  const m = model ?? policy.fallbackModel;
  if (policy.fallbackAction !== "block" && m && m !== req.model) {
    return { decision: "downgrade", model: m, reason: `${reason}; downgraded to ${m}`, reserveOn: [] };
  }
  return { decision: "block", reason, reserveOn: [] };
}

export function decide(
  req: CheckRequest,
  view: { policy: PolicyView; hardBudgets: BudgetView[]; tenantTrapped: boolean; estimatePico: bigint },
  formatUsd: (p: bigint) => string = centsUsd,
): Decision {
  const { policy } = view;
  if (policy.killSwitch) return fallback(req, policy, `kill switch on for ${req.feature}${policy.killSwitchReason ? `: ${policy.killSwitchReason}` : ""}`);
  if (policy.anomalyActive) return fallback(req, policy, `anomaly kill switch: ${req.feature} cost per minute ≥ 4× its baseline`);

  for (const b of view.hardBudgets) {
    if (b.spentPico + b.reservedPico + view.estimatePico > b.limitPico) {
      const label = b.scope === "org" ? "organisation" : `${b.scope} ${b.scopeRef}`;
      return fallback(req, policy, `hard budget for ${label} reached (${formatUsd(b.spentPico + b.reservedPico)} of ${formatUsd(b.limitPico)} this month)`, b.fallbackModel);
    }
  }

  if (view.tenantTrapped && policy.freemiumThrottle && req.tenant) {
    const m = policy.fallbackModel;
    if (m && m !== req.model) {
      return { decision: "downgrade", model: m, reason: `free tenant ${req.tenant.id} is in the freemium trap (first-30-day cost above the tier's predicted LTV); downgraded to ${m}`, reserveOn: [] };
    }
  }
  return { decision: "allow", reason: "within budgets and guardrails", reserveOn: view.hardBudgets.map((b) => b.id) };
}
