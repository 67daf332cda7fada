import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { deleteBudget } from "@/lib/budgets/manage-budgets";

export const DELETE = apiRoute(endpoints["DELETE /api/v1/budgets/{id}"], async ({ principal, params }) =>
  deleteBudget(principal.organizationId, params.id, actorOf(principal)),
);
