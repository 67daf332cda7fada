import { apiRoute } from "@/lib/api/route";
import { getUnitEconomics } from "@/lib/metrics/get-unit-economics";
import { filtersQuery } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ capability: "dashboards.read", query: filtersQuery }, ({ principal, query }) => getUnitEconomics(principal.organizationId, query));
