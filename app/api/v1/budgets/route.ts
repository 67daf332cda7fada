import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { listBudgets, upsertBudget } from "@/lib/budgets/manage-budgets";

export const GET = apiRoute(endpoints["GET /api/v1/budgets"], async ({ principal }) => ({
  budgets: await listBudgets(principal.organizationId),
}));

/** Creates the budget for (scope, scope_ref), or replaces its settings. */
export const POST = apiRoute(endpoints["POST /api/v1/budgets"], async ({ principal, body }) =>
  upsertBudget(principal.organizationId, body, actorOf(principal), { who: principal }),
);
