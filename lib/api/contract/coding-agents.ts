import { defineEndpoint as e } from "../route-contract";
import * as ca from "../../coding-agents/schemas";
import * as sh from "../../shadow-ai/schemas";

/** Coding agents and shadow AI (lib/coding-agents, lib/shadow-ai): part of the API contract (lib/api/endpoints.ts). */
export const codingAgentsEndpoints = {
  "GET /api/v1/coding-agents": e({
    method: "GET",
    path: "/api/v1/coding-agents",
    summary:
      "Coding agents of a month: seats and usage per team and person, unmapped people, cost per merged PR / CI run (agent vs human), shifts",
    description: "An engineering lead sees their own team's people and runs only.",
    capability: "agents.read",
    query: ca.agentReportQuerySchema,
    response: ca.codingAgentsReportSchema,
  }),
  "POST /api/v1/coding-agents/imports": e({
    method: "POST",
    path: "/api/v1/coding-agents/imports",
    summary: "Import a coding-agent usage or seat file in its provider's format",
    description:
      "The body is the provider's answer as saved (Claude Code usage report, Cursor usage events or members, Copilot seats or premium-request usage) or a generic CSV. Idempotent per (account, source, period); the diff and the people without a team are returned.",
    capability: "agents.manage",
    query: ca.agentImportQuerySchema,
    rawBody: {
      "application/json": { description: "the provider's JSON answer (one page or an array of pages), at most 2 MiB" },
      "text/csv": {
        description: "generic_csv: date, person, tool, model, kind, cost_usd[, input_tokens, output_tokens, requests, sessions]",
      },
    },
    response: ca.agentImportResultSchema,
  }),
  "GET /api/v1/coding-agents/imports": e({
    method: "GET",
    path: "/api/v1/coding-agents/imports",
    summary: "Coding-agent imports, newest first (the last 50)",
    capability: "agents.manage",
    response: ca.agentImportsResponse,
  }),
  "POST /api/v1/coding-agents/connectors": e({
    method: "POST",
    path: "/api/v1/coding-agents/connectors",
    summary: "Store a provider key (encrypted at rest) for the daily pull of coding-agent usage",
    capability: "agents.manage",
    body: ca.agentConnectorSchema,
    response: ca.agentConnectorResponse,
  }),
  "POST /api/v1/coding-agents/connectors/sync": e({
    method: "POST",
    path: "/api/v1/coding-agents/connectors/sync",
    summary: "Pull a coding-agent connector now",
    capability: "agents.manage",
    body: ca.agentConnectorSyncSchema,
    response: ca.agentSyncResponse,
  }),
  "POST /api/v1/coding-agents/people": e({
    method: "POST",
    path: "/api/v1/coding-agents/people",
    summary: "Upload the person → team mapping (CSV: person, team)",
    capability: "agents.manage",
    rawBody: { "text/csv": { description: "columns person (or email / login) and team" } },
    response: ca.peopleMappingResponse,
  }),
  "POST /api/v1/coding-agents/outcomes": e({
    method: "POST",
    path: "/api/v1/coding-agents/outcomes",
    summary: "Post CI runs and pull requests (CSV or JSON array): repo, pr, author, agent or human, minutes, cost, merged",
    description: "Idempotent per (kind, id). CI may post with an ingest key.",
    capability: "agents.outcomes",
    rawBody: {
      "application/json": {
        description:
          "an array of { id, kind: pr|ci_run, repo, pr, author, actor: agent|human, agent, minutes, cost_usd, merged, at, paying_team }",
      },
      "text/csv": { description: "the same columns" },
    },
    response: ca.outcomesResponse,
  }),
  "GET /api/v1/shadow-ai": e({
    method: "GET",
    path: "/api/v1/shadow-ai",
    summary:
      "Shadow AI of a month: unsanctioned AI spend by department and person, recurring vs one-off, trend, cost under the sanctioned contract",
    capability: "shadow_ai.read",
    query: sh.shadowReportQuerySchema,
    response: sh.shadowReportSchema,
  }),
  "POST /api/v1/shadow-ai/imports": e({
    method: "POST",
    path: "/api/v1/shadow-ai/imports",
    summary: "Import an expense or card-transaction CSV (columns mapped in the query) or a FOCUS file's marketplace lines",
    capability: "shadow_ai.manage",
    query: sh.shadowImportQuerySchema,
    rawBody: { "text/csv": { description: "the export as downloaded, at most 2 MiB" } },
    response: sh.shadowImportResultSchema,
  }),
  "GET /api/v1/shadow-ai/rules": e({
    method: "GET",
    path: "/api/v1/shadow-ai/rules",
    summary: "The organisation's matching rules (applied before the maintained vendor list)",
    capability: "shadow_ai.read",
    response: sh.shadowRulesResponse,
  }),
  "POST /api/v1/shadow-ai/rules": e({
    method: "POST",
    path: "/api/v1/shadow-ai/rules",
    summary: "Add a matching rule: a vendor, a sanctioned account (with its seat price) or a false positive to ignore",
    capability: "shadow_ai.manage",
    body: sh.shadowRuleSchema,
    response: sh.shadowRuleResponse,
    status: 201,
  }),
  "DELETE /api/v1/shadow-ai/rules/{id}": e({
    method: "DELETE",
    path: "/api/v1/shadow-ai/rules/{id}",
    summary: "Delete a matching rule",
    capability: "shadow_ai.manage",
    params: { id: "the rule's id" },
    response: sh.shadowRuleDeleted,
  }),
};
