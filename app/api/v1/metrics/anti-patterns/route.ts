import { apiRoute } from "@/lib/api/route";
import { endpoints } from "@/lib/api/endpoints";
import { can, scopeAllows } from "@/lib/auth/roles";
import { getAntiPatterns } from "@/lib/metrics/get-anti-patterns";
import { agentScope } from "@/lib/coding-agents/scope";

export const dynamic = "force-dynamic";

// the coding-agent shift findings only for a caller who may read coding agents, in their scope
// (an engineering lead: their own team's lines); a viewer or a read-only key gets the six others
export const GET = apiRoute(endpoints["GET /api/v1/metrics/anti-patterns"], ({ principal, query }) =>
  getAntiPatterns(
    principal.organizationId,
    query,
    new Date(),
    (principal.apiKeyId ? scopeAllows(principal.scopes ?? [], "agents.read") : can(principal.role!, "agents.read"))
      ? agentScope(principal)
      : null,
  ),
);
