import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { getCodingAgents } from "@/lib/coding-agents/get-coding-agents";
import { agentScope } from "@/lib/coding-agents/scope";

export const GET = apiRoute(endpoints["GET /api/v1/coding-agents"], async ({ principal, query }) =>
  getCodingAgents(principal.organizationId, query.month, agentScope(principal, query.team)),
);
