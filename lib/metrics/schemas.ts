import { z } from "zod";
import { dayCount } from "../time";
import { EVIDENCE_UNITS } from "../format";
import { usd6 } from "../core/wire";

/**
 * Read API query strings (docs/api.md; defaults in docs/metrics.md "Conventions"): from/to are ISO dates, `to` exclusive;
 * unknown parameters are a 400 naming the parameter (strictObject). The same schemas type
 * the TanStack Query hooks.
 */
export const MAX_PERIOD_DAYS = 400;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected an ISO date YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(Date.parse(s + "T00:00:00Z")) && new Date(s + "T00:00:00Z").toISOString().startsWith(s),
    "not a calendar date",
  );
const dim = z.string().min(1).max(200);

export const filterShape = {
  from: isoDate.meta({ description: "first day, inclusive (default: 30 days before `to`)" }).optional(),
  to: isoDate.meta({ description: "the day after the last, exclusive (default: tomorrow, UTC)" }).optional(),
  feature: dim.meta({ description: "only this feature" }).optional(),
  team: dim.meta({ description: "only this team" }).optional(),
  tier: dim.meta({ description: "only tenants of this tier" }).optional(),
  model: dim.meta({ description: "only this model" }).optional(),
  environment: dim.meta({ description: "prod, staging or dev" }).optional(),
};

function checkPeriod(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to) {
    const days = dayCount(q.from, q.to);
    if (days <= 0) ctx.addIssue({ code: "custom", path: ["to"], message: "`to` must be after `from` (to is exclusive)" });
    else if (days > MAX_PERIOD_DAYS)
      ctx.addIssue({ code: "custom", path: ["from"], message: `period longer than ${MAX_PERIOD_DAYS} days` });
  }
}

export const filtersQuery = z.strictObject(filterShape).superRefine(checkPeriod);
export const overviewQuery = z.strictObject({ ...filterShape, stack_by: z.enum(["team", "feature"]).optional() }).superRefine(checkPeriod);
export const cpiQuery = z.strictObject({ ...filterShape, group_by: z.enum(["feature"]).optional() }).superRefine(checkPeriod);
export const efficiencyQuery = z
  .strictObject({ ...filterShape, group_by: z.enum(["feature", "team"]).optional() })
  .superRefine(checkPeriod);
export const freemiumQuery = z.strictObject({ ...filterShape, as_of: isoDate.optional() }).superRefine(checkPeriod);

export type Filters = z.infer<typeof filtersQuery>;

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const dateTime = z.string().meta({ format: "date-time" });
const day = z.string().meta({ format: "date" });
const int = z.number().int();
const rate = z.number().nullable();
const period = z.strictObject({ from: day, to: day.meta({ description: "exclusive" }), days: int });
const filtersEcho = z.record(z.string(), z.string()).meta({ description: "the filters applied" });

const scalar = z.union([z.string(), z.number(), z.null()]);
/** A top-N row keyed by `label` (feature or model); the last row may be "Other" (events null). */
const topRow = (label: string) =>
  z
    .object({ cost_usd: usd6, events: int.nullable() })
    .catchall(scalar)
    .meta({ description: `\`${label}\` names the row; an "Other" row sums the rest (events null)` });

export const overviewResponse = z.strictObject({
  period,
  filters: filtersEcho,
  totals: z.strictObject({
    total_cost_usd: usd6,
    events: int,
    interactions: int,
    input_tokens: int,
    output_tokens: int,
    cached_input_tokens: int,
    unpriced_events: int,
  }),
  cost_by_day: z.strictObject({
    stack_by: z.enum(["team", "feature"]),
    keys: z.array(z.string()),
    points: z.array(z.strictObject({ day, cost_usd: usd6, by: z.record(z.string(), usd6).meta({ description: "stack key → cost" }) })),
  }),
  top_features: z.array(topRow("feature")),
  top_models: z.array(topRow("model")),
  month_to_date: z.strictObject({
    month: z.string(),
    through: day,
    cost_usd: usd6,
    previous_month_same_days_usd: usd6,
    previous_month_total_usd: usd6,
    change: rate,
  }),
  freshness: z.strictObject({ last_event_at: dateTime.nullable(), mean_ingest_delay_ms: int.nullable() }),
});

