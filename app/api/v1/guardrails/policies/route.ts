import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { listPolicies, upsertPolicy } from "@/lib/guardrails/manage-policies";
import { assertMayEditFeature } from "@/lib/settings/update-settings";

export const GET = apiRoute(endpoints["GET /api/v1/guardrails/policies"], async ({ principal }) => ({
  policies: await listPolicies(principal.organizationId),
}));

/** Create or change a feature's policy (fallback, kill switch, baseline). */
export const PUT = apiRoute(endpoints["PUT /api/v1/guardrails/policies"], async ({ principal, body }) => {
  await assertMayEditFeature(principal, body.feature);
  return upsertPolicy(principal.organizationId, body, actorOf(principal));
});
