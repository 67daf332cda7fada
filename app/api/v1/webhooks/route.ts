import { actorOf, apiRoute } from "@/lib/api/route";
import { createWebhook, listWebhooks } from "@/lib/alerts/manage-alerts";
import { createWebhookSchema } from "@/lib/alerts/schemas";

export const GET = apiRoute({ capability: "budgets.manage" }, async ({ principal }) => ({ webhooks: await listWebhooks(principal.organizationId) }));

/** The answer carries the signing secret: the only time it is shown. */
export const POST = apiRoute({ capability: "budgets.manage", body: createWebhookSchema }, async ({ principal, body }) =>
  createWebhook(principal.organizationId, body, actorOf(principal)),
);
