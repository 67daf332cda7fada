import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { syncAccountNamed } from "@/lib/billing/sync-connector";

/** Pull an account's invoice now instead of waiting for the daily run. */
export const POST = apiRoute(endpoints["POST /api/v1/billing/connectors/sync"], async ({ principal, body }) =>
  syncAccountNamed(principal.organizationId, body.account, actorOf(principal)),
);
