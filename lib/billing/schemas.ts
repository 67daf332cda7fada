import { z } from "zod";
import { isoDateTime, isoDay, isoMonth, monthSchema, usd6, usdDecimal } from "../core/wire";
import { allocationRuleSchema, allocationSchema } from "../costs/schemas";
import { BILLING_SOURCES } from "./parse-billing-file";

/** A year of daily cost lines per project (~100,000 lines, ~20 MB as the API exports it) fits with room to spare. */
export const BILLING_FILE_MAX_BYTES = 64 * 1024 * 1024;
export const importQuerySchema = z.strictObject({
  source: z.enum(BILLING_SOURCES),
  account: z.string().trim().min(1, "name the provider account, e.g. account=openai-prod").max(100),
  progress: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, "a token of 8–64 letters, digits, - or _ (e.g. a UUID), new for each upload")
    .optional()
    .meta({
      description: "a token of the caller's choosing: GET /api/v1/billing/imports/progress/{token} reports the import while it runs",
    }),
});
export const reconciliationQuerySchema = z.strictObject({ month: monthSchema, format: z.enum(["json", "csv"]).default("json") });
export const trueUpSchema = z.strictObject({ month: monthSchema, allocation: allocationSchema });
export const trueUpDeleteSchema = z.strictObject({ month: monthSchema });

const usd = z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, 'a decimal amount in USD (at most 12 digits before the point), e.g. "1200.50"');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
export const contractSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("commitment"),
    provider: z.string().min(1).max(50),
    name: z.string().trim().min(1).max(200),
    period_start: date,
    period_end: date,
    monthly_floor_usd: usd,
    discount: z.string().regex(/^0(\.\d{1,6})?$/, 'a fraction below 1, e.g. "0.15" for 15 %'),
    lapse_after_months: z.number().int().min(1).max(24).default(3),
  }),
  z.strictObject({
    type: z.literal("quota"),
    provider: z.string().min(1).max(50),
    model: z.string().max(200).default(""),
    unit: z.enum(["tokens", "usd"]),
    monthly_limit: z.string().regex(/^\d{1,18}(\.\d{1,6})?$/, 'a number (at most 18 digits before the point), e.g. "50000000"'),
  }),
  z.strictObject({
    type: z.literal("capacity"),
    provider: z.string().min(1).max(50),
    model: z.string().min(1).max(200),
    name: z.string().trim().min(1).max(200),
    hourly_cost_usd: usd,
    capacity_units: z.number().int().min(1),
    tokens_per_minute_per_unit: z.number().int().min(1),
    owner_team: z.string().min(1).max(100),
    starts_at: z.iso.datetime(),
    ends_at: z.iso.datetime().optional(),
  }),
]);
export type ContractInput = z.infer<typeof contractSchema>;
export const contractsQuerySchema = z.strictObject({ month: monthSchema });
export const connectorSchema = z.strictObject({
  account: z.string().trim().min(1).max(100),
  provider: z.enum(["openai", "anthropic"]),
  admin_key: z.string().min(10, "the provider's admin key (sk-admin-… / sk-ant-admin…)").max(500),
  base_url: z.url().optional(),
});
export const connectorSyncSchema = z.strictObject({ account: z.string().trim().min(1).max(100) });

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const usdExact = usdDecimal.meta({ description: "US dollars as an exact decimal string (up to twelve decimals)" });

export const connectorResponse = z.strictObject({
  account: z.string(),
  provider: z.string(),
  url: z.string().nullable().meta({ description: "the admin API's base URL" }),
  key_hint: z.string().nullable().meta({ description: "the last characters of the stored key (the key itself is never returned)" }),
});

