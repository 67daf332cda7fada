import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { clearAnomaly } from "@/lib/guardrails/manage-policies";
import { assertMayEditFeature } from "@/lib/settings/update-settings";

export const POST = apiRoute(endpoints["POST /api/v1/guardrails/policies/{feature}/clear-anomaly"], async ({ principal, params }) => {
  // Next.js hands path parameters over decoded; decoding again turned "100%25zz" into a URIError (500)
  const feature = params.feature;
  await assertMayEditFeature(principal, feature);
  return clearAnomaly(principal.organizationId, feature, actorOf(principal));
});
