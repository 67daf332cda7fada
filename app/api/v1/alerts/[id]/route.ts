import { actorOf, apiRoute } from "@/lib/api/route";
import { transitionAlert } from "@/lib/alerts/manage-alerts";
import { alertActionSchema } from "@/lib/alerts/schemas";

/** { "action": "acknowledge" | "resolve" | "reopen" } */
export const POST = apiRoute({ capability: "alerts.manage", body: alertActionSchema }, async ({ principal, params, body }) =>
  transitionAlert(principal.organizationId, params.id, body.action, actorOf(principal)),
);
