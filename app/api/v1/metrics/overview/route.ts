import { apiRoute } from "@/lib/api/route";
import { getOverview } from "@/lib/metrics/get-overview";
import { overviewQuery } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ capability: "dashboards.read", query: overviewQuery }, ({ principal, query }) => getOverview(principal.organizationId, query));
