import { actorOf, apiRoute } from "@/lib/api/route";
import { listBudgets, upsertBudget } from "@/lib/budgets/manage-budgets";
import { budgetSchema } from "@/lib/budgets/schemas";

export const GET = apiRoute({ capability: "dashboards.read" }, async ({ principal }) => ({ budgets: await listBudgets(principal.organizationId) }));

/** Creates the budget for (scope, scope_ref), or replaces its settings. */
export const POST = apiRoute({ capability: "budgets.manage", body: budgetSchema }, async ({ principal, body }) =>
  upsertBudget(principal.organizationId, body, actorOf(principal)),
);
