import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { deleteBudget, upsertBudget } from "@/lib/budgets/manage-budgets";

/** Changes this budget: its scope, unit and window as well as its limit, mode, thresholds and fallback. */
export const PUT = apiRoute(endpoints["PUT /api/v1/budgets/{id}"], async ({ principal, params, body }) =>
  upsertBudget(principal.organizationId, body, actorOf(principal), { who: principal, id: params.id }),
);

export const DELETE = apiRoute(endpoints["DELETE /api/v1/budgets/{id}"], async ({ principal, params }) =>
  deleteBudget(principal.organizationId, params.id, actorOf(principal), principal),
);
