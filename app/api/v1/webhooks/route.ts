import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { createWebhook, listWebhooks } from "@/lib/alerts/manage-alerts";

export const GET = apiRoute(endpoints["GET /api/v1/webhooks"], async ({ principal }) => ({
  webhooks: await listWebhooks(principal.organizationId),
}));

/** The answer carries the signing secret: the only time it is shown. */
export const POST = apiRoute(endpoints["POST /api/v1/webhooks"], async ({ principal, body }) =>
  createWebhook(principal.organizationId, body, actorOf(principal)),
);