export const lineDiffSchema = z.strictObject({
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  cost_delta_usd: usdExact.meta({ description: 'new total − old total (cost lines only), twelve decimals ("0" when nothing changed)' }),
  items: z
    .array(
      z.strictObject({
        key: z.string().meta({ description: "day|model|line item" }),
        change: z.enum(["added", "removed", "changed"]),
        before_usd: usdExact.nullable(),
        after_usd: usdExact.nullable(),
      }),
    )
    .meta({ description: "the first 50 changes" }),
});
export const importResultSchema = z.strictObject({
  import_id: z.string(),
  account: z.string(),
  source: z.enum(BILLING_SOURCES),
  period_start: isoDay,
  period_end: isoDay.meta({ description: "the file's last day (inclusive)" }),
  lines: z.number().int(),
  cost_usd: usdExact.meta({ description: "the file's cost lines, twelve decimals" }),
  unchanged: z.boolean().meta({ description: "true when the file repeats what was already imported for the period" }),
  diff: lineDiffSchema,
  currency: z
    .string()
    .optional()
    .meta({ description: "present when the account is billed in another currency than USD: cost_usd and the diff are then in it" }),
});
export const importsResponse = z.strictObject({
  imports: z.array(
    z.strictObject({
      id: z.string(),
      account: z.string(),
      source: z.string(),
      period_start: isoDay,
      period_end: isoDay.meta({ description: "inclusive" }),
      lines: z.number().int(),
      cost_usd: usd6,
      via: z.string().meta({ description: "upload, api or connector" }),
      imported_at: isoDateTime,
      added: z.number().int(),
      removed: z.number().int(),
      changed: z.number().int(),
      cost_delta_usd: usdExact,
      currency: z.string().optional().meta({ description: "present when not USD: cost_usd and cost_delta_usd are then in it" }),
    }),
  ),
});
export const importProgressSchema = z.strictObject({
  id: z.string(),
  account: z.string(),
  source: z.string(),
  status: z.enum(["running", "done", "failed"]),
  phase: z.string().meta({ description: "reading, comparing, writing, done" }),
  processed: z.number().int().meta({ description: "lines written so far" }),
  total: z.number().int().meta({ description: "lines in the file (0 while it is being read)" }),
  error: z.string().nullable(),
  started_at: isoDateTime,
  updated_at: isoDateTime,
});
export const connectorSyncResponse = z.strictObject({ account: z.string(), imports: z.array(importResultSchema) });

const commitmentForecastSchema = z.strictObject({
  name: z.string(),
  provider: z.string(),
  floor_usd: usd6,
  discount: z.string().meta({ description: 'fraction, e.g. "0.15"' }),
  status: z.enum(["ok", "at_risk", "lapsed"]),
  first_miss_month: isoMonth.nullable(),
  lapse_month: isoMonth.nullable(),
  months_ahead: z.number().int().nullable(),
  projected_increase: z.number().meta({ description: "bill increase once the discount lapses, e.g. 0.1765" }),
  warning: z.string().nullable(),
  months: z.array(
    z.strictObject({ month: isoMonth, spend_usd: usd6, kind: z.enum(["actual", "run_rate", "projected"]), under_floor: z.boolean() }),
  ),
});
const quotaRowSchema = z.strictObject({
  id: z.string(),
  provider: z.string(),
  model: z.string().meta({ description: '"" for every model of the provider' }),
  unit: z.string().meta({ description: "tokens or usd" }),
  limit: z.string().meta({ description: "monthly allocation in the quota's unit, as a decimal string" }),
  used: z.string().meta({ description: "used since the first of the month, same unit" }),
  used_share: z.number(),
  projected_month_total: z.number(),
  projected_exhaustion: z.string().nullable(),
  exhausts_before_month_end: z.boolean(),
  action: z.enum(["allow", "downgrade", "block"]),
  daily_allowance_left: z.number(),
});
const capacityRowSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  model: z.string(),
  owner_team: z.string(),
  hours: z.number(),
  cost_usd: usd6,
  tokens_served: z.string(),
  utilisation: z.number(),
  idle_cost_usd: usd6,
});
export const contractsResponse = z.strictObject({
  commitments: z.array(commitmentForecastSchema),
  quotas: z.array(quotaRowSchema),
  capacity: z.array(capacityRowSchema),
});
export const createdContractResponse = z.strictObject({ id: z.string(), type: z.enum(["commitment", "quota", "capacity"]) });

export const trueUpResponse = z.strictObject({
  month: isoMonth,
  amount_usd: usd6.meta({ description: "invoice − attributed, spread over the teams" }),
  invoice_usd: usd6,
  allocation: allocationRuleSchema,
});
export const trueUpRemovedResponse = z.strictObject({ month: isoMonth, removed: z.boolean() });

