import { z } from "zod";
import { isoDateTime, isoDay, isoMonth } from "../core/wire";

/** Raw-event retention: the request and response schemas of /api/v1/admin/retention (no server imports: the API contract reads them). */
export const MAX_RETENTION_MONTHS = 120;

export const retentionInputSchema = z.strictObject({
  raw_event_retention_months: z
    .number()
    .int({ error: "a whole number of months" })
    .min(1, { error: "at least 1 month (or null to keep raw events forever)" })
    .max(MAX_RETENTION_MONTHS, { error: `at most ${MAX_RETENTION_MONTHS} months (or null to keep raw events forever)` })
    .nullable(),
});

// ── Responses (the API contract, lib/api/endpoints.ts) ─────────────────────────────────────
export const retentionResponse = z.strictObject({
  raw_event_retention_months: z
    .number()
    .int()
    .nullable()
    .meta({ description: "months of raw events kept; null: forever (rollups are always kept)" }),
  raw_events_kept_from: isoDay.nullable().meta({ description: "raw events before this day are past retention; null: none are" }),
  dropped_months: z
    .array(z.strictObject({ month: isoMonth, dropped_at: isoDateTime }))
    .meta({ description: "month partitions already dropped (shared by every organisation)" }),
});

/** The retention echo in GET /api/v1/events. */
export const eventsRetentionSchema = z.strictObject({
  raw_event_retention_months: z.number().int().nullable(),
  raw_events_kept_from: isoDay.nullable(),
  period_past_retention: z.boolean().meta({
    description:
      "true when the requested period reaches before raw_events_kept_from (those events are not listed; rollup totals keep them)",
  }),
});
