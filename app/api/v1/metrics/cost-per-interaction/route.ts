import { apiRoute } from "@/lib/api/route";
import { getCostPerInteraction } from "@/lib/metrics/get-cost-per-interaction";
import { cpiQuery } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ capability: "dashboards.read", query: cpiQuery }, ({ principal, query }) => getCostPerInteraction(principal.organizationId, query));
