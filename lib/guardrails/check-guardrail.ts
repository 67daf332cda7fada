import "server-only";
import os from "node:os";
import { budgetApplies, budgetEstimate, LeaseBook, routeKey, type DecideView } from "@spendline/guardrail-core";
import { decide, DEFAULT_POLICY, type BudgetView, type CheckRequest } from "./decide";
import { currentMonth, loadSnapshot, type HardBudget, type OrgSnapshot } from "./load-snapshot";
import { notifyLocal, subscribeGuardrailWrites } from "../guardrail-changes/invalidate";
import { grantLease } from "./leases";
import { logDecision } from "./log-decision";
import { listenForGuardrailChanges } from "../guardrail-changes/pg-notify";
import { runtimeSlot } from "../runtime";

/**
 * Guardrail checks are served from an in-memory snapshot per organisation (policies, hard
 * budgets, month-to-date spend, trapped free tenants), reloaded from the database when older
 * than REFRESH_MS (in the background: checks keep using the previous one) and at once after a
 * relevant write in this process or, on PostgreSQL, in any other (LISTEN/NOTIFY, pg-notify.ts).
 *
 * Hard budgets: this process is a lease holder like any SDK instance (decision 017). It holds
 * a slice of each hard budget granted in PostgreSQL (leases.ts) and spends the feature's mean
 * cost per event on every hard budget an allowed check passes, in the same synchronous step
 * as the decision, asking for a new slice when it runs low. Every Spendline process and SDK
 * together never exceed a hard budget.
 */
export const REFRESH_MS = 5_000;
const HOLDER = `server:${process.pid}@${os.hostname()}`;

type State = {
  snapshots: Map<string, OrgSnapshot>;
  loading: Map<string, Promise<OrgSnapshot>>;
  books: Map<string, LeaseBook>;
  /** bumped by every invalidation: a load that started before it is not kept */
  generation: number;
  subscribed: boolean;
};
const guardrailsSlot = runtimeSlot<State>("Guardrails");
const state: State = (guardrailsSlot.value ??= {
  snapshots: new Map(),
  loading: new Map(),
  books: new Map(),
  generation: 0,
  subscribed: false,
});
if (!state.subscribed) {
  state.subscribed = true;
  subscribeGuardrailWrites((orgId) => {
    state.generation++;
    if (orgId === "*") {
      state.snapshots.clear();
      state.loading.clear();
    } else {
      state.snapshots.delete(orgId);
      state.loading.delete(orgId);
    }
  });
  listenForGuardrailChanges(notifyLocal);
}

/** /metrics: the age (seconds) of the oldest and newest guardrail snapshot this process holds. */
export function snapshotAges(now = Date.now()): { max: number; min: number; count: number } {
  const ages = [...state.snapshots.values()].map((s) => (now - s.loadedAt) / 1000);
  return { max: ages.length ? Math.max(...ages) : 0, min: ages.length ? Math.min(...ages) : 0, count: ages.length };
}

function bookFor(organizationId: string): LeaseBook {
  let b = state.books.get(organizationId);
  if (!b) {
    b = new LeaseBook(async (r) => {
      const g = await grantLease(organizationId, {
        budgetId: r.budgetId,
        holder: HOLDER,
        wantPico: r.wantPico,
        minPico: r.minPico,
        release: r.release,
      });
      return {
        leaseId: g?.leaseId ?? null,
        budgetId: r.budgetId,
        amountPico: g?.amountPico ?? 0n,
        expiresAt: (g?.expiresAt ?? new Date()).getTime(),
        retryAfterSec: g?.retryAfterSec,
      };
    });
    state.books.set(organizationId, b);
  }
  return b;
}

function reload(organizationId: string): Promise<OrgSnapshot> {
  let p = state.loading.get(organizationId);
  if (!p) {
    const gen = state.generation;
    const mine: Promise<OrgSnapshot> = loadSnapshot(organizationId)
      .then((s) => {
        if (gen === state.generation) state.snapshots.set(organizationId, s);
        return s;
      })
      .finally(() => {
        if (state.loading.get(organizationId) === mine) state.loading.delete(organizationId);
      });
    p = mine;
    state.loading.set(organizationId, p);
  }
  return p;
}

