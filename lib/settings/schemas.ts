import { z } from "zod";
import { usd6 } from "../core/wire";

/**
 * Tier and feature settings (Settings page, /api/v1/settings/*): what finance and engineering
 * leads set — a tier's predicted lifetime value and price, a feature's owner, review threshold,
 * unit and value — and what the API answers about them.
 */
export const tierSettingsBody = z.strictObject({
  predicted_ltv_usd: z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, 'a decimal amount ≥ 0, e.g. "1.50"'),
  monthly_price_usd: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,12})?$/, 'a decimal amount ≥ 0, e.g. "0"')
    .optional(),
});

export const featureSettingsBody = z.strictObject({
  display_name: z.string().max(200).nullable().optional(),
  owner_team: z.string().max(200).nullable().optional(),
  review_threshold_usd: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,12})?$/)
    .optional(),
  unit_of_value: z.enum(["conversation", "document", "task", "query", "report"]).optional(),
  value_per_unit_usd: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,12})?$/)
    .nullable()
    .optional(),
  value_method: z.enum(["cost_displacement", "revenue_uplift", "retention", "premium_price"]).nullable().optional(),
  design_tokens_per_request: z.number().int().min(0).nullable().optional(),
  design_calls_per_request: z.number().int().min(0).nullable().optional(),
});

export const tierName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "tier names are letters, digits, _ . -");

// ── Responses (the API contract, lib/api/endpoints.ts) ──
export const tierSettingSchema = z.strictObject({
  tier: z.string(),
  predicted_ltv_usd: usd6,
  monthly_price_usd: usd6,
  source: z.string().meta({ description: "settings, or default when the tier has no stored row" }),
});
export const tiersResponse = z.strictObject({ tiers: z.array(tierSettingSchema) });
export const featureSettingSchema = z.strictObject({
  feature: z.string(),
  display_name: z.string().nullable(),
  owner_team: z.string().nullable(),
  review_threshold_usd: usd6,
  unit_of_value: z.string(),
  value_per_unit_usd: usd6.nullable(),
  value_method: z.string().nullable(),
  design_tokens_per_request: z.number().int().nullable(),
  design_calls_per_request: z.number().int().nullable(),
});
export const featuresResponse = z.strictObject({ features: z.array(featureSettingSchema) });
