import { apiRoute } from "@/lib/api/route";
import { listOpportunities } from "@/lib/opportunities/list-opportunities";
import { opportunitiesQuery } from "@/lib/opportunities/schemas";

/** Savings opportunities priced from the last 30 days (docs/decisions/024); `format=csv` for a download. */
export const GET = apiRoute({ capability: "dashboards.read", query: opportunitiesQuery }, async ({ principal, query }) =>
  listOpportunities(principal.organizationId, query),
);
