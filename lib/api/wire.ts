import { z } from "zod";

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
