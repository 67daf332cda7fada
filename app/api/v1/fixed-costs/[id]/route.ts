import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { deleteFixedCost } from "@/lib/costs/manage-fixed-costs";

export const DELETE = apiRoute(endpoints["DELETE /api/v1/fixed-costs/{id}"], async ({ principal, params }) =>
  deleteFixedCost(principal.organizationId, params.id, actorOf(principal)),
);
