import { z } from "zod";
import { monthSchema } from "../core/wire";

export const PAPERS = ["a4", "letter"] as const;
export type Paper = (typeof PAPERS)[number];

export const boardReportQuery = z.strictObject({
  month: monthSchema,
  paper: z.enum(PAPERS).default("a4"),
});

/** The last complete month (UTC) before `now`: the default report month. */
export function lastCompleteMonth(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}
