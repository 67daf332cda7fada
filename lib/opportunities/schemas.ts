import { z } from "zod";
import { isoDateTime, isoDay, usd6 } from "../core/wire";
import { OPPORTUNITY_KINDS } from "./types";

export const opportunitiesQuery = z.strictObject({
  kind: z.enum(OPPORTUNITY_KINDS).optional(),
  feature: z.string().min(1).max(200).optional(),
  format: z.enum(["json", "csv"]).optional(),
});
export type OpportunitiesQuery = z.infer<typeof opportunitiesQuery>;

export const createDraftBody = z.strictObject({
  opportunity_id: z.string().min(3).max(400),
  note: z.string().max(2000).optional(),
});

export const decideDraftBody = z.strictObject({
  decision: z.enum(["approve", "reject", "withdraw"]),
  note: z.string().max(2000).optional(),
});

export const draftsQuery = z.strictObject({ status: z.enum(["draft", "applied", "approved", "rejected", "withdrawn"]).optional() });

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────

export const proposalSchema = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("guardrail_downgrade"), feature: z.string(), from_model: z.string(), to_model: z.string() }),
    z.strictObject({
      type: z.literal("budget"),
      scope: z.literal("feature"),
      scope_ref: z.string(),
      monthly_limit_usd: z.string(),
      mode: z.enum(["soft", "hard"]),
      thresholds: z.array(z.number()),
    }),
    z.strictObject({ type: z.literal("throttle"), feature: z.string(), fallback_model: z.string() }),
    z.strictObject({ type: z.literal("change_request"), feature: z.string(), change: z.string() }),
  ])
  .meta({ description: "what approving the draft does" });

export const opportunitySchema = z.strictObject({
  id: z.string().meta({ description: "stable for the same change: kind:feature[:model]" }),
  kind: z.enum(OPPORTUNITY_KINDS),
  feature: z.string(),
  owner_team: z.string().nullable(),
  title: z.string(),
  monthly_saving_usd: usd6,
  current_monthly_cost_usd: usd6.meta({ description: "the feature's (or the group's) cost over the 30-day window" }),
  basis: z.array(z.string()).meta({ description: "how the figure was computed, in sentences" }),
  evidence: z.record(z.string(), z.unknown()),
  proposal: proposalSchema,
});
export const opportunitiesResponse = z.strictObject({
  window: z.strictObject({ from: isoDay, to: isoDay.meta({ description: "exclusive" }), days: z.number().int() }),
  note: z.string(),
  filters: z.strictObject({ kind: z.enum(OPPORTUNITY_KINDS).nullable(), feature: z.string().nullable() }),
  opportunities: z.array(opportunitySchema),
});

export const draftSchema = z.strictObject({
  id: z.string(),
  opportunity_id: z.string(),
  opportunity_kind: z.string(),
  feature: z.string(),
  owner_team: z.string().nullable(),
  type: z.string().meta({ description: "guardrail_downgrade, budget, throttle or change_request" }),
  title: z.string(),
  proposal: proposalSchema,
  basis: z.array(z.string()),
  estimated_monthly_saving_usd: usd6,
  baseline_monthly_cost_usd: usd6,
  status: z.string().meta({ description: "draft, applied, approved, rejected or withdrawn" }),
  note: z.string().nullable(),
  created_at: isoDateTime,
  created_by: z
    .string()
    .nullable()
    .meta({ description: "who drafted it: the member's e-mail, or the API key's name (assistant); null when unknown" }),
  decided_by: z.string().nullable().meta({ description: "who approved, rejected or withdrew it (member's e-mail); null while undecided" }),
  decided_at: isoDateTime.nullable(),
  decision_note: z.string().nullable(),
  applied_at: isoDateTime.nullable(),
  realised: z
    .discriminatedUnion("status", [
      z.strictObject({ status: z.literal("measured"), after_usd: usd6, realised_usd: usd6 }),
      z.strictObject({ status: z.literal("pending"), measurable_on: isoDay, days_left: z.number().int() }),
    ])
    .nullable()
    .meta({
      description:
        "realised vs estimated saving: the feature's 30 days after the decision against its 30 days before drafting; null until decided",
    }),
});
export const draftsResponse = z.strictObject({ drafts: z.array(draftSchema) });
