import {
  budgetApplies,
  budgetEstimate,
  decide,
  DEFAULT_POLICY,
  indexQuotas,
  routeKey,
  type ModelRoute,
  type QuotaVerdict,
  type BudgetView,
  type CheckRequest,
  type Decision,
  type PolicyView,
  LeaseBook,
  type LeaseGrant,
  type LeaseRequest,
  type SnapshotWire,
} from "@spendline/guardrail-core";
import { backoffMs, Http, sleep } from "./http.js";
import { formatUsd, parseUsd } from "./money.js";

type Budget = {
  id: string;
  scope: string;
  scopeRef: string;
  limitPico: bigint;
  fallbackModel: string | null;
  unit: "usd" | "tokens" | "requests";
  window: "month" | "24h" | "7d" | "30d";
};
export type Snapshot = {
  version: string;
  policies: Map<string, PolicyView & { team: string | null; estimatePico: bigint | null; estimateTokens: bigint | null }>;
  defaultEstimatePico: bigint;
  defaultEstimateTokens: bigint;
  hardBudgets: Budget[];
  trapped: Set<string>;
  quotaByModel: Map<string, QuotaVerdict>;
  routes: Map<string, ModelRoute>;
  /** this SDK's API key id (budgets by API key) */
  apiKeyId?: string;
};

export function parseSnapshot(w: SnapshotWire): Snapshot {
  const policies: Snapshot["policies"] = new Map();
  for (const [f, p] of Object.entries(w.features ?? {})) {
    policies.set(f, {
      fallbackAction: p.fallback_action,
      fallbackModel: p.fallback_model,
      killSwitch: p.kill_switch,
      killSwitchReason: p.kill_switch_reason,
      anomalyActive: p.anomaly_active,
      freemiumThrottle: p.freemium_throttle,
      team: p.team,
      estimatePico: parseUsd(p.estimate_usd),
      estimateTokens: parseUsd(p.estimate_tokens ?? null),
    });
  }
  return {
    version: w.version,
    policies,
    defaultEstimatePico: parseUsd(w.default_estimate_usd) ?? 10_000_000_000n,
    defaultEstimateTokens: parseUsd(w.default_estimate_tokens ?? null) ?? 1_000_000_000_000_000n,
    hardBudgets: (w.hard_budgets ?? []).map((b) => ({
      id: b.id,
      scope: b.scope,
      scopeRef: b.scope_ref,
      limitPico: parseUsd(b.limit_usd) ?? 0n,
      fallbackModel: b.fallback_model,
      unit: b.unit ?? "usd",
      window: b.window ?? "month",
    })),
    trapped: new Set(w.trapped_tenants ?? []),
    apiKeyId: w.api_key_id ?? undefined,
    quotaByModel: indexQuotas(
      (w.quotas ?? []).map((q) => ({
        provider: q.provider,
        model: q.model,
        action: q.action,
        projectedExhaustion: q.projected_exhaustion,
        reason: q.reason,
        models: q.models ?? [],
      })),
    ),
    routes: new Map((w.model_routes ?? []).map((r) => [routeKey(r.feature, r.from_model), { toModel: r.to_model, draftId: r.draft_id }])),
  };
}

/** A snapshot poll answered with something other than 200/304 (network errors are thrown by fetch). */
class PollFailure extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterSeconds: number | undefined,
    body: string,
  ) {
    super(`HTTP ${status}: ${body}`);
  }
}

