import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getUnitEconomics } from "@/lib/metrics/get-unit-economics";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/metrics/unit-economics"], ({ principal, query }) =>
  getUnitEconomics(principal.organizationId, query),
);
