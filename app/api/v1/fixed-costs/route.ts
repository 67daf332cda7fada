import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { createFixedCost, listFixedCosts } from "@/lib/costs/manage-fixed-costs";
import { monthRange } from "@/lib/time";

export const GET = apiRoute(endpoints["GET /api/v1/fixed-costs"], async ({ principal, query }) => ({
  fixed_costs: await listFixedCosts(principal.organizationId, query.month ? monthRange(query.month) : undefined),
}));

export const POST = apiRoute(endpoints["POST /api/v1/fixed-costs"], async ({ principal, body }) =>
  createFixedCost(principal.organizationId, body, actorOf(principal)),
);
