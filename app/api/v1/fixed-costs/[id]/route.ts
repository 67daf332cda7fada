import { actorOf, apiRoute } from "@/lib/api/route";
import { deleteFixedCost } from "@/lib/costs/manage-fixed-costs";

export const DELETE = apiRoute({ capability: "costs.manage" }, async ({ principal, params }) =>
  deleteFixedCost(principal.organizationId, params.id, actorOf(principal)),
);
