/**
 * The guardrail decision (the same function on the server and in the SDK), pure and
 * synchronous: the caller spends the estimate on the budgets it returns in the same tick,
 * so that concurrent calls cannot together overshoot a hard budget.
 *
 * Order: manual kill switch → anomaly kill switch → hard budgets (feature, team, org) →
 * quota pacing (the provider quota covering the model runs out before the month ends:
 * downgrade to the fallback model, else allow; exhausted: fallback or block) →
 * freemium-trap throttling → approved model route (a policy draft's `from_model` → `to_model`)
 * → allow. A tripped guardrail applies the feature's fallback:
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

/** What a budget counts: money (picodollars), tokens or requests (both × UNIT_SCALE, so every amount is one bigint scale). */
export type BudgetUnit = "usd" | "tokens" | "requests";
/** A calendar month, or a rolling window ending now. */
export type BudgetWindow = "month" | "24h" | "7d" | "30d";
/** Tokens and requests are held as count × 10^12, the same scale as picodollars, so that leases and their decimal columns serve every unit. */
export const UNIT_SCALE = 1_000_000_000_000n;
export const WINDOW_SECONDS: Record<BudgetWindow, number> = { month: 0, "24h": 86_400, "7d": 604_800, "30d": 2_592_000 };

export type BudgetView = {
  id: string;
  /** org | team | feature | tenant | user | api_key | environment */
  scope: string;
  scopeRef: string;
  /** in the budget's unit (× UNIT_SCALE for tokens and requests) */
  limitPico: bigint;
  /** absent: "usd" */
  unit?: BudgetUnit;
  /** absent: "month" */
  window?: BudgetWindow;
  /** when the budget is exhausted, seconds until the holder may ask again (a rolling window frees spend; a month ends) */
  retryAfterSec?: number;
  /** what this decider cannot use: month-to-date spend, or for a lease holder limit − lease left */
  spentPico: bigint;
  reservedPico: bigint;
  fallbackModel: string | null;
};

/** A quota's pacing verdict from the snapshot (computed server-side from the daily rollups). */
export type QuotaVerdict = {
  provider: string;
  /** "" = every model of the provider */
  model: string;
  action: "allow" | "downgrade" | "block";
  /** UTC day the allocation runs out at the month-to-date pace; null when it lasts the month */
  projectedExhaustion: string | null;
  reason: string;
};

/** An approved guardrail_downgrade policy draft: calls of `fromModel` on the feature go to `toModel`. */
export type ModelRoute = { toModel: string; draftId: string };

export type DecideView = {
  policy: PolicyView;
  hardBudgets: BudgetView[];
  tenantTrapped: boolean;
  estimatePico: bigint;
  /** estimated tokens of the call × UNIT_SCALE (token budgets); absent: 0 */
  estimateTokens?: bigint;
  /** the most urgent quota covering the requested model, if any */
  quota?: QuotaVerdict | null;
  /** the approved route for (feature, requested model), if any */
  route?: ModelRoute | null;
};

export type CheckRequest = {
  feature: string;
  model: string;
  tenant?: { id: string; tier?: string | null };
  /** the end user (budgets and rate limits by user) */
  user?: string;
  /** prod, staging… (budgets by environment); absent: "prod" */
  environment?: string;
  /** the API key asking (budgets and rate limits by key): set by the server from the caller's credentials, never from the body */
  apiKey?: string;
};

