import { usdNumber } from "../core/wire";
import { z } from "zod";

export const budgetSchema = z
  .strictObject({
    scope: z.enum(["org", "team", "feature"]),
    scope_ref: z.string().trim().max(100).default(""),
    monthly_limit_usd: z.union(
      [
        z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, "a decimal amount in USD (at most 12 digits before the point)"),
        usdNumber.refine((s) => Number(s) > 0, "a positive amount"),
      ],
      { error: 'a positive decimal amount in USD (at most 12 digits before the point), e.g. "5000"' },
    ),
    mode: z.enum(["soft", "hard"]).default("soft"),
    thresholds: z.array(z.number().int().min(1).max(1000)).min(1).max(10).default([50, 80, 100]),
    fallback_model: z.string().trim().max(200).nullable().optional(),
    /** save a budget for a team or feature Spendline has not seen yet (else refused: a typo never alerts) */
    confirm_unknown: z.boolean().optional(),
  })
  .refine((b) => (b.scope === "org") === (b.scope_ref === ""), {
    message: "scope_ref names the team or feature (empty for org)",
    path: ["scope_ref"],
  });
export type BudgetInput = z.infer<typeof budgetSchema>;

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const usd6 = z.string().regex(/^-?\d+\.\d{6}$/);

export const budgetSettingsSchema = z.strictObject({
  id: z.string(),
  scope: z.string(),
  scope_ref: z.string(),
  monthly_limit_usd: usd6,
  mode: z.string(),
  thresholds: z.array(z.number().int()),
  fallback_model: z.string().nullable(),
});
export const budgetStatusSchema = budgetSettingsSchema.extend({
  month: z.string(),
  spent_usd: usd6,
  used: z.number().meta({ description: "spent / limit (0..n)" }),
  forecast_usd: usd6,
  forecast_used: z.number(),
  thresholds_reached: z.array(z.number().int()),
});
/** POST /api/v1/budgets: the saved settings and where the month stands now (thresholds are evaluated on save). */
export const savedBudgetResponse = budgetSettingsSchema.extend({
  spent_usd: usd6,
  used: z.number().meta({ description: "spent / limit (0..n)" }),
  thresholds_reached: z.array(z.number().int()),
});
export const budgetsResponse = z.strictObject({ budgets: z.array(budgetStatusSchema) });
