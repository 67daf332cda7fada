import { z } from "zod";
import { SERVICE_TIERS } from "./service-tiers";
import { UNIT_KINDS } from "./price-event";

const rate = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,12})?$/, { error: "expected a decimal USD rate per 1M tokens, e.g. 2.50" });

const isoDate = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s) && !Number.isNaN(new Date(s).getTime()), {
    error: "expected a date (YYYY-MM-DD) or ISO date-time",
  })
  .transform((s) => new Date(/T/.test(s) ? s : `${s}T00:00:00Z`));

const percent = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,4})?$/, { error: "expected a percent, e.g. 12.5" })
  .refine((v) => Number(v) <= 1000, { error: "at most 1000" });

const unitPrice = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,12})?$/, { error: "expected a decimal USD price per unit, e.g. 0.01" });

export const OVERRIDE_KINDS = ["rates", "discount", "markup", "margin", "no_catalog", "time"] as const;

/**
 * A price-book rule as an admin enters it (price book page and API): rates, a discount or a markup
 * on the catalog, an internal margin for chargeback, ignoring the catalog for a provider, or an
 * endpoint's time-based price (decision 045). `model: "*"` with a provider: every model of it.
 */
export const overrideInputSchema = z
  .strictObject({
    provider: z
      .string()
      .trim()
      .max(100)
      .nullish()
      .transform((v) => (v ? v : null)),
    model: z.string().trim().min(1, { error: "model is required" }).max(200),
    kind: z.enum(OVERRIDE_KINDS, { error: `expected one of ${OVERRIDE_KINDS.join(", ")}` }),
    service_tier: z
      .enum(SERVICE_TIERS, { error: `expected one of ${SERVICE_TIERS.join(", ")}` })
      .nullish()
      .transform((v) => v ?? null),
    percent: percent.nullish(),
    unit_prices: z
      .partialRecord(z.enum(UNIT_KINDS), unitPrice, { error: `expected an object with keys ${UNIT_KINDS.join(", ")}` })
      .nullish(),
    per_hour_usd: rate.nullish(),
    allocation_rule: z.enum(["tokens", "requests"], { error: "expected tokens or requests" }).nullish(),
    input_per_mtok_usd: rate.nullish(),
    output_per_mtok_usd: rate.nullish(),
    cached_input_per_mtok_usd: rate.nullish(),
    cache_write_per_mtok_usd: rate.nullish(),
    discount_percent: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,4})?$/, { error: "expected a percent, e.g. 12.5" })
      .refine((v) => Number(v) <= 100, { error: "at most 100" })
      .nullish(),
    effective_from: isoDate,
    effective_to: isoDate.nullish(),
    note: z.string().trim().max(500).nullish(),
  })
  .superRefine((o, ctx) => {
    if (o.kind === "rates" && (!o.input_per_mtok_usd || !o.output_per_mtok_usd)) {
      ctx.addIssue({ code: "custom", path: ["input_per_mtok_usd"], message: "a rates override needs input and output rates" });
    }
    if (o.kind === "discount" && !o.discount_percent) {
      ctx.addIssue({ code: "custom", path: ["discount_percent"], message: "a discount override needs a percent" });
    }
    if ((o.kind === "markup" || o.kind === "margin") && !o.percent) {
      ctx.addIssue({ code: "custom", path: ["percent"], message: `a ${o.kind} needs a percent` });
    }
    if (o.model === "*" && !o.provider) {
      ctx.addIssue({ code: "custom", path: ["model"], message: '"*" (every model) needs a provider' });
    }
    if (o.kind === "no_catalog" && (o.model !== "*" || !o.provider)) {
      ctx.addIssue({ code: "custom", path: ["model"], message: 'no_catalog applies to a whole provider: give the provider and model "*"' });
    }
    if (o.kind === "time" && (!o.per_hour_usd || !o.allocation_rule)) {
      ctx.addIssue({
        code: "custom",
        path: ["per_hour_usd"],
        message: "a time price needs per_hour_usd and allocation_rule (tokens or requests)",
      });
    }
    if (o.effective_to && o.effective_to <= o.effective_from) {
      ctx.addIssue({ code: "custom", path: ["effective_to"], message: "must be after effective_from" });
    }
  });

export type OverrideInput = z.infer<typeof overrideInputSchema>;

export const catalogQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const dateTime = z.string().meta({ format: "date-time" });
const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/)
  .meta({ description: "a decimal string" });

export const catalogModelSchema = z.strictObject({
  provider: z.string(),
  provider_name: z.string(),
  model: z.string(),
  name: z.string(),
  deprecated: z.boolean(),
  input_per_mtok_usd: decimal.nullable(),
  output_per_mtok_usd: decimal.nullable(),
  cached_input_per_mtok_usd: decimal.nullable(),
});
export const catalogResponse = z.strictObject({ models: z.array(catalogModelSchema) });

export const overrideSchema = z.strictObject({
  id: z.string(),
  provider: z.string().nullable(),
  model: z.string(),
  kind: z.string(),
  input_per_mtok_usd: decimal.nullable(),
  output_per_mtok_usd: decimal.nullable(),
  cached_input_per_mtok_usd: decimal.nullable(),
  cache_write_per_mtok_usd: decimal.nullable(),
  discount_percent: decimal.nullable(),
  service_tier: z.string().nullable(),
  percent: decimal.nullable(),
  unit_prices: z.record(z.string(), decimal).nullable(),
  per_hour_usd: decimal.nullable(),
  allocation_rule: z.string().nullable(),
  effective_from: dateTime,
  effective_to: dateTime.nullable(),
  note: z.string().nullable(),
  updated_at: dateTime,
});
export const overridesResponse = z.strictObject({ overrides: z.array(overrideSchema) });
const jobId = z
  .string()
  .nullable()
  .meta({ description: "the restatement job started because the change reaches into the past (poll /api/v1/jobs/{id})" });
export const overrideChangeResponse = z.strictObject({ override: overrideSchema, job_id: jobId });
export const overrideDeletedResponse = z.strictObject({ deleted: z.boolean(), job_id: jobId });
export const overrideHistoryResponse = z.strictObject({
  history: z.array(
    z.strictObject({
      id: z.string(),
      at: dateTime,
      action: z.string(),
      actor: z.string(),
      target_id: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});
export const jobResponse = z.strictObject({
  id: z.string(),
  kind: z.string(),
  status: z.string().meta({ description: "queued, running, done or failed" }),
  total: z.number().int(),
  processed: z.number().int(),
  progress: z.number().meta({ description: "0..1" }),
  params: z.unknown(),
  summary: z.unknown().meta({ description: "restatement summary once done: events examined/changed, cost before/after, by feature" }),
  error: z.string().nullable(),
  created_at: dateTime,
  started_at: dateTime.nullable(),
  finished_at: dateTime.nullable(),
});

export const marginsQuerySchema = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "a month YYYY-MM" }),
});
const usd6 = z.string().regex(/^-?\d+\.\d{6}$/);
export const marginsResponse = z.strictObject({
  month: z.string(),
  provider_cost_usd: usd6.meta({ description: "what the providers charge for the events that carry a margin" }),
  margin_usd: usd6.meta({ description: "the internal margin on top, shown apart (never part of provider cost)" }),
  rows: z.array(
    z.strictObject({ team: z.string(), feature: z.string(), events: z.number().int(), provider_cost_usd: usd6, margin_usd: usd6 }),
  ),
});
