import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listDecisions } from "@/lib/guardrails/log-decision";

export const GET = apiRoute(endpoints["GET /api/v1/guardrails/decisions"],
  async ({ principal, query }) => ({
    decisions: (await listDecisions(principal.organizationId, query.limit)).map((d) => ({
      id: d.id,
      at: d.at.toISOString(),
      feature: d.feature,
      tenant_id: d.tenantId,
      tier: d.tier,
      model: d.model,
      decision: d.decision,
      fallback_model: d.fallbackModel,
      reason: d.reason,
    })),
  }),
);