function retryAfterSeconds(h: string | null): number | undefined {
  const n = h === null || h.trim() === "" ? NaN : Number(h);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** While Spendline is unreachable or answers 5xx, the snapshot poll retries at most this far apart. */
export const OUTAGE_RETRY_CAP_MS = 500;

/**
 * How long the snapshot poll waits after its `failures`-th failure in a row (≥ 1).
 * - No answer or 5xx (an instance restarting, a database failover: the balancer answers 503
 *   until an instance is ready again): 50–100 ms, then doubling to 250–500 ms (equal jitter),
 *   never more, so a kill switch set during the outage reaches this process within ~0.5 s of
 *   the service answering again. Two to four cheap requests a second per process, spread by
 *   the jitter, is no hammering; the server's `Retry-After` is not waited for here (it is in
 *   whole seconds, longer than the kill-switch budget).
 * - 429: the server's `Retry-After` when longer than the backoff (at most a minute).
 * - Any other answer (401, 403, 404: a configuration error that retrying does not fix): 0.5 s
 *   doubling to 15 s.
 */
export function pollRetryMs(
  failures: number,
  failure: { status?: number; retryAfterSeconds?: number },
  random: () => number = Math.random,
): number {
  const n = Math.max(1, failures);
  const status = failure.status;
  if (status === undefined || status >= 500) return backoffMs(Math.min(n - 1, 3), 100, OUTAGE_RETRY_CAP_MS, random);
  const slow = backoffMs(Math.min(n, 6), 250, 15_000, random);
  if (status === 429) return Math.min(60_000, Math.max(slow, (failure.retryAfterSeconds ?? 0) * 1000));
  return slow;
}

export type GuardDecision = {
  decision: "allow" | "downgrade" | "block";
  model: string;
  reason: string;
  /** a rate limit (a rolling-window hard budget) is reached: seconds until the call may go */
  retryAfter?: number;
};

/**
 * Keeps the policy snapshot fresh by long-polling a conditional GET (If-None-Match; the
 * server answers at once when the snapshot changed, else holds the request up to `wait`
 * seconds and answers 304), and decides guardrails locally from it. Hard budgets are spent
 * from leases (./leases.ts).
 */
export class Guard {
  snapshot: Snapshot | null = null;
  private loop: Promise<void> | null = null;
  private readonly stop = new AbortController();
  private firstLoad: Promise<void>;
  private resolveFirst!: () => void;
  readonly leases: LeaseBook;

  constructor(
    private readonly http: Http,
    private readonly onError: (e: Error) => void,
    private readonly o: { holder: string; waitSeconds: number; failOpen: boolean; initialWaitMs: number },
  ) {
    this.firstLoad = new Promise((r) => (this.resolveFirst = r));
    this.leases = new LeaseBook((req) => this.requestLease(req));
  }

  start(): void {
    if (!this.loop) this.loop = this.poll();
  }

  private async poll(): Promise<void> {
    let failures = 0;
    while (!this.stop.signal.aborted) {
      try {
        const wait = this.snapshot ? this.o.waitSeconds : 0;
        const res = await this.http.request("GET", `/api/v1/guardrails/snapshot?wait=${wait}`, {
          headers: this.snapshot ? { "if-none-match": `"${this.snapshot.version}"` } : {},
          signal: this.stop.signal,
          timeoutMs: (wait + 10) * 1000,
        });
        if (res.status === 200) {
          this.snapshot = parseSnapshot((await res.json()) as SnapshotWire);
          this.resolveFirst();
          failures = 0;
        } else if (res.status === 304) {
          await res.body?.cancel();
          failures = 0;
        } else {
          throw new PollFailure(res.status, retryAfterSeconds(res.headers.get("retry-after")), (await res.text()).slice(0, 200));
        }
      } catch (e) {
        if (this.stop.signal.aborted) return;
        if (failures++ % 10 === 0) this.onError(new Error(`Spendline policy snapshot: ${(e as Error).message}; retrying`));
        const f = e instanceof PollFailure ? e : {};
        await sleep(pollRetryMs(failures, f), this.stop.signal);
      }
    }
  }

  private async requestLease(req: LeaseRequest): Promise<LeaseGrant> {
    const res = await this.http.request("POST", "/api/v1/guardrails/leases", {
      body: {
        budget_id: req.budgetId,
        holder: this.o.holder,
        want_usd: formatUsd(req.wantPico),
        min_usd: formatUsd(req.minPico),
        release: req.release ? { lease_id: req.release.leaseId, used_usd: formatUsd(req.release.usedPico) } : null,
      },
    });
    if (!res.ok) throw new Error(`Spendline lease: HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const g = (await res.json()) as { lease_id: string | null; amount_usd: string; expires_at: string; retry_after?: number };
    return {
      leaseId: g.lease_id,
      budgetId: req.budgetId,
      amountPico: parseUsd(g.amount_usd) ?? 0n,
      expiresAt: Date.parse(g.expires_at),
      retryAfterSec: g.retry_after,
    };
  }

  /** The hard budgets a call spends on (the server's budgetsFor in lib/guardrails/check-guardrail.ts). */
  private budgetsFor(s: Snapshot, req: CheckRequest): Budget[] {
    const team = s.policies.get(req.feature)?.team ?? null;
    const asKey = s.apiKeyId ? { ...req, apiKey: s.apiKeyId } : req;
    return s.hardBudgets.filter((b) => budgetApplies(b, asKey, team));
  }

  /** The decision, synchronous when the snapshot and leases are at hand (the usual case). */
  decideNow(req: CheckRequest): GuardDecision | null {
    const s = this.snapshot;
    if (!s) return null;
    const p = s.policies.get(req.feature);
    const policy = p ?? DEFAULT_POLICY;
    const estimate = p?.estimatePico ?? s.defaultEstimatePico;
    const amounts = { estimatePico: estimate, estimateTokens: p?.estimateTokens ?? s.defaultEstimateTokens };
    const budgets = policy.killSwitch || policy.anomalyActive ? [] : this.budgetsFor(s, req);
    for (let i = 0; i < budgets.length; i++) if (!this.leases.readyOne(budgets[i].id, budgetEstimate(budgets[i], amounts))) return null;
    const views: BudgetView[] = budgets.map((b) => ({
      ...b,
      spentPico: b.limitPico - this.leases.left(b.id),
      reservedPico: 0n,
      retryAfterSec: this.leases.retryAfter(b.id),
    }));
    const tenant = req.tenant;
    const trapped = !!tenant && (tenant.tier == null || tenant.tier === "free") && s.trapped.has(tenant.id);
    const d: Decision = decide(req, {
      policy,
      hardBudgets: views,
      tenantTrapped: trapped,
      estimatePico: estimate,
      estimateTokens: amounts.estimateTokens,
      quota: s.quotaByModel.get(req.model),
      route: s.routes.get(routeKey(req.feature, req.model)),
    });
    // reserveOn is every applicable budget, or none; each is spent in its own unit
    if (d.reserveOn.length) for (let i = 0; i < views.length; i++) this.leases.spendOne(views[i].id, budgetEstimate(views[i], amounts));
    return d.retryAfter !== undefined
      ? { decision: d.decision, model: d.model ?? req.model, reason: d.reason, retryAfter: d.retryAfter }
      : { decision: d.decision, model: d.model ?? req.model, reason: d.reason };
  }

  async decide(req: CheckRequest): Promise<GuardDecision> {
    const now = this.decideNow(req);
    if (now) return now;
    this.start();
    if (!this.snapshot) {
      await Promise.race([this.firstLoad, sleep(this.o.initialWaitMs)]);
      if (!this.snapshot) return this.unavailable(req, "no policy snapshot from Spendline yet");
    }
    const s = this.snapshot!;
    const p = s.policies.get(req.feature);
    const amounts = {
      estimatePico: p?.estimatePico ?? s.defaultEstimatePico,
      estimateTokens: p?.estimateTokens ?? s.defaultEstimateTokens,
    };
    try {
      await Promise.all(this.budgetsFor(s, req).map((b) => this.leases.ensureOne(b.id, budgetEstimate(b, amounts))));
    } catch (e) {
      this.onError(e as Error);
      return this.unavailable(req, `hard-budget lease unavailable (${(e as Error).message})`);
    }
    return this.decideNow(req) ?? this.unavailable(req, "hard-budget lease unavailable");
  }

  private unavailable(req: CheckRequest, why: string): GuardDecision {
    return this.o.failOpen
      ? { decision: "allow", model: req.model, reason: `${why}; allowed (failOpen)` }
      : { decision: "block", model: req.model, reason: `${why}; blocked (failOpen: false)` };
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.leases.releaseAll();
  }
}
