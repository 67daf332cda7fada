import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getFreemiumTrap } from "@/lib/metrics/get-freemium-trap";
import { freemiumQuery } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute(endpoints["GET /api/v1/metrics/freemium-trap"], ({ principal, query }) =>
  getFreemiumTrap(principal.organizationId, query),
);
