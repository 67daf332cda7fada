import { actorOf, apiRoute } from "@/lib/api/route";
import { connectorSchema } from "@/lib/billing/schemas";
import { configureConnector } from "@/lib/billing/sync-connector";

/** Store a provider admin key (encrypted at rest) for the daily pull of an account. */
export const POST = apiRoute({ capability: "billing.manage", body: connectorSchema }, async ({ principal, body }) =>
  configureConnector(principal.organizationId, { account: body.account, provider: body.provider, adminKey: body.admin_key, baseUrl: body.base_url }, actorOf(principal)),
);
