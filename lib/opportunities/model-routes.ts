import "server-only";
import { db } from "../db";
import { checkGuardrail, type CheckAnswer } from "../guardrails/check-guardrail";
import type { CheckRequest } from "../guardrails/decide";
import { subscribeGuardrailWrites } from "../guardrails/invalidate";
import { logDecision } from "../guardrails/log-decision";

/**
 * Approved model switches as standing guardrail routes (docs/decisions/024): after the budget,
 * kill-switch, anomaly and freemium checks allow a call, a call of `from_model` on the feature
 * is answered `downgrade` to `to_model`. Calls that already ask for another model pass, so an
 * application that switched in code is never blocked by its own approved rule. Routes are held
 * in memory per organisation and reloaded every ROUTES_REFRESH_MS or at once after a guardrail
 * write in this process (approving a draft is one).
 */
export const ROUTES_REFRESH_MS = 5_000;
type Routes = { loadedAt: number; byKey: Map<string, { to: string; draftId: string }> };
const g = globalThis as unknown as { __spendlineModelRoutes?: { cache: Map<string, Routes>; subscribed: boolean } };
const state = (g.__spendlineModelRoutes ??= { cache: new Map(), subscribed: false });
if (!state.subscribed) {
  state.subscribed = true;
  subscribeGuardrailWrites((orgId) => state.cache.delete(orgId));
}
const key = (feature: string, model: string) => `${feature}\u0000${model}`;

async function routesFor(organizationId: string): Promise<Routes> {
  const hit = state.cache.get(organizationId);
  if (hit) {
    // stale: answer from the previous routes and reload in the background (as the snapshot does)
    if (Date.now() - hit.loadedAt >= ROUTES_REFRESH_MS) {
      hit.loadedAt = Date.now(); // one reload at a time
      void loadRoutes(organizationId).catch((e) => console.error("model routes refresh failed:", e));
    }
    return hit;
  }
  return loadRoutes(organizationId);
}

async function loadRoutes(organizationId: string): Promise<Routes> {
  const rows = await db().policyDraft.findMany({
    where: { organizationId, type: "guardrail_downgrade", status: "applied" },
    orderBy: { decidedAt: "asc" },
    select: { id: true, proposal: true },
    take: 1000,
  });
  const byKey = new Map<string, { to: string; draftId: string }>();
  for (const r of rows) {
    const p = r.proposal as { feature?: string; from_model?: string; to_model?: string };
    if (p.feature && p.from_model && p.to_model) byKey.set(key(p.feature, p.from_model), { to: p.to_model, draftId: r.id });
  }
  const routes = { loadedAt: Date.now(), byKey };
  state.cache.set(organizationId, routes);
  return routes;
}

/** The guardrail check with approved model routes applied (POST /api/v1/guardrails/check). */
export async function checkWithModelRoutes(organizationId: string, req: CheckRequest): Promise<CheckAnswer> {
  const [answer, routes] = await Promise.all([checkGuardrail(organizationId, req), routesFor(organizationId)]);
  if (answer.decision !== "allow") return answer;
  const route = routes.byKey.get(key(req.feature, req.model));
  if (!route || route.to === req.model) return answer;
  const reason = `approved policy draft ${route.draftId}: ${req.feature} routes ${req.model} to ${route.to}`;
  logDecision({ organizationId, feature: req.feature, tenantId: req.tenant?.id ?? null, tier: req.tenant?.tier ?? null, model: req.model, decision: "downgrade", fallbackModel: route.to, reason });
  return { decision: "downgrade", model: route.to, reason };
}
