import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { deleteWebhook } from "@/lib/alerts/manage-alerts";

export const DELETE = apiRoute(endpoints["DELETE /api/v1/webhooks/{id}"], async ({ principal, params }) =>
  deleteWebhook(principal.organizationId, params.id, actorOf(principal)),
);
