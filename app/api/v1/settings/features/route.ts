import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listFeatureSettings } from "@/lib/settings/update-settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/settings/features"], async ({ principal }) => ({
  features: await listFeatureSettings(principal.organizationId),
}));
