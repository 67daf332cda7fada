import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { listOpportunities } from "@/lib/opportunities/list-opportunities";

/** Savings opportunities priced from the last 30 days (docs/decisions/024); `format=csv` for a download. */
export const GET = apiRoute(endpoints["GET /api/v1/opportunities"], async ({ principal, query }) =>
  listOpportunities(principal.organizationId, query),
);
