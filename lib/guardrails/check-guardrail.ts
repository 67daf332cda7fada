import "server-only";
import { decide, DEFAULT_POLICY, type BudgetView, type CheckRequest } from "./decide";
import { currentMonth, loadSnapshot, type OrgSnapshot } from "./load-snapshot";
import { subscribeGuardrailWrites } from "./invalidate";
import { logDecision } from "./log-decision";

/**
 * Guardrail checks are served from an in-memory snapshot per organisation (policies, hard
 * budgets, month-to-date spend, trapped free tenants), reloaded from the database when older
 * than REFRESH_MS (in the background: checks keep using the previous one) and at once after a
 * relevant write in this process. Ingested events add to the in-memory spend immediately.
 *
 * Hard budgets: each allowed check reserves the feature's mean cost per event on every hard
 * budget it passes. The decision and the reservation happen in one synchronous step, so
 * concurrent checks in this process cannot together overshoot a limit. Reservations expire
 * after RESERVATION_TTL_MS (by then the event has normally been ingested and counted), which
 * errs on the side of the budget. Several server processes each hold their own reservations:
 * run guardrail checks on one process, or accept that overshoot is bounded by processes × TTL.
 */
export const REFRESH_MS = 5_000;
export const RESERVATION_TTL_MS = 30_000;

type Reservation = { amount: bigint; expiresAt: number };
type Ledger = { items: Reservation[]; head: number; total: bigint };

type State = {
  snapshots: Map<string, OrgSnapshot>;
  loading: Map<string, Promise<OrgSnapshot>>;
  ledgers: Map<string, Ledger>;
  subscribed: boolean;
};
const g = globalThis as unknown as { __spendlineGuardrails?: State };
const state: State = (g.__spendlineGuardrails ??= { snapshots: new Map(), loading: new Map(), ledgers: new Map(), subscribed: false });
if (!state.subscribed) {
  state.subscribed = true;
  subscribeGuardrailWrites((orgId) => {
    state.snapshots.delete(orgId);
  });
}

function reload(organizationId: string): Promise<OrgSnapshot> {
  let p = state.loading.get(organizationId);
  if (!p) {
    p = loadSnapshot(organizationId)
      .then((s) => {
        state.snapshots.set(organizationId, s);
        return s;
      })
      .finally(() => state.loading.delete(organizationId));
    state.loading.set(organizationId, p);
  }
  return p;
}

async function snapshotFor(organizationId: string): Promise<OrgSnapshot> {
  const s = state.snapshots.get(organizationId);
  if (!s || s.month !== currentMonth()) return reload(organizationId);
  if (Date.now() - s.loadedAt > REFRESH_MS) void reload(organizationId).catch((e) => console.error("guardrail snapshot refresh failed:", e));
  return s;
}

/** Forces a reload now (tests, and after writes in another process if you know of them). */
export async function refreshGuardrailSnapshot(organizationId: string): Promise<void> {
  state.snapshots.delete(organizationId);
  await reload(organizationId);
}

function reserved(budgetId: string, now: number): bigint {
  const l = state.ledgers.get(budgetId);
  if (!l) return 0n;
  while (l.head < l.items.length && l.items[l.head].expiresAt <= now) {
    l.total -= l.items[l.head].amount;
    l.head++;
  }
  if (l.head > 1024 && l.head * 2 > l.items.length) {
    l.items = l.items.slice(l.head);
    l.head = 0;
  }
  return l.total;
}

function reserve(budgetId: string, amount: bigint, now: number) {
  let l = state.ledgers.get(budgetId);
  if (!l) state.ledgers.set(budgetId, (l = { items: [], head: 0, total: 0n }));
  l.items.push({ amount, expiresAt: now + RESERVATION_TTL_MS });
  l.total += amount;
}

/** Test hook: forget reservations (a new test, a new budget). */
export function clearReservations(): void {
  state.ledgers.clear();
}

export type CheckAnswer = { decision: "allow" | "downgrade" | "block"; model?: string; reason: string };

export async function checkGuardrail(organizationId: string, req: CheckRequest): Promise<CheckAnswer> {
  const s = await snapshotFor(organizationId);
  // from here on: synchronous until the reservation is made
  const now = Date.now();
  const team = s.featureTeam.get(req.feature);
  const applicable: BudgetView[] = [];
  for (const b of s.hardBudgets) {
    let spent: bigint | undefined;
    if (b.scope === "feature" && b.scopeRef === req.feature) spent = s.spentFeature.get(req.feature) ?? 0n;
    else if (b.scope === "team" && team !== undefined && b.scopeRef === team) spent = s.spentTeam.get(team) ?? 0n;
    else if (b.scope === "org") spent = s.spentOrg.value;
    if (spent !== undefined) applicable.push({ ...b, spentPico: spent, reservedPico: reserved(b.id, now) });
  }
  const tier = req.tenant?.tier ?? null;
  const trapped = !!req.tenant && (tier === null || tier === "free") && s.trapped.has(req.tenant.id);
  const estimatePico = s.estimate.get(req.feature) ?? s.defaultEstimate;
  const d = decide(req, { policy: s.policies.get(req.feature) ?? DEFAULT_POLICY, hardBudgets: applicable, tenantTrapped: trapped, estimatePico });
  for (const id of d.reserveOn) reserve(id, estimatePico, now);

  if (d.decision !== "allow") {
    logDecision({ organizationId, feature: req.feature, tenantId: req.tenant?.id ?? null, tier, model: req.model, decision: d.decision, fallbackModel: d.model ?? null, reason: d.reason });
  }
  return d.model ? { decision: d.decision, model: d.model, reason: d.reason } : { decision: d.decision, reason: d.reason };
}

/** Ingest hook: count newly stored cost at once (the next reload replaces it with the DB's). */
export function addIngestedSpend(organizationId: string, events: { feature: string; team: string; timestamp: Date; costPico: bigint }[]): void {
  const s = state.snapshots.get(organizationId);
  if (!s) return;
  for (const e of events) {
    if (currentMonth(e.timestamp) !== s.month) continue;
    s.spentFeature.set(e.feature, (s.spentFeature.get(e.feature) ?? 0n) + e.costPico);
    s.spentTeam.set(e.team, (s.spentTeam.get(e.team) ?? 0n) + e.costPico);
    s.spentOrg.value += e.costPico;
  }
}
