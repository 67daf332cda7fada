import { z } from "zod";
import { monthSchema } from "../chargeback/schemas";
import { allocationSchema } from "../costs/schemas";
import { BILLING_SOURCES } from "./parse-billing-file";

export const importQuerySchema = z.strictObject({
  source: z.enum(BILLING_SOURCES),
  account: z.string().trim().min(1, "name the provider account, e.g. account=openai-prod").max(100),
});
export const reconciliationQuerySchema = z.strictObject({ month: monthSchema, format: z.enum(["json", "csv"]).default("json") });
export const trueUpSchema = z.strictObject({ month: monthSchema, allocation: allocationSchema });
export const trueUpDeleteSchema = z.strictObject({ month: monthSchema });
