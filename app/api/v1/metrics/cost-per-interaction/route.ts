import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getCostPerInteraction } from "@/lib/metrics/get-cost-per-interaction";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/metrics/cost-per-interaction"], ({ principal, query }) =>
  getCostPerInteraction(principal.organizationId, query),
);
