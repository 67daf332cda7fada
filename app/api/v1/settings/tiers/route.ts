import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listTierSettings } from "@/lib/settings/update-settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/settings/tiers"], async ({ principal }) => ({
  tiers: await listTierSettings(principal.organizationId),
}));
