import "server-only";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { AppError } from "../core/errors";
import { getChargeback } from "../chargeback/get-chargeback";
import { listOpportunities } from "../opportunities/list-opportunities";
import { createDraft } from "../opportunities/manage-drafts";
import { OPPORTUNITY_KINDS } from "../opportunities/types";
import { anomalyEvidence, SPEND_DIMENSIONS, spendBy, topMovers } from "./read-tools";
import { getCodingAgents } from "../coding-agents/get-coding-agents";
import { getShadowAi } from "../shadow-ai/shadow-ai";

/**
 * Spendline for AI assistants (docs/decisions/026): one MCP server per request (stateless
 * streamable HTTP), bound to the organisation of the API key. Read tools answer from the same
 * functions as the dashboards; the only write tool creates a policy draft that a person must
 * approve in Spendline — it never applies anything.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM");

function result(data: unknown) {
  return { content: [{ type: "text" as const, text: JSON.stringify(data, null, 2) }] };
}

/** A domain error becomes a tool error the assistant can read and act on. */
async function run(load: () => Promise<unknown>) {
  try {
    return result(await load());
  } catch (err) {
    if (err instanceof AppError) return { isError: true, content: [{ type: "text" as const, text: `${err.code}: ${err.message}` }] };
    throw err;
  }
}

export function createSpendlineMcp(principal: { organizationId: string; apiKeyId: string }, now = () => new Date()) {
  const org = principal.organizationId;
  const server = new McpServer(
    { name: "spendline", version: "1.0.0" },
    {
      instructions:
        "Spendline: AI/LLM spend of one organisation. Money is USD as exact 6-decimal strings. Periods: from inclusive, to exclusive (ISO dates). Drafts you create wait for a person's approval in Spendline.",
    },
  );

  server.registerTool(
    "get_spend",
    {
      title: "Spend by dimension",
      description:
        "Cost, events and tokens grouped by feature, team, tier, model, environment, provider or day for a period (default: the last 30 days), optionally filtered.",
      inputSchema: {
        dimension: z.enum(SPEND_DIMENSIONS).describe("what to group by"),
        from: isoDate.optional().describe("first day, inclusive"),
        to: isoDate.optional().describe("last day, exclusive"),
        feature: z.string().max(200).optional(),
        team: z.string().max(200).optional(),
        tier: z.string().max(200).optional(),
        model: z.string().max(200).optional(),
        environment: z.string().max(200).optional(),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ dimension, ...filters }) => run(() => spendBy(org, dimension, filters, now())),
  );

  server.registerTool(
    "get_top_movers",
    {
      title: "Top movers with drivers",
      description:
        "The largest month-over-month changes by team, feature and model, and for each moving feature the models that drove the change.",
      inputSchema: { month: month.describe("YYYY-MM; compared with the month before") },
      annotations: { readOnlyHint: true },
    },
    async ({ month: m }) => run(() => topMovers(org, m)),
  );

  server.registerTool(
    "get_anomaly_evidence",
    {
      title: "Anomaly evidence",
      description: "An anomaly alert's evidence (cost per minute against its baseline); without alert_id, the latest ten anomaly alerts.",
      inputSchema: { alert_id: z.string().max(100).optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ alert_id }) => run(() => anomalyEvidence(org, alert_id)),
  );

  server.registerTool(
    "get_chargeback",
    {
      title: "Chargeback for a month",
      description:
        "Cost per team for a month (events plus allocated shared costs), as the chargeback report shows it; closed months are frozen.",
      inputSchema: { month },
      annotations: { readOnlyHint: true },
    },
    async ({ month: m }) => run(() => getChargeback(org, m)),
  );

  server.registerTool(
    "list_opportunities",
    {
      title: "Savings opportunities",
      description:
        "Savings priced from the last 30 days of this organisation's own traffic, largest first, each with its basis and the owner team. Figures on the same feature overlap.",
      inputSchema: { kind: z.enum(OPPORTUNITY_KINDS).optional(), feature: z.string().max(200).optional() },
      annotations: { readOnlyHint: true },
    },
    async ({ kind, feature }) => run(() => listOpportunities(org, { kind, feature }, now())),
  );

  server.registerTool(
    "get_coding_agents",
    {
      title: "Coding agents for a month",
      description:
        "Coding-agent seats (fixed) and usage (variable) per team and person, people without a team, cost per merged PR and per CI run (agent vs human), one team paying for another's runs, and the shift detector's findings (volume-driven growth with a flat unit cost; cost moving between budget owners).",
      inputSchema: { month, team: z.string().max(100).optional().describe("one team only") },
      annotations: { readOnlyHint: true },
    },
    async ({ month: m, team }) => run(() => getCodingAgents(org, m, team ? { all: false, team } : { all: true, team: null }, now())),
  );

  server.registerTool(
    "get_shadow_ai_summary",
    {
      title: "Shadow AI summary for a month",
      description:
        "AI spend found on expenses, cards and marketplace lines: sanctioned vs unsanctioned totals, by department, six-month trend and the cost under the sanctioned contract. Names of people are not given here (see the Shadow AI page).",
      inputSchema: { month },
      annotations: { readOnlyHint: true },
    },
    async ({ month: m }) =>
      run(async () => {
        const r = await getShadowAi(org, m);
        return {
          month: r.month,
          last_import_at: r.last_import_at,
          totals: r.totals,
          by_department: r.by_department,
          trend: r.trend,
          under_contract: r.under_contract,
        };
      }),
  );

  server.registerTool(
    "create_policy_draft",
    {
      title: "Draft a policy for approval",
      description:
        "Turns an opportunity (by id from list_opportunities) into a policy draft. It changes nothing: an engineering lead of the owning team or an admin must approve it in Spendline.",
      inputSchema: { opportunity_id: z.string().min(3).max(400), note: z.string().max(2000).optional().describe("why you propose it") },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
    },
    async ({ opportunity_id, note }) => run(() => createDraft(org, { opportunity_id, note }, { apiKeyId: principal.apiKeyId }, now())),
  );

  return server;
}
