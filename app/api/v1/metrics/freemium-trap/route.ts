import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getFreemiumTrap } from "@/lib/metrics/get-freemium-trap";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/metrics/freemium-trap"], ({ principal, query }) =>
  getFreemiumTrap(principal.organizationId, query),
);
