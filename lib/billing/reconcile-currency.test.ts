import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { parseRate, RateTable } from "../fx/rates";
import { reconcileInCurrencies, type CurrencyInvoiceCell } from "./reconcile-currency";
import { reconciliationCsv } from "./reconciliation-csv";
import type { AttributedCell } from "./reconcile";

const inv = (o: Partial<CurrencyInvoiceCell>): CurrencyInvoiceCell => ({
  provider: "mistral",
  model: "mistral-large",
  day: "2026-10-05",
  kind: "usage",
  costPico: null,
  inputTokens: 0n,
  outputTokens: 0n,
  hasTokens: false,
  currency: "EUR",
  ...o,
});
const att = (o: Partial<AttributedCell>): AttributedCell => ({
  provider: "mistral",
  model: "mistral-large",
  day: "2026-10-05",
  costPico: 0n,
  events: 1,
  unpricedEvents: 0,
  noUsageEvents: 0,
  abortedEvents: 0,
  inputTokens: 100n,
  outputTokens: 100n,
  ...o,
});
const eurUsd = (day: string, rate: string) => ({ base: "EUR", quote: "USD", day, rate: parseRate(rate) });

describe("reconcileInCurrencies", () => {
  test("each figure at its own day's rate: EUR view exact, USD view converts the invoice", () => {
    // 1 EUR = 1.25 USD from 10-01, 1.6 USD from 10-06: 2.5 USD on the 5th = 2 EUR; 4 USD on the 7th = 2.5 EUR
    const rates = new RateTable([eurUsd("2026-10-01", "1.25"), eurUsd("2026-10-06", "1.6")]);
    const r = reconcileInCurrencies({
      month: "2026-10",
      invoice: [inv({ costPico: parseUsd("2") }), inv({ day: "2026-10-07", costPico: parseUsd("2.6") })],
      attributed: [att({ costPico: parseUsd("2.5") }), att({ day: "2026-10-07", costPico: parseUsd("4") })],
      outputRate: () => null,
      rates,
    });
    const p = r.providers[0];
    expect(p.invoice_currency).toMatchObject({ currency: "EUR", invoiced: "4.600000", attributed: "4.500000", gap: "0.100000" });
    expect(p.invoice_currency!.days.map((d) => [d.day, d.gap, d.rate, d.rate_day])).toEqual([
      ["2026-10-05", "0.000000", "0.8", "2026-10-01"],
      ["2026-10-07", "0.100000", "0.625", "2026-10-06"],
    ]);
    // USD: 2 EUR × 1.25 + 2.6 EUR × 1.6 = 6.66 against 6.5
    expect([p.invoiced_usd, p.attributed_usd, p.gap_usd]).toEqual(["6.660000", "6.500000", "0.160000"]);
    expect(p.coverage.complete).toBe(true);
    const csv = reconciliationCsv({
      ...r,
      true_up: { applied: false, amount_usd: null, invoice_usd: null, rule: null, applied_at: null },
      imported: true,
    });
    expect(csv.split("\r\n")[0]).toBe(
      "month,provider,model,day,invoiced_usd,attributed_usd,gap_usd,currency,invoiced,attributed,gap,rate,rate_day",
    );
    expect(csv.split("\r\n")[2]).toBe(
      "2026-10,mistral,mistral-large,2026-10-07,4.160000,4.000000,0.160000,EUR,2.600000,2.500000,0.100000,0.625,2026-10-06",
    );
  });

  test("days before the first rate are not compared: out of the coverage, listed, no alert however large the gap", () => {
    const rates = new RateTable([eurUsd("2026-10-06", "1.6")]);
    const r = reconcileInCurrencies({
      month: "2026-10",
      invoice: [inv({ costPico: parseUsd("900") }), inv({ day: "2026-10-07", costPico: parseUsd("2.5") })],
      attributed: [att({ costPico: parseUsd("1") }), att({ day: "2026-10-07", costPico: parseUsd("4") })],
      outputRate: () => null,
      rates,
    });
    const p = r.providers[0];
    expect(p.invoice_currency!.missing_rate_days).toEqual(["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05"]);
    expect(p.coverage).toEqual({ covered_days: 26, month_days: 31, complete: false });
    expect(r.complete).toBe(false);
    expect(p.over_threshold).toBe(false);
    // only the 7th is compared, in both views
    expect(p.invoice_currency).toMatchObject({ invoiced: "2.500000", attributed: "2.500000", gap: "0.000000" });
    expect([p.invoiced_usd, p.attributed_usd]).toEqual(["4.000000", "4.000000"]);
  });

  test("USD providers beside it are reconciled as before, with no currency block", () => {
    const rates = new RateTable([eurUsd("2026-10-01", "1.25")]);
    const r = reconcileInCurrencies({
      month: "2026-10",
      invoice: [inv({ costPico: parseUsd("2") }), inv({ provider: "openai", model: "gpt", currency: "USD", costPico: parseUsd("3") })],
      attributed: [att({ costPico: parseUsd("2.5") }), att({ provider: "openai", model: "gpt", costPico: parseUsd("3") })],
      outputRate: () => null,
      rates,
    });
    const openai = r.providers.find((p) => p.provider === "openai")!;
    expect(openai.invoice_currency).toBeUndefined();
    expect([openai.invoiced_usd, openai.gap_usd]).toEqual(["3.000000", "0.000000"]);
    expect(r.invoiced_usd).toBe("5.500000");
  });
});
