import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getAntiPatterns } from "@/lib/metrics/get-anti-patterns";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/metrics/anti-patterns"], ({ principal, query }) =>
  getAntiPatterns(principal.organizationId, query),
);