async function snapshotFor(organizationId: string): Promise<OrgSnapshot> {
  const s = state.snapshots.get(organizationId);
  if (!s || s.month !== currentMonth()) return reload(organizationId);
  if (Date.now() - s.loadedAt > REFRESH_MS)
    void reload(organizationId).catch((e) => console.error("guardrail snapshot refresh failed:", e));
  return s;
}

/** Forces a reload now (tests, and after writes in another process if you know of them). */
export async function refreshGuardrailSnapshot(organizationId: string): Promise<void> {
  state.snapshots.delete(organizationId);
  await reload(organizationId);
}

/** Test hook: forget this process's leases (a new test, a new budget). */
export function clearReservations(): void {
  state.books.clear();
}

/**
 * The hard budgets that apply to a call: its feature's, its team's, the organisation's, its
 * model's, its tenant's, its user's and its environment's (absent: prod).
 */
export function budgetsFor(s: OrgSnapshot, req: CheckRequest): HardBudget[] {
  const team = s.featureTeam.get(req.feature);
  return s.hardBudgets.filter((b) => budgetApplies(b, req, team));
}

export type CheckAnswer = { decision: "allow" | "downgrade" | "block"; model?: string; reason: string; retry_after?: number };

export async function checkGuardrail(organizationId: string, req: CheckRequest): Promise<CheckAnswer> {
  const s = await snapshotFor(organizationId);
  const policy = s.policies.get(req.feature) ?? DEFAULT_POLICY;
  const estimatePico = s.estimate.get(req.feature) ?? s.defaultEstimate;
  const budgets = policy.killSwitch || policy.anomalyActive ? [] : budgetsFor(s, req);
  const book = bookFor(organizationId);
  const estimateTokens = s.estimateTokens.get(req.feature) ?? s.defaultEstimateTokens;
  // each budget in its own unit: money, tokens or one request
  const amounts = { estimatePico, estimateTokens };
  await Promise.all(
    budgets.map((b) => {
      const need = budgetEstimate(b, amounts);
      return book.readyOne(b.id, need) ? undefined : book.ensureOne(b.id, need);
    }),
  );
  // from here on: synchronous until the lease is spent
  const applicable: BudgetView[] = budgets.map((b) => ({
    ...b,
    spentPico: b.limitPico - book.left(b.id),
    reservedPico: 0n,
    retryAfterSec: book.retryAfter(b.id),
  }));
  const tier = req.tenant?.tier ?? null;
  const trapped = !!req.tenant && (tier === null || tier === "free") && s.trapped.has(req.tenant.id);
  const view: DecideView = {
    policy,
    hardBudgets: applicable,
    tenantTrapped: trapped,
    estimatePico,
    estimateTokens,
    quota: s.quotaByModel.get(req.model),
    route: s.routes.get(routeKey(req.feature, req.model)),
  };
  const d = decide(req, view);
  // reserveOn is every applicable budget, or none
  if (d.reserveOn.length) for (let i = 0; i < applicable.length; i++) book.spendOne(applicable[i].id, budgetEstimate(applicable[i], view));

  if (d.decision !== "allow") {
    logDecision({
      organizationId,
      feature: req.feature,
      tenantId: req.tenant?.id ?? null,
      tier,
      model: req.model,
      decision: d.decision,
      fallbackModel: d.model ?? null,
      reason: d.reason,
    });
  }
  const answer: CheckAnswer = d.model
    ? { decision: d.decision, model: d.model, reason: d.reason }
    : { decision: d.decision, reason: d.reason };
  if (d.retryAfter !== undefined) answer.retry_after = d.retryAfter;
  return answer;
}

/** Ingest hook: count newly stored cost at once (the next reload replaces it with the DB's). */
export function addIngestedSpend(
  organizationId: string,
  events: { feature: string; team: string; timestamp: Date; costPico: bigint }[],
): void {
  const s = state.snapshots.get(organizationId);
  if (!s) return;
  for (const e of events) {
    if (currentMonth(e.timestamp) !== s.month) continue;
    s.spentFeature.set(e.feature, (s.spentFeature.get(e.feature) ?? 0n) + e.costPico);
    s.spentTeam.set(e.team, (s.spentTeam.get(e.team) ?? 0n) + e.costPico);
    s.spentOrg.value += e.costPico;
  }
}

/** The current snapshot (policy-snapshot.ts builds the SDK's view of it). */
export function guardrailSnapshot(organizationId: string): Promise<OrgSnapshot> {
  return snapshotFor(organizationId);
}
