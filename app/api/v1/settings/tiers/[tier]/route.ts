import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { AppError } from "@/lib/core/errors";
import { updateTierSetting } from "@/lib/settings/update-settings";
import { tierName } from "@/lib/settings/schemas";

export const dynamic = "force-dynamic";

/** PUT /api/v1/settings/tiers/{tier} { predicted_ltv_usd, monthly_price_usd? }: ADMIN/FINANCE session or admin-scoped key. */
export const PUT = apiRoute(endpoints["PUT /api/v1/settings/tiers/{tier}"], async ({ principal, body, params }) => {
  const tier = tierName.safeParse(params.tier);
  if (!tier.success)
    throw new AppError("validation_failed", "Invalid tier name.", [{ path: "tier", message: tier.error.issues[0].message }]);
  return updateTierSetting(principal.organizationId, tier.data, body, actorOf(principal));
});
