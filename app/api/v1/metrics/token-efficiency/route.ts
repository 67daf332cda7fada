import { apiRoute } from "@/lib/api/route";
import { getTokenEfficiency } from "@/lib/metrics/get-token-efficiency";
import { efficiencyQuery } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ capability: "dashboards.read", query: efficiencyQuery }, ({ principal, query }) => getTokenEfficiency(principal.organizationId, query));
