import { z } from "zod";

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month YYYY-MM");
export const chargebackQuerySchema = z.strictObject({ month: monthSchema, format: z.enum(["json", "csv"]).default("json") });
export const monthQuerySchema = z.strictObject({ month: monthSchema });
export const closeMonthSchema = z.strictObject({ month: monthSchema, reason: z.string().max(500).optional() });
export const modeSchema = z.strictObject({ mode: z.enum(["showback", "chargeback"]) });

/** A month can be closed only once it has ended (UTC): the current and future months are still open. */
export function isMonthFinished(month: string, now: Date = new Date()): boolean {
  return month < now.toISOString().slice(0, 7);
}
