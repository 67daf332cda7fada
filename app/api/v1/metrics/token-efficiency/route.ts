import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getTokenEfficiency } from "@/lib/metrics/get-token-efficiency";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/metrics/token-efficiency"], ({ principal, query }) =>
  getTokenEfficiency(principal.organizationId, query),
);
