import { apiRoute } from "@/lib/api/route";
import { actorOf } from "@/lib/auth/principal";
import { endpoints } from "@/lib/api/endpoints";
import { configureAgentConnector } from "@/lib/coding-agents/sync-agent-connector";

export const POST = apiRoute(endpoints["POST /api/v1/coding-agents/connectors"], async ({ principal, body }) =>
  configureAgentConnector(principal.organizationId, body, actorOf(principal)),
);
