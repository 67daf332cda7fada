import { apiRoute } from "@/lib/api/route";
import { listTierSettings } from "@/lib/metrics/update-settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ capability: "dashboards.read" }, async ({ principal }) => ({ tiers: await listTierSettings(principal.organizationId) }));
