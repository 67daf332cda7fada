import { z } from "zod";

/** Responses of the guardrail endpoints (the API contract, lib/api/endpoints.ts). */
const dateTime = z.string().meta({ format: "date-time" });

export const checkResponse = z.strictObject({
  decision: z.enum(["allow", "downgrade", "block"]),
  model: z.string().optional().meta({ description: "the model to call instead (downgrade)" }),
  reason: z.string(),
  retry_after: z.number().int().optional().meta({
    description: "a rate limit (rolling-window hard budget) is reached: seconds to wait; the answer is HTTP 429 with Retry-After",
  }),
});

export const policyViewSchema = z.strictObject({
  feature: z.string(),
  fallback_action: z.string(),
  fallback_model: z.string().nullable(),
  kill_switch: z.boolean(),
  kill_switch_reason: z.string().nullable(),
  anomaly_active: z.boolean(),
  anomaly_tripped_at: dateTime.nullable(),
  anomaly_cleared_at: dateTime.nullable(),
  baseline_usd_per_min: z.string().nullable(),
  auto_clear_minutes: z.number().int(),
  freemium_throttle: z.boolean(),
  updated_at: dateTime,
});
export const policiesResponse = z.strictObject({ policies: z.array(policyViewSchema) });

export const decisionsResponse = z.strictObject({
  decisions: z.array(
    z.strictObject({
      id: z.string(),
      at: dateTime,
      feature: z.string(),
      tenant_id: z.string().nullable(),
      tier: z.string().nullable(),
      model: z.string(),
      decision: z.string(),
      fallback_model: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});

const decimalUsd = z.string().meta({ description: "exact decimal USD" });

export const leaseResponse = z.strictObject({
  lease_id: z.string().nullable().meta({ description: "null when nothing could be granted" }),
  budget_id: z.string(),
  amount_usd: decimalUsd,
  expires_at: dateTime,
  remaining_usd: decimalUsd,
  retry_after: z.number().int().optional().meta({ description: "nothing granted: seconds until the budget's window frees enough" }),
});

/** The policy snapshot SDKs decide from (packages/guardrail-core SnapshotWire); open to added fields. */
export const snapshotResponse = z.object({
  version: z.string().meta({ description: "also the ETag; send it back in If-None-Match" }),
  features: z.record(
    z.string(),
    z.object({
      fallback_action: z.string(),
      fallback_model: z.string().nullable(),
      kill_switch: z.boolean(),
      kill_switch_reason: z.string().nullable(),
      anomaly_active: z.boolean(),
      freemium_throttle: z.boolean(),
      team: z.string().nullable(),
      estimate_usd: decimalUsd.nullable(),
      estimate_tokens: z.string().nullable().optional(),
    }),
  ),
  default_estimate_usd: decimalUsd,
  default_estimate_tokens: z.string().optional(),
  hard_budgets: z.array(
    z.object({
      id: z.string(),
      scope: z.string(),
      scope_ref: z.string(),
      limit_usd: decimalUsd.meta({ description: "the limit in the budget's unit (USD, tokens or requests)" }),
      fallback_model: z.string().nullable(),
      unit: z.string().optional(),
      window: z.string().optional(),
    }),
  ),
  trapped_tenants: z.array(z.string()),
  quotas: z
    .array(
      z.object({
        provider: z.string(),
        model: z.string(),
        action: z.string(),
        projected_exhaustion: z.string().nullable(),
        reason: z.string(),
        models: z.array(z.string()),
      }),
    )
    .optional()
    .meta({ description: "quotas projected to run out before month end (lib/billing), with the models they cover" }),
  model_routes: z
    .array(z.object({ feature: z.string(), from_model: z.string(), to_model: z.string(), draft_id: z.string() }))
    .optional()
    .meta({ description: "approved model switches (policy drafts): calls of from_model are downgraded to to_model" }),
});
