import { z } from "zod";
import { isoDay, isoMonth, usd6, usdDecimal } from "../core/wire";

// the same values as SHADOW_SOURCES in parse-expenses.ts (kept apart: this file is read by the API reference)
const SHADOW_ENUM = ["expense", "card", "focus"] as const;

const col = z.string().trim().min(1).max(100).optional();
export const shadowImportQuerySchema = z.strictObject({
  source: z.enum(SHADOW_ENUM),
  account: z.string().trim().min(1, "name the file's origin, e.g. account=amex-corporate").max(100),
  date: col,
  merchant: col,
  description: col,
  amount: col,
  currency: col,
  employee: col,
  department: col,
});
export const shadowReportQuerySchema = z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month YYYY-MM") });
export const shadowRuleSchema = z.strictObject({
  pattern: z.string().trim().min(3, "at least three characters, as on the statement").max(200),
  vendor: z.string().trim().min(1).max(100),
  product: z.string().trim().max(100).optional(),
  sanctioned: z.boolean().optional(),
  ignore: z.boolean().optional(),
  seat_usd: z
    .string()
    .regex(/^\d+(\.\d{1,6})?$/)
    .nullable()
    .optional(),
  note: z.string().max(500).optional(),
});

export const shadowImportResultSchema = z.strictObject({
  import_id: z.string(),
  account: z.string(),
  source: z.enum(SHADOW_ENUM),
  period_start: isoDay,
  period_end: isoDay,
  lines: z.number().int(),
  amount_usd: usdDecimal,
  unchanged: z.boolean(),
  diff: z.strictObject({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    amount_delta_usd: usdDecimal,
  }),
});
const rule = z.strictObject({
  id: z.string(),
  pattern: z.string(),
  vendor: z.string(),
  product: z.string(),
  sanctioned: z.boolean(),
  ignore: z.boolean(),
  seat_usd: usd6.nullable(),
  note: z.string(),
});
export const shadowRuleResponse = rule;
export const shadowRulesResponse = z.strictObject({ rules: z.array(rule) });
export const shadowRuleDeleted = z.strictObject({ deleted: z.string() });
export const shadowReportSchema = z.strictObject({
  month: isoMonth,
  last_import_at: z.string().nullable(),
  audited_in_last_12_months: z.boolean(),
  totals: z.strictObject({
    ai_spend_usd: usd6,
    sanctioned_usd: usd6,
    unsanctioned_usd: usd6,
    unsanctioned_share: z.number().nullable(),
    lines: z.number().int(),
    other_currency_lines: z.number().int(),
  }),
  by_department: z.array(z.strictObject({ department: z.string(), unsanctioned_usd: usd6, lines: z.number().int() })),
  by_person: z.array(
    z.strictObject({
      employee: z.string(),
      department: z.string(),
      vendor: z.string(),
      product: z.string(),
      unsanctioned_usd: usd6,
      lines: z.number().int(),
      recurring: z.boolean(),
    }),
  ),
  trend: z.array(z.strictObject({ month: isoMonth, ai_spend_usd: usd6, unsanctioned_usd: usd6 })),
  under_contract: z.array(
    z.strictObject({
      vendor: z.string(),
      people: z.number().int(),
      unsanctioned_usd: usd6,
      under_contract_usd: usd6.nullable(),
      seat_usd: usd6.nullable(),
    }),
  ),
  matches: z.array(
    z.strictObject({
      day: isoDay,
      merchant: z.string(),
      amount_usd: usd6,
      employee: z.string(),
      department: z.string(),
      vendor: z.string(),
      product: z.string(),
      sanctioned: z.boolean(),
      explanation: z.string(),
    }),
  ),
});
