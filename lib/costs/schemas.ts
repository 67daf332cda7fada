import { usdNumber } from "../core/wire";
import { z } from "zod";

const USD = 'a decimal amount in USD (at most 12 digits before the point), e.g. "1200.50"';
const usd = z.union([z.string().regex(/^\d{1,12}(\.\d{1,12})?$/, USD), usdNumber], { error: USD });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const pct = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, 'a percentage, e.g. "40"')
  .or(z.number().nonnegative().transform(String));

/**
 * The team row for cost no rule or owner places (events without a team, a direct rule whose
 * feature has no owner…). Beside the allocation rules because the chargeback and the
 * coding-agent views both name it, and the chargeback reads the coding-agent views.
 */
export const UNALLOCATED = "unallocated";

/** How a fixed cost (or a true-up) is allocated to teams; applied by lib/chargeback/allocate. */
export type AllocationRule =
  | { rule: "proportional" }
  | { rule: "even" }
  | { rule: "percentages"; percentages: Record<string, string> }
  | { rule: "direct"; team?: string; feature?: string };

export const allocationSchema = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal("proportional") }),
  z.strictObject({ rule: z.literal("even") }),
  z
    .strictObject({ rule: z.literal("percentages"), percentages: z.record(z.string().min(1).max(100), pct) })
    .refine((a) => Object.values(a.percentages).reduce((s, v) => s + Number(v), 0) <= 100.0000001, {
      message: "percentages add up to more than 100",
      path: ["percentages"],
    }),
  z
    .strictObject({
      rule: z.literal("direct"),
      team: z.string().min(1).max(100).optional(),
      feature: z.string().min(1).max(100).optional(),
    })
    .refine((a) => !!a.team !== !!a.feature, { message: "give exactly one of team or feature" }),
]);

export const createFixedCostSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    category: z.string().trim().max(100).optional(),
    amount_usd: usd,
    period_start: date,
    period_end: date,
    allocation: allocationSchema,
  })
  .refine((v) => v.period_end > v.period_start, {
    message: "period_end must be after period_start (end is exclusive)",
    path: ["period_end"],
  });

export type CreateFixedCost = z.infer<typeof createFixedCostSchema>;

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
export const allocationRuleSchema = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal("proportional") }),
  z.strictObject({ rule: z.literal("even") }),
  z.strictObject({ rule: z.literal("percentages"), percentages: z.record(z.string(), z.string()) }),
  z.strictObject({ rule: z.literal("direct"), team: z.string().optional(), feature: z.string().optional() }),
]);
export const fixedCostSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  amount_usd: z.string().regex(/^-?\d+\.\d{6}$/),
  period_start: date,
  period_end: date.meta({ description: "exclusive" }),
  allocation: allocationRuleSchema,
  created_at: z.string().meta({ format: "date-time" }),
});
export const fixedCostsResponse = z.strictObject({ fixed_costs: z.array(fixedCostSchema) });
