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
  margin_usd: usd6.optional().meta({
    description:
      "internal margin on the month's events (price-book margin rules), apart from provider cost; absent when the month has none",
  }),
  recharged_usd: usd6
    .optional()
    .meta({ description: "what the teams are recharged: total_usd + margin_usd; absent when the month has no margin" }),
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
      margin_usd: usd6.optional().meta({ description: "the team's internal margin (absent when the month has none)" }),
      recharged_usd: usd6.optional().meta({ description: "total_usd + margin_usd (absent when the month has no margin)" }),
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
  endpoint_time: z
    .array(
      z.strictObject({
        endpoint: z.string().meta({ description: "provider/model of the time-priced endpoint" }),
        provider: z.string().nullable(),
        model: z.string(),
        allocation_rule: z.enum(["tokens", "requests"]),
        hours: z.string().meta({ description: "priced running hours in the month (six decimals)" }),
        unpriced_hours: z.string().meta({ description: "running hours with no time rule in force: not charged" }),
        cost_usd: usd6.meta({ description: "served + idle, as charged (in allocated_usd)" }),
        idle_usd: usd6.meta({ description: "running time no call used, charged to the window's owner team (else unallocated)" }),
        idle: z.array(z.strictObject({ team: z.string(), amount_usd: usd6 })),
        by_feature: z.array(
          z.strictObject({
            team: z.string(),
            feature: z.string(),
            requests: z.number().int(),
            tokens: z.string().meta({ description: "input + output tokens served (an integer as text)" }),
            amount_usd: usd6,
          }),
        ),
      }),
    )
    .optional()
    .meta({ description: "time-priced endpoints (decision 057), present when one ran in the month; their lines are in allocations" }),
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

// ── Running windows of time-priced endpoints (decision 057) ────────────────────────────────
const instant = (field: string) =>
  z
    .string()
    .trim()
    .refine((s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)), {
      error: `${field}: expected an ISO date-time with its offset, e.g. 2026-10-01T08:00:00Z`,
    })
    .transform((s) => new Date(s));
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** One running window as entered (API body item or CSV line): [started_at, ended_at). */
export const endpointWindowInput = z
  .strictObject({
    provider: optionalText(100).meta({ description: "the endpoint's provider as events name it (null: any provider)" }),
    model: z
      .string()
      .trim()
      .min(1, { error: "model is required" })
      .max(200)
      .meta({ description: "the model the endpoint serves, as events name it" }),
    started_at: instant("started_at"),
    ended_at: instant("ended_at").meta({ description: "exclusive" }),
    team: optionalText(100).meta({ description: "owner team: idle time is charged to it (none: unallocated)" }),
    note: optionalText(500),
  })
  .superRefine((w, ctx) => {
    // a field that failed its own check is reported there (zod runs this refinement anyway)
    if (!(w.started_at instanceof Date) || !(w.ended_at instanceof Date)) return;
    if (w.ended_at <= w.started_at) ctx.addIssue({ code: "custom", path: ["ended_at"], message: "ended_at must be after started_at" });
    else if (w.ended_at.getTime() - w.started_at.getTime() > 366 * 86_400_000)
      ctx.addIssue({
        code: "custom",
        path: ["ended_at"],
        message: "a window is at most 366 days: record longer running time as several windows",
      });
  });
export type EndpointWindowInput = z.infer<typeof endpointWindowInput>;
export const endpointWindowsBody = z.strictObject({ windows: z.array(endpointWindowInput).min(1).max(1000) });
export const endpointWindowsQuery = z.strictObject({ month: monthSchema.optional() });

const windowWire = z.strictObject({
  id: z.string(),
  provider: z.string().nullable(),
  model: z.string(),
  started_at: dateTime,
  ended_at: dateTime,
  hours: z.string().meta({ description: "the window's length in hours (six decimals)" }),
  team: z.string().nullable(),
  note: z.string().nullable(),
  source: z.enum(["api", "csv"]),
  created_at: dateTime,
});
export const endpointWindowsResponse = z.strictObject({ windows: z.array(windowWire) });
export const endpointWindowsImportResponse = z.strictObject({
  created: z.number().int(),
  windows: z.array(windowWire),
  rejected: z
    .array(z.strictObject({ line: z.number().int().meta({ description: "1 = the header" }), errors: z.array(z.string()) }))
    .meta({ description: "lines not stored, each with why; every valid line is stored" }),
});