const driverNames = [
  "no_events",
  "not_invoiced",
  "no_usage",
  "unpriced",
  "undelivered_stream",
  "rate_difference",
  "credits",
  "other_charges",
] as const;
const money6 = z
  .string()
  .regex(/^-?\d+\.\d{6}$/)
  .meta({ description: "an amount in the block's currency, six decimals" });
const invoiceCurrencySchema = z.strictObject({
  currency: z.string().meta({ description: "ISO 4217 code the invoice was issued in" }),
  invoiced: money6.meta({ description: "the invoice as issued, never converted" }),
  attributed: money6.meta({ description: "usage cost converted from USD cell by cell (model × day) at each day's rate" }),
  gap: money6,
  gap_share: z.number().nullable(),
  drivers: z.array(z.strictObject({ driver: z.enum(driverNames), label: z.string(), amount: money6, detail: z.string() })),
  days: z.array(
    z.strictObject({
      model: z.string(),
      day: isoDay,
      invoiced: money6,
      attributed: money6,
      gap: money6,
      rate: z.string().meta({ description: "1 USD = rate units of the currency (ten decimals; the arithmetic is exact)" }),
      rate_day: isoDay.meta({ description: "the date of the rate used (the latest on or before the day)" }),
    }),
  ),
  rates: z.array(z.strictObject({ day: isoDay, rate: z.string(), rate_day: isoDay })),
  missing_rate_days: z.array(isoDay).meta({ description: "days with no rate on or before them: not compared (Settings → Currency)" }),
});
export const reconciliationResponse = z.strictObject({
  month: isoMonth,
  threshold_share: z.number(),
  invoiced_usd: usd6.meta({ description: "invoiced: what the providers billed" }),
  attributed_usd: usd6.meta({ description: "attributed: usage cost that matches the invoices' providers and covered days" }),
  gap_usd: usd6,
  complete: z.boolean().meta({ description: "every provider's imported invoices cover the whole month (true-up offered only then)" }),
  providers: z.array(
    z.strictObject({
      provider: z.string(),
      coverage: z.strictObject({ covered_days: z.number().int(), month_days: z.number().int(), complete: z.boolean() }).meta({
        description: "days of the month the provider's imports cover; a partial period is compared on those days only and raises no alert",
      }),
      grain: z.enum(["model_day", "day"]),
      invoiced_usd: usd6,
      attributed_usd: usd6,
      gap_usd: usd6,
      gap_share: z.number().nullable(),
      invoiced_output_tokens: z.string().nullable(),
      attributed_output_tokens: z.string(),
      drivers: z.array(z.strictObject({ driver: z.enum(driverNames), label: z.string(), amount_usd: usd6, detail: z.string() })),
      largest_driver: z.enum(driverNames).nullable(),
      over_threshold: z.boolean(),
      by_tier: z
        .array(z.strictObject({ tier: z.string(), invoiced_usd: usd6, attributed_usd: usd6, gap_usd: usd6 }))
        .nullable()
        .meta({
          description: "the gap per service tier (standard, flex, priority, scale, batch) where the invoice lines carry tiers; else null",
        }),
      invoice_currency: invoiceCurrencySchema.optional().meta({
        description:
          "present when the provider invoices in another currency than USD: the invoice as issued against the usage converted at each day's rate (the USD fields convert the invoice instead)",
      }),
    }),
  ),
  models: z.array(
    z.strictObject({
      provider: z.string(),
      model: z.string(),
      invoiced_usd: usd6,
      attributed_usd: usd6,
      gap_usd: usd6,
      invoiced_tokens: z.string().nullable(),
      attributed_tokens: z.string(),
      effective_rate_per_mtok: z.string().nullable(),
      attributed_rate_per_mtok: z.string().nullable(),
    }),
  ),
  days: z.array(
    z.strictObject({ provider: z.string(), model: z.string(), day: isoDay, invoiced_usd: usd6, attributed_usd: usd6, gap_usd: usd6 }),
  ),
  true_up: z.strictObject({
    applied: z.boolean(),
    amount_usd: usd6.nullable(),
    invoice_usd: usd6.nullable(),
    rule: z.string().nullable(),
    applied_at: isoDateTime.nullable(),
  }),
  imported: z.boolean(),
});
