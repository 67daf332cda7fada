import { actorOf, apiRoute } from "@/lib/api/route";
import { deleteWebhook } from "@/lib/alerts/manage-alerts";

export const DELETE = apiRoute({ capability: "budgets.manage" }, async ({ principal, params }) =>
  deleteWebhook(principal.organizationId, params.id, actorOf(principal)),
);