export const costPerInteractionResponse = z.strictObject({
  period,
  filters: filtersEcho,
  group_by: z.literal("feature"),
  percentile_method: z
    .enum(["exact", "sketch"])
    .meta({ description: "exact: percentile_cont over every interaction; sketch: DDSketch kept at ingestion" }),
  percentile_relative_error: z
    .number()
    .meta({ description: "bound on the relative error of p50/p90/p99 and the daily curve (0 when exact)" }),
  exact_cutoff_interactions: int.meta({ description: "cohorts of at most this many interactions are answered exactly" }),
  features: z.array(
    z.strictObject({
      feature: z.string(),
      interactions: int,
      total_cost_usd: usd6,
      mean_usd: usd6.nullable(),
      p50_usd: usd6.nullable(),
      p90_usd: usd6.nullable(),
      p99_usd: usd6.nullable(),
      max_usd: usd6,
      threshold_usd: usd6,
      review: z.boolean(),
    }),
  ),
  review: z.array(
    z.strictObject({ feature: z.string(), mean_usd: usd6.nullable(), threshold_usd: usd6, interactions: int, total_cost_usd: usd6 }),
  ),
  daily: z.array(
    z.strictObject({
      feature: z.string(),
      threshold_usd: usd6,
      points: z.array(z.strictObject({ day, interactions: int, p50_usd: usd6.nullable(), p90_usd: usd6.nullable() })),
    }),
  ),
  histograms: z.array(
    z.strictObject({
      feature: z.string(),
      buckets: z.array(z.strictObject({ from_usd: usd6, to_usd: usd6.nullable(), interactions: int })),
    }),
  ),
});

export const tokenEfficiencyResponse = z.strictObject({
  period,
  previous_period: z.strictObject({ from: day, to: day }),
  filters: filtersEcho,
  group_by: z.enum(["feature", "team"]),
  groups: z.array(
    z
      .object({
        events: int,
        input_tokens: int,
        output_tokens: int,
        ter: rate.meta({ description: "token efficiency ratio: output / input tokens" }),
        success_rate: rate,
        correct_rate: rate,
        previous_ter: rate,
        previous_correct_rate: rate,
        rank: int.nullable(),
        rank_note: z.string().nullable(),
        total_cost_usd: usd6,
        correct_outputs: int,
        cost_per_correct_output_usd: usd6.nullable(),
        tasks: int,
        resolved_tasks: int,
        task_cost_usd: usd6,
        cost_per_resolved_task_usd: usd6.nullable(),
      })
      .catchall(scalar)
      .meta({ description: "the group key is named after group_by (`team` or `feature`)" }),
  ),
  leaderboard: z.array(z.object({ rank: int.nullable(), ter: z.number().nullable() }).catchall(scalar)),
  notes: z.array(z.string()),
});

export const freemiumTrapResponse = z.strictObject({
  period,
  as_of: day,
  filters: filtersEcho,
  tier: z.string(),
  predicted_ltv_usd: usd6,
  ltv_source: z.string(),
  tenants: int,
  trapped: int,
  trapped_share: rate,
  cohort_cost_usd: usd6,
  trapped_cost_usd: usd6,
  subsidy: z.strictObject({
    free_tier_cost_usd: usd6,
    paid_revenue_usd: usd6,
    ratio: rate,
    paid_tiers: z.array(z.strictObject({ tier: z.string(), active_tenants: int, monthly_price_usd: usd6 })),
  }),
  list: z.array(
    z.strictObject({
      tenant_id: z.string(),
      first_event_at: dateTime,
      window_end: dateTime,
      window_complete: z.boolean(),
      events: int,
      cost_30d_usd: usd6,
      trapped: z.boolean(),
      main_model: z.string().nullable(),
      cheaper_models: z.array(z.strictObject({ provider: z.string(), model: z.string(), estimated_cost_30d_usd: usd6 })),
      action: z.string().nullable(),
    }),
  ),
  list_limit: int,
});

