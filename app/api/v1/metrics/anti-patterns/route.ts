import { apiRoute } from "@/lib/api/route";
import { getAntiPatterns } from "@/lib/metrics/get-anti-patterns";
import { filtersQuery } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ capability: "dashboards.read", query: filtersQuery }, ({ principal, query }) => getAntiPatterns(principal.organizationId, query));
