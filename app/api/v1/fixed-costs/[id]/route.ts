import { actorOf, apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { deleteFixedCost } from "@/lib/costs/manage-fixed-costs";

export const DELETE = apiRoute(endpoints["DELETE /api/v1/fixed-costs/{id}"], async ({ principal, params }) =>
  deleteFixedCost(principal.organizationId, params.id, actorOf(principal)),
);