export const unitEconomicsResponse = z.strictObject({
  period,
  filters: filtersEcho,
  features: z.array(
    z.strictObject({
      feature: z.string(),
      unit_of_value: z.string(),
      units: int,
      inference_cost_usd: usd6,
      harness_cost_usd: usd6,
      inference_cost_per_unit_usd: usd6.nullable(),
      harness_cost_per_unit_usd: usd6.nullable(),
      total_cost_per_unit_usd: usd6.nullable(),
      value_per_unit_usd: usd6.nullable(),
      value_method: z.string().nullable(),
      success_rate: rate,
      unit_margin_usd: usd6.nullable(),
      monthly_volume: int,
      monthly_fixed_costs_usd: usd6,
      monthly_profit_usd: usd6.nullable(),
      roi_percent: rate,
      payback_months: rate,
    }),
  ),
  harness: z.strictObject({ total_usd: usd6, unallocated_usd: usd6 }),
  weekly_trend: z.array(
    z.strictObject({
      feature: z.string(),
      points: z.array(
        z.strictObject({
          week: day,
          units: int,
          inference_cost_per_unit_usd: usd6.nullable(),
          success_rate: rate,
          unit_margin_usd: usd6.nullable(),
        }),
      ),
    }),
  ),
  notes: z.array(z.string()),
});

export const antiPatternsResponse = z.strictObject({
  period,
  trend_windows: z
    .strictObject({ before_from: day, after_from: day, to: day.meta({ description: "exclusive" }), label: z.string() })
    .meta({ description: "the whole weeks the trend detectors (zombie, unit economics) compared" }),
  filters: filtersEcho,
  thresholds: z.record(z.string(), z.number()),
  fired: int,
  findings: z.array(
    z.strictObject({
      detector: z.enum([
        "zombie_feature",
        "agentic_loop",
        "negative_unit_economics",
        "technology_churn",
        "prompt_cache_regression",
        "streaming_abort_gap",
        "coding_agent_shift",
      ]),
      subject: z
        .string()
        .meta({ description: "the feature (or model, for technology churn; a team's agent CI runs, for coding_agent_shift)" }),
      fired: z.boolean(),
      severity: z.enum(["warning", "critical"]),
      signal: z.string(),
      evidence: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
      evidence_units: z.record(z.string(), z.enum(EVIDENCE_UNITS)).meta({
        description:
          "the unit of each evidence value, same keys as `evidence`: ratio (0.25 = 25 %), usd (dollars, display precision), number (a count or average), day (YYYY-MM-DD), text",
      }),
      sparkline: z.array(z.number()).meta({ description: "daily cost, USD as chart numbers" }),
      link: z.string(),
    }),
  ),
});

/** Name → response schema of the metrics read API (GET /api/v1/metrics/{name}); types the dashboard hooks. */
export const unpricedResponse = z.strictObject({
  period: z.strictObject({ from: day, to: day.meta({ description: "exclusive" }) }),
  features: z
    .record(z.string(), z.strictObject({ events: int, unpricedEvents: int }))
    .meta({ description: "per feature: events and unpriced events in the period (a cost of an unpriced feature is not a cost)" }),
});
export const dimensionsResponse = z.strictObject({
  teams: z.array(z.string()),
  models: z.array(z.string()).meta({ description: "models seen in the last 90 days" }),
});

export const metricResponses = {
  overview: overviewResponse,
  "cost-per-interaction": costPerInteractionResponse,
  "token-efficiency": tokenEfficiencyResponse,
  "freemium-trap": freemiumTrapResponse,
  "unit-economics": unitEconomicsResponse,
  "anti-patterns": antiPatternsResponse,
  unpriced: unpricedResponse,
  dimensions: dimensionsResponse,
} as const;
export type MetricName = keyof typeof metricResponses;
export type MetricResponse<N extends MetricName> = z.infer<(typeof metricResponses)[N]>;
