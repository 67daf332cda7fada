import { actorOf, apiRoute } from "@/lib/api/route";
import { deleteBudget } from "@/lib/budgets/manage-budgets";

export const DELETE = apiRoute({ capability: "budgets.manage" }, async ({ principal, params }) =>
  deleteBudget(principal.organizationId, params.id, actorOf(principal)),
);
