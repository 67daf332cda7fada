import { z } from "zod";
import { monthSchema } from "../core/wire";

export const chargebackQuerySchema = z.strictObject({ month: monthSchema, format: z.enum(["json", "csv"]).default("json") });
export const monthQuerySchema = z.strictObject({ month: monthSchema });
export const closeMonthSchema = z.strictObject({ month: monthSchema, reason: z.string().max(500).optional() });
export const reopenMonthSchema = z.strictObject({
  month: monthSchema,
  reason: z.string().trim().min(3, "Say why the month is reopened (at least 3 characters): it is recorded in the audit log.").max(500),
});
export const modeSchema = z.strictObject({ mode: z.enum(["showback", "chargeback"]) });
export const focusQuerySchema = z.strictObject({
  month: monthSchema,
  format: z.enum(["csv", "metadata"]).default("csv"),
  version: z
    .enum(["1.3", "1.2"])
    .default("1.3")
    .meta({ description: "FOCUS version the file follows (1.3 by default; 1.2 kept for older tools)" }),
  dataset: z
    .enum(["cost_and_usage", "contract_commitment"])
    .default("cost_and_usage")
    .meta({ description: "FOCUS dataset: Cost and Usage, or Contract Commitment (the month's commitments; FOCUS 1.3, CSV only)" }),
});

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
const usd6 = z.string().regex(/^-?\d+\.\d{6}$/);
const money6 = z
  .string()
  .regex(/^-?\d+\.\d{6}$/)
  .meta({ description: "in the reporting currency, six decimals" });
const dateTime = z.string().meta({ format: "date-time" });
const ratio = z.number().nullable();

export const chargebackResponse = z.strictObject({
  month: monthSchema,
  events_usd: usd6.meta({ description: "usage cost: the month's priced model calls (events)" }),
  fixed_costs_usd: usd6.meta({ description: "fixed and shared costs spread into the month and allocated by rule" }),
  true_up_usd: usd6.optional().meta({
    description:
      'invoice true-up of the month ("0.000000" without one); total = events + fixed costs + true-up. Absent from snapshots of months closed before true-ups existed',
  }),
  total_usd: usd6.meta({ description: "fully loaded cost: usage cost + fixed and shared costs (+ true-up)" }),
  events: z.number().int(),
  rows: z.array(
    z.strictObject({
      team: z.string(),
      direct_usd: usd6.meta({ description: "the team's usage cost" }),
      allocated_usd: usd6.meta({ description: "the team's share of fixed and shared costs" }),
      total_usd: usd6.meta({ description: "the team's fully loaded cost" }),
      true_up_usd: usd6.optional().meta({
        description: 'invoice true-up allocated to the team ("0.000000" without one); absent from snapshots closed before true-ups existed',
      }),
      events: z.number().int(),
      share: ratio.meta({ description: "team total / month total, 0..1" }),
      success_rate: ratio,
      correct_rate: ratio,
      ter: ratio.meta({ description: "token efficiency ratio: output / input tokens" }),
      ter_previous: ratio,
      ter_change: ratio,
      reporting: z
        .strictObject({ direct: money6, allocated: money6, true_up: money6, total: money6 })
        .optional()
        .meta({ description: "the row in the reporting currency (present when it is not USD and a rate is held)" }),
    }),
  ),
  allocations: z.array(z.strictObject({ fixed_cost_id: z.string(), name: z.string(), team: z.string(), amount_usd: usd6 })),
  reporting: z
    .strictObject({
      currency: z.string().meta({ description: "the organisation's reporting currency (ISO 4217)" }),
      rate: z.string().nullable().meta({ description: "1 USD = rate units (ten decimals; the conversion uses the stored rate exactly)" }),
      rate_date: z.string().nullable().meta({ description: "the date of the rate: the latest on or before the month's last day" }),
      rate_note: z.string(),
      events: money6.nullable(),
      fixed_costs: money6.nullable(),
      true_up: money6.nullable(),
      total: money6.nullable().meta({ description: "the rows' reporting totals add up to it exactly (largest remainder)" }),
    })
    .optional()
    .meta({ description: "present when the reporting currency is not USD (decision 047); figures null when no rate is held" }),
  mode: z.enum(["showback", "chargeback"]),
  status: z.enum(["open", "closed"]),
  closed_at: dateTime.nullable(),
  reopened_at: dateTime.nullable(),
  late_arrivals: z
    .strictObject({
      events: z.number().int(),
      cost_usd: usd6,
      items: z.array(
        z.strictObject({
          event_id: z.string(),
          timestamp: dateTime,
          received_at: dateTime,
          feature: z.string(),
          team: z.string(),
          cost_usd: usd6,
        }),
      ),
    })
    .nullable()
    .meta({ description: "events received after the month was closed (closed months only)" }),
});
export const closeMonthResponse = z.strictObject({ month: monthSchema, status: z.literal("closed"), closed_at: dateTime, total_usd: usd6 });
export const reopenMonthResponse = z.strictObject({ month: monthSchema, status: z.literal("open"), reopened_at: dateTime });
export const modeResponse = z.strictObject({ mode: z.enum(["showback", "chargeback"]) });

/** A month can be closed only once it has ended (UTC): the current and future months are still open. */
export function isMonthFinished(month: string, now: Date = new Date()): boolean {
  return month < now.toISOString().slice(0, 7);
}
