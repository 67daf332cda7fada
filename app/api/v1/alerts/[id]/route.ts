import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { transitionAlert } from "@/lib/alerts/manage-alerts";

/** { "action": "acknowledge" | "resolve" | "reopen" } */
export const POST = apiRoute(endpoints["POST /api/v1/alerts/{id}"], async ({ principal, params, body }) =>
  transitionAlert(principal.organizationId, params.id, body.action, actorOf(principal), principal),
);
