import { actorOf, apiRoute } from "@/lib/api/route";
import { assertMayEditFeature, updateFeatureSetting } from "@/lib/metrics/update-settings";
import { featureSettingsBody } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

/** PUT /api/v1/settings/features/{feature}: owner, review threshold, unit and value, design estimate. */
export const PUT = apiRoute({ capability: "features.edit", body: featureSettingsBody }, async ({ principal, body, params }) => {
  await assertMayEditFeature(principal, params.feature, body.owner_team);
  return updateFeatureSetting(principal.organizationId, params.feature, body, actorOf(principal));
});
