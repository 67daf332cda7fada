import { actorOf, apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { clearAnomaly } from "@/lib/guardrails/manage-policies";

export const POST = apiRoute(endpoints["POST /api/v1/guardrails/policies/{feature}/clear-anomaly"], async ({ principal, params }) =>
  clearAnomaly(principal.organizationId, decodeURIComponent(params.feature), actorOf(principal)),
);
