import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { checkWithModelRoutes } from "@/lib/opportunities/model-routes";

/** Applications ask before a model call; answered from memory (see check-guardrail.ts), then approved model routes. */
export const POST = apiRoute(endpoints["POST /api/v1/guardrails/check"], async ({ principal, body }) =>
  checkWithModelRoutes(principal.organizationId, body),
);
