import { z } from "zod";

export const checkSchema = z.strictObject({
  feature: z.string().min(1).max(100),
  model: z.string().min(1).max(200),
  tenant: z.strictObject({ id: z.string().min(1).max(200), tier: z.string().max(100).optional() }).optional(),
  /** the end user: budgets and rate limits by user */
  user: z.string().min(1).max(200).optional(),
  /** prod (default), staging…: budgets by environment */
  environment: z.string().min(1).max(100).optional(),
});

export const policySchema = z.strictObject({
  feature: z.string().min(1).max(100),
  fallback_action: z.enum(["downgrade", "block"]).optional(),
  fallback_model: z.string().max(200).nullable().optional(),
  kill_switch: z.boolean().optional(),
  kill_switch_reason: z.string().max(500).nullable().optional(),
  baseline_usd_per_min: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,12})?$/, 'a decimal amount in USD (at most 12 digits before the point), e.g. "0.50"')
    .nullable()
    .optional(),
  auto_clear_minutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
  freemium_throttle: z.boolean().optional(),
});
export type PolicyInput = z.infer<typeof policySchema>;

const usd = z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, { error: 'expected a decimal amount in USD, e.g. "0.50"' });

export const leaseSchema = z.strictObject({
  budget_id: z.string().min(1).max(100),
  holder: z.string().min(1).max(200),
  want_usd: usd,
  min_usd: usd.optional(),
  release: z
    .strictObject({ lease_id: z.string().min(1).max(100), used_usd: usd })
    .nullable()
    .optional(),
});

/** GET /api/v1/guardrails/snapshot: `wait` seconds to hold an unchanged snapshot (with If-None-Match). */
export const snapshotQuery = z.strictObject({ wait: z.coerce.number().int().min(0).max(30).default(0) });
