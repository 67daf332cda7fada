import { usdNumber } from "../core/wire";
import { z } from "zod";

export const budgetSchema = z
  .strictObject({
    scope: z.enum(["org", "team", "feature", "model", "tenant", "user", "environment", "api_key"], {
      error: "one of org, team, feature, model, tenant, user, environment, api_key",
    }),
    scope_ref: z.string().trim().max(200).default(""),
    /** what the budget counts (default usd) */
    unit: z.enum(["usd", "tokens", "requests"]).default("usd"),
    /** a calendar month (default) or a rolling window ending now; a hard rolling budget is a rate limit (429 + retry_after) */
    window: z.enum(["month", "24h", "7d", "30d"]).default("month"),
    /** the limit in the budget's unit: USD (also accepted as monthly_limit_usd), or a whole token / request count */
    limit: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,12})?$/, "a positive decimal amount (at most 12 digits before the point)")
      .optional(),
    monthly_limit_usd: z
      .union(
        [
          z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, "a decimal amount in USD (at most 12 digits before the point)"),
          usdNumber.refine((s) => Number(s) > 0, "a positive amount"),
        ],
        { error: 'a positive decimal amount in USD (at most 12 digits before the point), e.g. "5000"' },
      )
      .optional(),
    mode: z.enum(["soft", "hard"]).default("soft"),
    thresholds: z.array(z.number().int().min(1).max(1000)).min(1).max(10).default([50, 80, 100]),
    fallback_model: z.string().trim().max(200).nullable().optional(),
    /** save a budget for a team or feature Spendline has not seen yet (else refused: a typo never alerts) */
    confirm_unknown: z.boolean().optional(),
  })
  .refine((b) => (b.scope === "org") === (b.scope_ref === ""), {
    message: "scope_ref names the team, feature, model, tenant, user, environment or API key id (empty for org)",
    path: ["scope_ref"],
  })
  .refine((b) => (b.limit ?? b.monthly_limit_usd) !== undefined && Number(b.limit ?? b.monthly_limit_usd) > 0, {
    message: "a positive limit (limit, or monthly_limit_usd for money)",
    path: ["limit"],
  })
  .refine((b) => b.unit === "usd" || b.limit === undefined || /^\d+$/.test(b.limit), {
    message: "a whole number of tokens or requests",
    path: ["limit"],
  })
  .refine((b) => b.unit === "usd" || b.limit !== undefined, {
    message: "token and request budgets take `limit` (a count), not monthly_limit_usd",
    path: ["limit"],
  });
export type BudgetInput = z.infer<typeof budgetSchema>;

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const usd6 = z.string().regex(/^-?\d+\.\d{6}$/);

export const budgetSettingsSchema = z.strictObject({
  id: z.string(),
  scope: z.string(),
  scope_ref: z.string(),
  monthly_limit_usd: usd6.meta({ description: "the limit (USD; for token and request budgets, the count — see limit)" }),
  unit: z.enum(["usd", "tokens", "requests"]),
  window: z.enum(["month", "24h", "7d", "30d"]),
  limit: z.string().meta({ description: "the limit in the budget's unit: USD (6 decimals) or a whole count" }),
  mode: z.string(),
  thresholds: z.array(z.number().int()),
  fallback_model: z.string().nullable(),
});
export const budgetStatusSchema = budgetSettingsSchema.extend({
  month: z.string(),
  spent: z.string().meta({ description: "used in the budget's window and unit (USD 6 decimals, or a count)" }),
  spent_usd: usd6,
  used: z.number().meta({ description: "spent / limit (0..n)" }),
  forecast_usd: usd6,
  forecast_used: z.number(),
  thresholds_reached: z.array(z.number().int()),
});
/** POST /api/v1/budgets: the saved settings and where the month stands now (thresholds are evaluated on save). */
export const savedBudgetResponse = budgetSettingsSchema.extend({
  spent: z.string().meta({ description: "used in the budget's window and unit (USD 6 decimals, or a count)" }),
  spent_usd: usd6,
  used: z.number().meta({ description: "spent / limit (0..n)" }),
  thresholds_reached: z.array(z.number().int()),
});
export const budgetsResponse = z.strictObject({ budgets: z.array(budgetStatusSchema) });

// ── Batch jobs (decision 056) ───────────────────────────────────────────────────────────────
const tokenCount = z.number().int("a whole number").min(0).max(1e15, "at most 10^15");
export const batchSchema = z.strictObject({
  /** the id the batch's events will carry as batch_id: the provider's batch id, or your own reference */
  batch_id: z.string().trim().min(1).max(128),
  feature: z.string().trim().min(1).max(100),
  model: z.string().trim().min(1).max(200),
  provider: z.string().trim().max(100).optional(),
  team: z.string().trim().min(1).max(100).optional(),
  environment: z.enum(["prod", "staging", "dev"], { error: "one of prod, staging, dev" }).optional(),
  tenant: z.strictObject({ id: z.string().trim().min(1).max(200) }).optional(),
  user_id: z.string().trim().min(1).max(200).optional(),
  /** how many calls the batch holds */
  requests: z.number().int("a whole number").min(1).max(1_000_000),
  /** the whole batch's expected tokens (input includes cached) */
  usage: z.strictObject({
    input_tokens: tokenCount,
    output_tokens: tokenCount,
    cached_input_tokens: tokenCount.optional(),
  }),
});
export type BatchInput = z.infer<typeof batchSchema>;

export const batchCloseSchema = z.strictObject({
  /** completed: every result is in (its events count, the rest of the estimate is released); cancelled / expired likewise */
  status: z.enum(["completed", "cancelled", "expired"], { error: "one of completed, cancelled, expired" }),
});

export const batchesQuerySchema = z.strictObject({
  status: z.enum(["open", "completed", "cancelled", "expired"]).optional(),
});

export const batchWireSchema = z.strictObject({
  batch_id: z.string(),
  feature: z.string(),
  team: z.string(),
  model: z.string(),
  provider: z.string().nullable(),
  environment: z.string(),
  tenant_id: z.string().nullable(),
  user_id: z.string().nullable(),
  api_key_id: z.string().nullable(),
  status: z.enum(["open", "completed", "cancelled", "expired"]),
  submitted_at: z.string(),
  closed_at: z.string().nullable(),
  estimate: z.strictObject({
    requests: z.number().int(),
    tokens: z.string(),
    cost_usd: usd6.meta({ description: "at the batch tier's prices (the price book at submit)" }),
    unpriced: z
      .boolean()
      .meta({ description: "no price known for the model: the estimate counts 0 USD (tokens and requests still count)" }),
  }),
  arrived: z.strictObject({ requests: z.number().int(), tokens: z.string(), cost_usd: usd6 }),
});
export const batchesResponse = z.strictObject({ batches: z.array(batchWireSchema) });