export type Decision = {
  decision: "allow" | "downgrade" | "block";
  model?: string;
  reason: string;
  /** seconds until a rate limit (a rolling-window budget) lets the call through: the HTTP check answers 429 with it */
  retryAfter?: number;
  /** hard budgets on which the caller must spend `estimatePico` (the call goes ahead: allow, or a quota/route downgrade) */
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

/** Whether a budget applies to a call (its scope names the call's feature, team, model, tenant, user, environment or API key). */
export function budgetApplies(b: { scope: string; scopeRef: string }, req: CheckRequest, team: string | null | undefined): boolean {
  switch (b.scope) {
    case "org":
      return true;
    case "feature":
      return b.scopeRef === req.feature;
    case "team":
      return team != null && b.scopeRef === team;
    case "model":
      return b.scopeRef === req.model;
    case "tenant":
      return req.tenant?.id === b.scopeRef;
    case "user":
      return req.user === b.scopeRef;
    case "environment":
      return (req.environment ?? "prod") === b.scopeRef;
    case "api_key":
      return req.apiKey !== undefined && req.apiKey === b.scopeRef;
    default:
      return false;
  }
}

/** What one call costs a budget, in the budget's unit. */
export function budgetEstimate(b: { unit?: BudgetUnit }, view: { estimatePico: bigint; estimateTokens?: bigint }): bigint {
  return b.unit === "tokens" ? (view.estimateTokens ?? 0n) : b.unit === "requests" ? UNIT_SCALE : view.estimatePico;
}

function amountText(b: BudgetView, p: bigint, formatUsd: (p: bigint) => string): string {
  if (b.unit === "tokens" || b.unit === "requests") return `${p / UNIT_SCALE} ${b.unit}`;
  return formatUsd(p);
}

const WINDOW_TEXT: Record<BudgetWindow, string> = {
  month: "this month",
  "24h": "in the last 24 h",
  "7d": "in the last 7 days",
  "30d": "in the last 30 days",
};

export function decide(req: CheckRequest, view: DecideView, formatUsd: (p: bigint) => string = centsUsd): Decision {
  const { policy } = view;
  if (policy.killSwitch)
    return fallback(req, policy, `kill switch on for ${req.feature}${policy.killSwitchReason ? `: ${policy.killSwitchReason}` : ""}`);
  if (policy.anomalyActive) return fallback(req, policy, `anomaly kill switch: ${req.feature} cost per minute ≥ 4× its baseline`);

  for (let i = 0; i < view.hardBudgets.length; i++) {
    const b = view.hardBudgets[i];
    if (b.spentPico + b.reservedPico + budgetEstimate(b, view) > b.limitPico) {
      const label = b.scope === "org" ? "organisation" : `${b.scope.replace("_", " ")} ${b.scopeRef}`;
      const window = b.window ?? "month";
      const reason = `${window === "month" ? "hard budget" : "rate limit"} for ${label} reached (${amountText(b, b.spentPico + b.reservedPico, formatUsd)} of ${amountText(b, b.limitPico, formatUsd)} ${WINDOW_TEXT[window]})`;
      if (window !== "month") {
        // a rate limit: the call waits (429 + retry_after), it is not sent to another model
        return { decision: "block", reason, retryAfter: Math.max(1, b.retryAfterSec ?? 1), reserveOn: [] };
      }
      return fallback(req, policy, reason, b.fallbackModel);
    }
  }

  const q = view.quota;
  if (q && q.action === "block") return fallback(req, policy, q.reason);
  if (q && q.action === "downgrade") {
    const m = policy.fallbackModel;
    if (policy.fallbackAction !== "block" && m && m !== req.model) {
      return { decision: "downgrade", model: m, reason: `${q.reason}; downgraded to ${m}`, reserveOn: view.hardBudgets.map((b) => b.id) };
    }
  }

  if (view.tenantTrapped && policy.freemiumThrottle && req.tenant) {
    const m = policy.fallbackModel;
    if (m && m !== req.model) {
      return {
        decision: "downgrade",
        model: m,
        reason: `free tenant ${req.tenant.id} is in the freemium trap (first-30-day cost above the tier's predicted LTV); downgraded to ${m}`,
        reserveOn: [],
      };
    }
  }
  const reserveOn = view.hardBudgets.map((b) => b.id);
  const r = view.route;
  if (r && r.toModel !== req.model) {
    return {
      decision: "downgrade",
      model: r.toModel,
      reason: `approved policy draft ${r.draftId}: ${req.feature} routes ${req.model} to ${r.toModel}`,
      reserveOn,
    };
  }
  return { decision: "allow", reason: "within budgets and guardrails", reserveOn };
}

/** The key of an approved model route. */
export function routeKey(feature: string, model: string): string {
  return `${feature}\u0000${model}`;
}

const QUOTA_RANK = { block: 0, downgrade: 1, allow: 2 } as const;

/**
 * model → the most urgent quota verdict covering it. `models` lists what each quota covers
 * (the quota's model, or for a provider-wide quota the provider's models known to the server),
 * so that the decision needs no provider lookup.
 */
export function indexQuotas(verdicts: (QuotaVerdict & { models: string[] })[]): Map<string, QuotaVerdict> {
  const out = new Map<string, QuotaVerdict>();
  for (const v of verdicts) {
    const { models, ...verdict } = v;
    for (const m of models) {
      const had = out.get(m);
      if (!had || QUOTA_RANK[verdict.action] < QUOTA_RANK[had.action]) out.set(m, verdict);
    }
  }
  return out;
}
