import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { listDecisions } from "@/lib/guardrails/log-decision";

export const GET = apiRoute(
  { capability: "dashboards.read", query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
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
