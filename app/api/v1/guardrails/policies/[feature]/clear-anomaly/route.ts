import { actorOf, apiRoute } from "@/lib/api/route";
import { clearAnomaly } from "@/lib/guardrails/manage-policies";
import { assertMayEditFeature } from "@/lib/metrics/update-settings";

export const POST = apiRoute({ capability: "guardrails.manage" }, async ({ principal, params }) => {
  const feature = decodeURIComponent(params.feature);
  await assertMayEditFeature(principal, feature);
  return clearAnomaly(principal.organizationId, feature, actorOf(principal));
});
