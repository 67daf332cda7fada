import { z } from "zod";
import { defineEndpoint as e } from "../route-contract";
import { calendarDay, deletedResponse, isoDateTime, isoDay } from "../../core/wire";
import { rateText } from "../../fx/rates";
import type { CurrencySettings, RateImportResult, StoredRate } from "../../fx/store";

/**
 * Currencies and FX rates (docs/decisions/047-currencies.md): part of the API contract
 * (lib/api/endpoints.ts). Decision 044's shape: the domain (lib/fx) returns typed values (bigint
 * rates, Dates); the schemas and the one toWire per answer live here.
 */
const code = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "an ISO 4217 currency code, e.g. EUR")
  .transform((s) => s.toUpperCase());
const rateString = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'a positive decimal with at most 12 decimals, e.g. "1.0823"')
  .refine((s) => /[1-9]/.test(s), "a rate must be above zero");

// ── Requests ──
export const currencySettingsBody = z.strictObject({ reporting_currency: code });
export const accountCurrencyBody = z.strictObject({
  currency: code,
  provider: z
    .enum(["openai", "anthropic", "focus"])
    .optional()
    .meta({ description: "creates the account when it does not exist yet (so its first invoice can be imported in its currency)" }),
});
export const ratesQuery = z.strictObject({
  base: code.optional(),
  quote: code.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export const rateBody = z.strictObject({
  base: code.meta({ description: "1 base = rate quote (the ECB's form: base EUR)" }),
  quote: code,
  day: calendarDay,
  rate: rateString,
});
export const rateDeleteQuery = z.strictObject({ base: code, quote: code, day: calendarDay });
export const rateImportQuery = z.strictObject({
  base: code.default("EUR").meta({ description: "base of a plain CSV without a base column (the ECB's files are EUR-based)" }),
  only: z
    .string()
    .regex(/^[A-Za-z]{3}(,[A-Za-z]{3})*$/, "comma-separated currency codes, e.g. USD,GBP")
    .transform((s) => s.toUpperCase().split(","))
    .optional()
    .meta({ description: "keep only the rates of these currencies (e.g. USD from the ECB's hist file)" }),
});
/** The ECB's hist file since 1999 is ~15 MB as XML. */
export const RATE_FILE_MAX_BYTES = 32 * 1024 * 1024;

// ── Responses ──
const rateWire = z.strictObject({
  base: z.string(),
  quote: z.string(),
  day: isoDay,
  rate: z.string().meta({ description: "1 base = rate quote, an exact decimal as entered or published" }),
  source: z.string().meta({ description: "manual, csv, ecb_csv or ecb_xml" }),
  updated_at: isoDateTime,
});
export const currencySettingsResponse = z.strictObject({
  reporting_currency: z.string().meta({ description: "the chargeback is also shown in it (USD: no conversion)" }),
  accounts: z.array(z.strictObject({ account: z.string(), provider: z.string(), currency: z.string() })),
});
export const ratesResponse = z.strictObject({
  rates: z.array(rateWire).meta({ description: "newest first, at most `limit`" }),
  total: z.number().int(),
  pairs: z.array(z.strictObject({ base: z.string(), quote: z.string(), first: isoDay, last: isoDay, days: z.number().int() })),
});
export const rateImportResponse = z.strictObject({
  format: z.enum(["ecb_xml", "ecb_csv", "csv"]),
  rates: z.number().int(),
  pairs: z.array(z.string()),
  first: isoDay,
  last: isoDay,
});

// ── toWire ──
export const currencySettingsToWire = (s: CurrencySettings): z.input<typeof currencySettingsResponse> => ({
  reporting_currency: s.reportingCurrency,
  accounts: s.accounts.map((a) => ({ account: a.name, provider: a.provider, currency: a.currency })),
});
export const rateToWire = (r: StoredRate) => ({
  base: r.base,
  quote: r.quote,
  day: r.day,
  rate: rateText(r.rate),
  source: r.source,
  updated_at: r.updatedAt.toISOString(),
});
export const ratesToWire = (x: { rates: StoredRate[]; total: number; pairs: z.input<typeof ratesResponse>["pairs"] }) => ({
  rates: x.rates.map(rateToWire),
  total: x.total,
  pairs: x.pairs,
});
export const rateImportToWire = (r: RateImportResult): z.input<typeof rateImportResponse> => ({ ...r });

export const fxEndpoints = {
  "GET /api/v1/settings/currency": e({
    method: "GET",
    path: "/api/v1/settings/currency",
    summary: "Reporting currency and each billing account's currency",
    capability: "dashboards.read",
    response: currencySettingsResponse,
  }),
  "PUT /api/v1/settings/currency": e({
    method: "PUT",
    path: "/api/v1/settings/currency",
    summary: "Set the reporting currency (the chargeback is also shown in it)",
    capability: "settings.edit",
    body: currencySettingsBody,
    response: currencySettingsResponse,
  }),
  "PUT /api/v1/settings/currency/accounts/{account}": e({
    method: "PUT",
    path: "/api/v1/settings/currency/accounts/{account}",
    summary: "Set the currency a provider bills an account in (its invoices are reconciled in it)",
    description: "Refused (409) while the account holds imported lines in another currency.",
    capability: "billing.manage",
    params: { account: "the billing account's name" },
    body: accountCurrencyBody,
    response: currencySettingsResponse,
  }),
  "GET /api/v1/fx/rates": e({
    method: "GET",
    path: "/api/v1/fx/rates",
    summary: "FX rates, newest first, and the pairs held with their first and last day",
    capability: "dashboards.read",
    query: ratesQuery,
    response: ratesResponse,
  }),
  "PUT /api/v1/fx/rates": e({
    method: "PUT",
    path: "/api/v1/fx/rates",
    summary: "Enter or correct one day's rate (1 base = rate quote)",
    capability: "settings.edit",
    body: rateBody,
    response: rateWire,
  }),
  "DELETE /api/v1/fx/rates": e({
    method: "DELETE",
    path: "/api/v1/fx/rates",
    summary: "Delete one day's rate",
    capability: "settings.edit",
    query: rateDeleteQuery,
    response: deletedResponse,
  }),
  "POST /api/v1/fx/rates/import": e({
    method: "POST",
    path: "/api/v1/fx/rates/import",
    summary: "Import rates: the ECB's eurofxref XML or CSV (daily or hist), or a CSV date,currency,rate",
    description: "The body is the file. A day already held is replaced by the file's rate. The format is recognised from the content.",
    capability: "settings.edit",
    query: rateImportQuery,
    rawBody: {
      "text/csv": { description: "the ECB's eurofxref CSV, or date,currency,rate[,base]" },
      "application/xml": { description: "the ECB's eurofxref XML" },
      "text/xml": { description: "the ECB's eurofxref XML" },
    },
    bodyLimit: RATE_FILE_MAX_BYTES,
    response: rateImportResponse,
  }),
};
