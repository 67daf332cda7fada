import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { syncAgentConnectorNamed } from "@/lib/coding-agents/sync-agent-connector";

export const POST = apiRoute(endpoints["POST /api/v1/coding-agents/connectors/sync"], async ({ principal, body }) =>
  syncAgentConnectorNamed(principal.organizationId, body.account, body.provider),
);
