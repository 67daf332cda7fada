import { describe, expect, test } from "vitest";
import { parseUsd, type Pico } from "../money";
import { usd, usdUnit } from "../format";
import { reportCurrencyFromWire, reportMoney, USD_REPORT } from "./report-money";

const usdM = reportMoney(USD_REPORT);
// EUR/USD 1.0823 (ECB form: 1 EUR = 1.0823 USD): 1 USD = 1/1.0823 EUR, kept as an exact rational
const eur = reportMoney(
  reportCurrencyFromWire({
    code: "EUR",
    rate: "0.9239582371",
    rate_date: "2026-05-29",
    num: "1000000000000",
    den: "1082300000000",
    note: "n",
  }),
);

describe("the board report's money", () => {
  // in USD the formatters print exactly what lib/format printed from the API string
  test.each([
    ["1234.5", 2],
    ["0.004999", undefined],
    ["-12.345", 2],
    ["0.000000", 4],
    ["1.005000", 2],
    ["1.015000", 2],
  ] as const)("USD %s at %s decimals reads as before", (s, d) => {
    expect(usdM.money(parseUsd(s), d)).toBe(usd(s, d));
    expect(usdM.unit(parseUsd(s))).toBe(usdUnit(s));
  });

  test.each([
    // 1082.30 USD = 1000.00 EUR exactly
    [parseUsd("1082.3"), 2, "€1,000.00"],
    // 0.005 EUR is 0.0054115 USD: exactly half a cent, half-even → €0.00; 0.015 EUR → €0.02
    [parseUsd("0.0054115"), 2, "€0.00"],
    [parseUsd("0.0162345"), 2, "€0.02"],
    // below one cent: four decimals, chosen on the converted amount
    [parseUsd("0.01"), undefined, "€0.0092"],
    [-parseUsd("1082.3"), 2, "-€1,000.00"],
  ] as [Pico, number | undefined, string][])("USD %s in EUR at %s decimals → %s (converted once, rounded once)", (p, d, text) => {
    expect(eur.money(p, d)).toBe(text);
  });

  test("one rounding: a conversion just below half a cent rounds down (rounded to six decimals first, it would round up)", () => {
    const q = parseUsd("0.01623449999"); // 0.01499999999… EUR; 0.015000 at six decimals, which half-even takes to €0.02
    expect(eur.money(q, 2)).toBe("€0.01");
  });

  test("null is a dash; a currency block without a rate leaves the report in USD", () => {
    expect(eur.money(null)).toBe("—");
    const none = reportMoney(reportCurrencyFromWire({ code: "GBP", rate: null, rate_date: null, num: null, den: null, note: "no rate" }));
    expect(none.code).toBe("USD");
    expect(none.money(parseUsd("2.5"), 2)).toBe("$2.50");
    expect(eur.code).toBe("EUR");
    expect(eur.short(1500)).toBe("€1.5k");
  });
});
