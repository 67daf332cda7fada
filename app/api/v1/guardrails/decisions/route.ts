import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listDecisions } from "@/lib/guardrails/log-decision";
import { decisionView } from "@/lib/guardrails/decision-view";

export const GET = apiRoute(endpoints["GET /api/v1/guardrails/decisions"], async ({ principal, query }) => ({
  decisions: (await listDecisions(principal.organizationId, query.limit)).map(decisionView),
}));
