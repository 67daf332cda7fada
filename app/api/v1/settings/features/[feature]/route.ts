import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { assertMayEditFeature, updateFeatureSetting } from "@/lib/settings/update-settings";

export const dynamic = "force-dynamic";

/** PUT /api/v1/settings/features/{feature}: owner, review threshold, unit and value, design estimate. */
export const PUT = apiRoute(endpoints["PUT /api/v1/settings/features/{feature}"], async ({ principal, body, params }) => {
  await assertMayEditFeature(principal, params.feature, body.owner_team);
  return updateFeatureSetting(principal.organizationId, params.feature, body, actorOf(principal));
});
