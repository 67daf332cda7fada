import { z } from "zod";
import { actorOf, apiRoute } from "@/lib/api/route";
import { createFixedCost, listFixedCosts } from "@/lib/costs/manage-fixed-costs";
import { createFixedCostSchema } from "@/lib/costs/schemas";
import { monthRange } from "@/lib/costs/spread-fixed-cost";
import { monthSchema } from "@/lib/chargeback/schemas";

export const GET = apiRoute(
  { capability: "dashboards.read", query: z.strictObject({ month: monthSchema.optional() }) },
  async ({ principal, query }) => ({
    fixed_costs: await listFixedCosts(principal.organizationId, query.month ? monthRange(query.month) : undefined),
  }),
);

export const POST = apiRoute({ capability: "costs.manage", body: createFixedCostSchema }, async ({ principal, body }) =>
  createFixedCost(principal.organizationId, body, actorOf(principal)),
);
