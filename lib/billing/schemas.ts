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

const usd = z.string().regex(/^\d+(\.\d{1,12})?$/, "a decimal amount in USD, e.g. \"1200.50\"");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
export const contractSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("commitment"), provider: z.string().min(1).max(50), name: z.string().trim().min(1).max(200),
    period_start: date, period_end: date, monthly_floor_usd: usd,
    discount: z.string().regex(/^0(\.\d{1,6})?$/, "a fraction below 1, e.g. \"0.15\" for 15 %"), lapse_after_months: z.number().int().min(1).max(24).default(3),
  }),
  z.strictObject({
    type: z.literal("quota"), provider: z.string().min(1).max(50), model: z.string().max(200).default(""),
    unit: z.enum(["tokens", "usd"]), monthly_limit: z.string().regex(/^\d+(\.\d{1,6})?$/, "a number, e.g. \"50000000\""),
  }),
  z.strictObject({
    type: z.literal("capacity"), provider: z.string().min(1).max(50), model: z.string().min(1).max(200), name: z.string().trim().min(1).max(200),
    hourly_cost_usd: usd, capacity_units: z.number().int().min(1), tokens_per_minute_per_unit: z.number().int().min(1),
    owner_team: z.string().min(1).max(100), starts_at: z.iso.datetime(), ends_at: z.iso.datetime().optional(),
  }),
]);
export type ContractInput = z.infer<typeof contractSchema>;
export const contractsQuerySchema = z.strictObject({ month: monthSchema });
export const connectorSchema = z.strictObject({
  account: z.string().trim().min(1).max(100),
  provider: z.enum(["openai", "anthropic"]),
  admin_key: z.string().min(10, "the provider's admin key (sk-admin-… / sk-ant-admin…)").max(500),
  base_url: z.url().optional(),
});
export const connectorSyncSchema = z.strictObject({ account: z.string().trim().min(1).max(100) });
