import { z } from "zod";

const rate = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,12})?$/, { error: "expected a decimal USD rate per 1M tokens, e.g. 2.50" });

const isoDate = z
  .string()
  .trim()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(s) && !Number.isNaN(new Date(s).getTime()), { error: "expected a date (YYYY-MM-DD) or ISO date-time" })
  .transform((s) => new Date(/T/.test(s) ? s : `${s}T00:00:00Z`));

/** A price override as an admin enters it (price book page and API). */
export const overrideInputSchema = z
  .strictObject({
    provider: z.string().trim().max(100).nullish().transform((v) => (v ? v : null)),
    model: z.string().trim().min(1, { error: "model is required" }).max(200),
    kind: z.enum(["rates", "discount"]),
    input_per_mtok_usd: rate.nullish(),
    output_per_mtok_usd: rate.nullish(),
    cached_input_per_mtok_usd: rate.nullish(),
    cache_write_per_mtok_usd: rate.nullish(),
    discount_percent: z.string().trim().regex(/^\d{1,3}(\.\d{1,4})?$/, { error: "expected a percent, e.g. 12.5" }).refine((v) => Number(v) <= 100, { error: "at most 100" }).nullish(),
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
    if (o.effective_to && o.effective_to <= o.effective_from) {
      ctx.addIssue({ code: "custom", path: ["effective_to"], message: "must be after effective_from" });
    }
  });

export type OverrideInput = z.infer<typeof overrideInputSchema>;

export const catalogQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
