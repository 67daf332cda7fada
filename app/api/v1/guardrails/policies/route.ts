import { actorOf, apiRoute } from "@/lib/api/route";
import { listPolicies, upsertPolicy } from "@/lib/guardrails/manage-policies";
import { policySchema } from "@/lib/guardrails/schemas";
import { assertMayEditFeature } from "@/lib/metrics/update-settings";

export const GET = apiRoute({ capability: "dashboards.read" }, async ({ principal }) => ({ policies: await listPolicies(principal.organizationId) }));

/** Create or change a feature's policy (fallback, kill switch, baseline). */
export const PUT = apiRoute({ capability: "guardrails.manage", body: policySchema }, async ({ principal, body }) => {
  await assertMayEditFeature(principal, body.feature);
  return upsertPolicy(principal.organizationId, body, actorOf(principal));
});
