import { apiRoute } from "@/lib/api/route";
import { getFreemiumTrap } from "@/lib/metrics/get-freemium-trap";
import { freemiumQuery } from "@/lib/metrics/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ capability: "dashboards.read", query: freemiumQuery }, ({ principal, query }) => getFreemiumTrap(principal.organizationId, query));
