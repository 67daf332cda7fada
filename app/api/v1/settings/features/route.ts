import { apiRoute } from "@/lib/api/route";
import { listFeatureSettings } from "@/lib/metrics/update-settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ capability: "dashboards.read" }, async ({ principal }) => ({ features: await listFeatureSettings(principal.organizationId) }));
