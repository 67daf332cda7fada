import { z } from "zod";
import { isoDateTime, isoDay, isoMonth, usd6, usdDecimal } from "../core/wire";
import { AGENT_SOURCES } from "./parse-agent-file";

const usdIn = z.string().regex(/^\d+(\.\d{1,6})?$/, 'a decimal amount in USD, e.g. "19"');
const monthIn = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month YYYY-MM");

export const agentImportQuerySchema = z.strictObject({
  source: z.enum(AGENT_SOURCES),
  account: z.string().trim().min(1, "name the provider account, e.g. account=cursor-team").max(100),
  month: monthIn.optional().meta({ description: "seat files: the month the seats are billed for" }),
  seat_usd: usdIn.optional().meta({ description: "seat files: price per seat and month (default: the plan's list price)" }),
});
export const agentReportQuerySchema = z.strictObject({ month: monthIn, team: z.string().max(100).optional() });
export const agentConnectorSchema = z.strictObject({
  account: z.string().trim().min(1).max(100),
  provider: z.enum(["claude_code", "cursor", "copilot"]),
  key: z.string().min(10, "the provider's admin key or token").max(500),
  base_url: z.url().optional(),
  org: z.string().trim().max(100).optional().meta({ description: "Copilot: the GitHub organisation" }),
  seat_usd: usdIn.optional(),
});
export const agentConnectorSyncSchema = z.strictObject({
  account: z.string().trim().min(1).max(100),
  provider: z.enum(["claude_code", "cursor", "copilot"]),
});

const diff = z.strictObject({
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  cost_delta_usd: usdDecimal,
  items: z.array(
    z.strictObject({
      key: z.string(),
      change: z.enum(["added", "removed", "changed"]),
      before_usd: usdDecimal.nullable(),
      after_usd: usdDecimal.nullable(),
    }),
  ),
});
export const agentImportResultSchema = z.strictObject({
  import_id: z.string(),
  account: z.string(),
  source: z.enum(AGENT_SOURCES),
  period_start: isoDay,
  period_end: isoDay,
  lines: z.number().int(),
  cost_usd: usdDecimal,
  unchanged: z.boolean(),
  unmapped_people: z.array(z.string()).meta({ description: "people in the file without a team: their cost goes to the unallocated row" }),
  diff,
});
export const agentImportsResponse = z.strictObject({
  imports: z.array(
    z.strictObject({
      id: z.string(),
      account: z.string(),
      source: z.string(),
      period_start: isoDay,
      period_end: isoDay,
      lines: z.number().int(),
      cost_usd: usd6,
      via: z.string(),
      imported_at: isoDateTime,
      added: z.number().int(),
      removed: z.number().int(),
      changed: z.number().int(),
      cost_delta_usd: usdDecimal,
    }),
  ),
});
export const agentConnectorResponse = z.strictObject({ account: z.string(), provider: z.string(), url: z.string(), key_hint: z.string() });
export const agentSyncResponse = z.strictObject({ account: z.string(), provider: z.string(), imports: z.array(agentImportResultSchema) });
export const peopleMappingResponse = z.strictObject({ rows: z.number().int(), changed: z.number().int(), unchanged: z.number().int() });
export const outcomesResponse = z.strictObject({ rows: z.number().int() });

const finding = z.strictObject({
  detector: z.enum(["volume_driven_growth", "owner_shift"]),
  subject: z.string(),
  fired: z.boolean(),
  severity: z.enum(["warning", "critical"]),
  signal: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  evidence_units: z.record(z.string(), z.enum(["ratio", "usd", "number", "day", "text"])),
});
const outcome = z.strictObject({
  actor: z.enum(["agent", "human"]),
  prs: z.number().int(),
  merged_prs: z.number().int(),
  ci_runs: z.number().int(),
  ci_minutes: z.number().int(),
  ci_cost_usd: usd6,
  cost_per_ci_run_usd: usd6.nullable(),
  cost_per_merged_pr_usd: usd6.nullable(),
});
export const codingAgentsReportSchema = z.strictObject({
  month: isoMonth,
  scope_team: z.string().nullable().meta({ description: "an engineering lead sees their team only" }),
  totals: z.strictObject({
    seats_usd: usd6,
    usage_usd: usd6,
    total_usd: usd6,
    people: z.number().int(),
    seats: z.number().int(),
    unused_seats: z.number().int(),
    unused_seats_usd: usd6,
  }),
  teams: z.array(
    z.strictObject({
      team: z.string(),
      seats_usd: usd6,
      usage_usd: usd6,
      total_usd: usd6,
      people: z.number().int(),
      cost_per_developer_usd: usd6.nullable(),
    }),
  ),
  people: z.array(
    z.strictObject({
      person: z.string(),
      team: z.string().nullable(),
      tools: z.array(z.string()),
      seat_usd: usd6,
      usage_usd: usd6,
      total_usd: usd6,
      sessions: z.number().int(),
      last_active: isoDateTime.nullable(),
      unused_seat: z.boolean(),
    }),
  ),
  unmapped: z.array(z.strictObject({ person: z.string(), total_usd: usd6 })),
  outcomes: z.array(outcome),
  cross_team: z.array(z.strictObject({ paying_team: z.string(), author_team: z.string(), ci_runs: z.number().int(), cost_usd: usd6 })),
  findings: z.array(finding),
  weekly: z.array(
    z.strictObject({
      week: isoDay,
      agent_ci_cost_usd: usd6,
      agent_ci_runs: z.number().int(),
      agent_merged_prs: z.number().int(),
      cost_per_run_usd: usd6.nullable(),
    }),
  ),
});
