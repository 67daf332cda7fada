import type { z } from "zod";
import type { GuardrailDecision } from "../generated/prisma/client";
import type { decisionsResponse } from "./response-schemas";

/** A stored guardrail decision as the API and the Budgets page show it (one mapping for both). */
export type DecisionView = z.infer<typeof decisionsResponse>["decisions"][number];

type DecisionRow = Omit<GuardrailDecision, "organizationId">;

export function decisionView(d: DecisionRow): DecisionView {
  return {
    id: d.id,
    at: d.at.toISOString(),
    feature: d.feature,
    tenant_id: d.tenantId,
    tier: d.tier,
    model: d.model,
    decision: d.decision,
    fallback_model: d.fallbackModel,
    reason: d.reason,
  };
}
