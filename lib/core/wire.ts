import { z } from "zod";
import { floatToDecimalString } from "../money/decimal-text";

/**
 * Building blocks of the /api/v1 response schemas (the API contract): how money, dates and the
 * period echo look on the wire. Response schemas describe the JSON a client receives, so a
 * `Date` returned by the domain is an ISO string here (see `Wire<T>`).
 */

/** Dollars with exactly six decimals, as a string (exact money, never a float). */
export const usd6 = z
  .string()
  .regex(/^-?\d+\.\d{6}$/)
  .meta({ description: "US dollars, six decimals, as a string", example: "12.345678" });
/** A decimal dollar amount as stored (up to twelve decimals), as a string. */
export const usdDecimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({ description: "US dollars as a decimal string" });
/**
 * Input amounts given as JSON numbers: bounded to what a money column (Decimal(24,12)) holds,
 * 12 digits before the point (1e308 is a 400, not a database overflow), and turned into the
 * decimal they were written as (1e-7 → "0.0000001"), never into exponent notation.
 */
export const MAX_INPUT_USD = 999_999_999_999;
export const usdNumber = z
  .number()
  .nonnegative()
  .max(MAX_INPUT_USD, "at most 999999999999 (12 digits before the point)")
  .transform((n) => floatToDecimalString(n));
/** An input day "YYYY-MM-DD" that exists on the calendar (2026-13-45 is a 400, not an Invalid Date in a query). */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected YYYY-MM-DD" })
  .refine((s) => {
    const t = Date.parse(s + "T00:00:00Z");
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(s);
  }, "not a calendar date");
/** An input month "YYYY-MM" (query parameters and bodies of the chargeback, billing and reports endpoints). */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month YYYY-MM");
export const isoDateTime = z.string().meta({ format: "date-time", example: "2026-01-31T12:00:00.000Z" });
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ format: "date", example: "2026-01-31" });
export const isoMonth = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .meta({ description: "calendar month YYYY-MM", example: "2026-01" });

/** The resolved period every metrics answer echoes: `to` is exclusive. */
export const periodSchema = z.strictObject({ from: isoDay, to: isoDay, days: z.number().int() });
/** The dimension filters a metrics answer applied (only those given). */
export const filtersEcho = z.record(z.string(), z.string());
/** A free-form JSON object (audit snapshots, alert evidence, allocation rules). */
export const jsonObject = z.record(z.string(), z.unknown());

/**
 * What a handler may return for a schema whose JSON type is T: the same structure where any
 * string may still be a `Date` (JSON.stringify turns it into an ISO string).
 */
export type Wire<T> = T extends string
  ? string | Date
  : T extends readonly (infer U)[]
    ? readonly Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The answer of a DELETE that removes one thing. */
export const deletedResponse = z.strictObject({ id: z.string(), deleted: z.boolean() });
