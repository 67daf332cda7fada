import { actorOf, apiRoute } from "@/lib/api/route";
import { clearAnomaly } from "@/lib/guardrails/manage-policies";

export const POST = apiRoute({ capability: "guardrails.manage" }, async ({ principal, params }) =>
  clearAnomaly(principal.organizationId, decodeURIComponent(params.feature), actorOf(principal)),
);
