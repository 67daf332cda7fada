import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { configureConnector } from "@/lib/billing/sync-connector";

/** Store a provider admin key (encrypted at rest) for the daily pull of an account. */
export const POST = apiRoute(endpoints["POST /api/v1/billing/connectors"], async ({ principal, body }) =>
  configureConnector(
    principal.organizationId,
    { account: body.account, provider: body.provider, adminKey: body.admin_key, baseUrl: body.base_url },
    actorOf(principal),
  ),
);
