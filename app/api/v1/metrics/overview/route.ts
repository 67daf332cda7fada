import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getOverview } from "@/lib/metrics/get-overview";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/metrics/overview"], ({ principal, query }) =>
  getOverview(principal.organizationId, query),
);
