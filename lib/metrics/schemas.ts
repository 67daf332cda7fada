import { z } from "zod";

/**
 * Read API query strings (SPEC.md "Read API"): from/to are ISO dates, `to` exclusive;
 * unknown parameters are a 400 naming the parameter (strictObject). The same schemas type
 * the TanStack Query hooks.
 */
export const MAX_PERIOD_DAYS = 400;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected an ISO date YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(s + "T00:00:00Z")) && new Date(s + "T00:00:00Z").toISOString().startsWith(s), "not a calendar date");
const dim = z.string().min(1).max(200);

export const filterShape = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  feature: dim.optional(),
  team: dim.optional(),
  tier: dim.optional(),
  model: dim.optional(),
  environment: dim.optional(),
};

function checkPeriod(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to) {
    const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
    if (days <= 0) ctx.addIssue({ code: "custom", path: ["to"], message: "`to` must be after `from` (to is exclusive)" });
    else if (days > MAX_PERIOD_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: `period longer than ${MAX_PERIOD_DAYS} days` });
  }
}

export const filtersQuery = z.strictObject(filterShape).superRefine(checkPeriod);
export const overviewQuery = z.strictObject({ ...filterShape, stack_by: z.enum(["team", "feature"]).optional() }).superRefine(checkPeriod);
export const cpiQuery = z.strictObject({ ...filterShape, group_by: z.enum(["feature"]).optional() }).superRefine(checkPeriod);
export const efficiencyQuery = z.strictObject({ ...filterShape, group_by: z.enum(["feature", "team"]).optional() }).superRefine(checkPeriod);
export const freemiumQuery = z.strictObject({ ...filterShape, as_of: isoDate.optional() }).superRefine(checkPeriod);

export type Filters = z.infer<typeof filtersQuery>;

/** A resolved period: defaults to the 30 days ending today (UTC), `to` exclusive. */
export type Period = { from: string; to: string; days: number };

export function resolvePeriod(q: { from?: string; to?: string }, now = new Date()): Period {
  const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  const to = q.to ?? (q.from ? addDays(q.from, 30) : tomorrow.toISOString().slice(0, 10));
  const from = q.from ?? addDays(to, -30);
  return { from, to, days: Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) };
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + "T00:00:00Z") + n * 86_400_000).toISOString().slice(0, 10);
}

export const tierSettingsBody = z.strictObject({
  predicted_ltv_usd: z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, "a decimal amount ≥ 0, e.g. \"1.50\""),
  monthly_price_usd: z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, "a decimal amount ≥ 0, e.g. \"0\"").optional(),
});

export const featureSettingsBody = z.strictObject({
  display_name: z.string().max(200).nullable().optional(),
  owner_team: z.string().max(200).nullable().optional(),
  review_threshold_usd: z.string().regex(/^\d{1,12}(\.\d{1,12})?$/).optional(),
  unit_of_value: z.enum(["conversation", "document", "task", "query", "report"]).optional(),
  value_per_unit_usd: z.string().regex(/^\d{1,12}(\.\d{1,12})?$/).nullable().optional(),
  value_method: z.enum(["cost_displacement", "revenue_uplift", "retention", "premium_price"]).nullable().optional(),
  design_tokens_per_request: z.number().int().min(0).nullable().optional(),
  design_calls_per_request: z.number().int().min(0).nullable().optional(),
});

export const tierName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "tier names are letters, digits, _ . -");
