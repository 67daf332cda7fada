import { describe, expect, test } from "vitest";
import { formatUsd6, parseUsd } from "../money";
import { convert, conversionRate, describeConversion, parseRate, RateTable, rateText, type FxRate } from "./rates";
import { readRateFile, rateDay, RateParseError } from "./parse-rates";

const r = (base: string, quote: string, day: string, rate: string): FxRate => ({ base, quote, day, rate: parseRate(rate) });
const MICRO = 1_000_000n;

const ecb = new RateTable([
  r("EUR", "USD", "2026-05-01", "1.08"),
  r("EUR", "USD", "2026-05-04", "1.0823"),
  r("EUR", "GBP", "2026-05-04", "0.8512"),
  r("EUR", "GBP", "2026-05-05", "0.85"),
]);

describe("the rate in force on a day: the latest on or before it", () => {
  test.each([
    { day: "2026-04-30", want: null, why: "before the first rate: none" },
    { day: "2026-05-01", want: "1.08", why: "its own day" },
    { day: "2026-05-03", want: "1.08", why: "a Sunday uses Friday's" },
    { day: "2026-05-04", want: "1.0823", why: "a new rate" },
    { day: "2026-12-31", want: "1.0823", why: "long after: still the latest (its date shows how old)" },
  ])("$day → $want ($why)", ({ day, want }) => {
    const got = ecb.inForce("EUR", "USD", day);
    expect(got ? rateText(got.rate) : null).toBe(want);
  });
});

describe("conversions: exact rationals, rounded half-even once", () => {
  test.each([
    // 100 EUR × 1.0823 = 108.23 USD exactly
    { from: "EUR", to: "USD", day: "2026-05-04", amount: "100", want: "108.230000", rate: "1.0823", legs: 1 },
    // 108.23 USD ÷ 1.0823 = 100 EUR exactly (the inverse of a stored rate)
    { from: "USD", to: "EUR", day: "2026-05-04", amount: "108.23", want: "100.000000", rate: "0.9239582371", legs: 1 },
    // 1 USD ÷ 1.0823 = 0.923958237088… EUR → 0.923958 (half-even at the sixth decimal)
    { from: "USD", to: "EUR", day: "2026-05-04", amount: "1", want: "0.923958", rate: "0.9239582371", legs: 1 },
    // cross through EUR on 05-04: 1 USD = 0.8512 / 1.0823 GBP = 0.786473251409… → 10 USD = 7.864733 GBP
    { from: "USD", to: "GBP", day: "2026-05-04", amount: "10", want: "7.864733", rate: "0.7864732514", legs: 2 },
    // on 05-05 the GBP leg is newer than the USD leg: the conversion's date is the older (05-04)
    { from: "USD", to: "GBP", day: "2026-05-05", amount: "10.823", want: "8.500000", rate: "0.7853645015", legs: 2 },
    { from: "USD", to: "USD", day: "2026-05-04", amount: "1.234567", want: "1.234567", rate: "1", legs: 0 },
  ])("$amount $from → $to on $day = $want", ({ from, to, day, amount, want, rate, legs }) => {
    const c = ecb.conversion(from, to, day)!;
    expect(c.legs).toHaveLength(legs);
    expect(formatUsd6(convert(parseUsd(amount), c, MICRO) * MICRO)).toBe(want);
    expect(conversionRate(c)).toBe(rate);
  });

  test("no rate connecting the currencies (or none yet on the day) → null", () => {
    expect(ecb.conversion("USD", "JPY", "2026-05-04")).toBeNull();
    expect(ecb.conversion("USD", "EUR", "2026-04-01")).toBeNull();
  });

  test("a conversion's date is the oldest leg's; the description names every stored rate", () => {
    const c = ecb.conversion("USD", "GBP", "2026-05-05")!;
    expect(c.rateDay).toBe("2026-05-04");
    expect(describeConversion(c)).toBe("1 USD = 0.7853645015 GBP (EUR/USD 1.0823 of 2026-05-04, EUR/GBP 0.85 of 2026-05-05)");
  });

  test("convert once: to micro-units directly is one rounding, not pico then micro (a double rounding would move this)", () => {
    // 0.0000005000000004 USD: pico rounding gives 0.000000500000 → half-even to micro 0.000000;
    // the exact value is above half a micro → 0.000001
    const c = { num: 5000000004n, den: 10n ** 16n }; // × 5.000000004e-7
    const amount = parseUsd("1");
    expect(convert(amount, c, MICRO)).toBe(1n);
    expect(convert(convert(amount, c), { num: 1n, den: 1n }, MICRO)).toBe(0n);
  });
});

describe("parseRate refuses what is not an exact positive decimal", () => {
  test.each(["0", "-1.1", "1e3", "1,08", "", "abc", "1.1234567890123"])("%j", (t) => {
    expect(() => parseRate(t)).toThrow(RangeError);
  });
});

describe("rate files", () => {
  test("the ECB's XML (single quotes, as published)", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
<gesmes:subject>Reference rates</gesmes:subject>
<Cube>
<Cube time='2026-05-05'>
<Cube currency='USD' rate='1.0830'/>
<Cube currency='JPY' rate='162.51'/>
</Cube>
<Cube time="2026-05-04">
<Cube currency="USD" rate="1.0823"/>
</Cube>
</Cube>
</gesmes:Envelope>`;
    const { format, rates } = readRateFile(xml);
    expect(format).toBe("ecb_xml");
    expect(rates.map((x) => `${x.day} ${x.base}/${x.quote} ${rateText(x.rate)}`)).toEqual([
      "2026-05-05 EUR/USD 1.083",
      "2026-05-05 EUR/JPY 162.51",
      "2026-05-04 EUR/USD 1.0823",
    ]);
  });

  test("the ECB's CSV: daily form (04 May 2026, trailing comma) and hist form (N/A skipped)", () => {
    const daily = "Date, USD, JPY, \n04 May 2026, 1.0823, 162.51, \n";
    expect(readRateFile(daily).rates.map((x) => `${x.day} ${x.quote} ${rateText(x.rate)}`)).toEqual([
      "2026-05-04 USD 1.0823",
      "2026-05-04 JPY 162.51",
    ]);
    const hist = "Date,USD,CYP,\n2026-05-04,1.0823,N/A,\n2026-05-01,1.08,N/A,\n";
    const { format, rates } = readRateFile(hist);
    expect(format).toBe("ecb_csv");
    expect(rates.map((x) => `${x.day} ${x.quote}`)).toEqual(["2026-05-04 USD", "2026-05-01 USD"]);
  });

  test("a plain CSV date,currency,rate: base given, or per row; a later duplicate wins", () => {
    const csv = "date,currency,rate,base\n2026-05-04,EUR,0.924,USD\n2026-05-04,GBP,0.85,\n2026-05-04,EUR,0.9239,USD\n";
    const { format, rates } = readRateFile(csv, "EUR");
    expect(format).toBe("csv");
    expect(rates.map((x) => `${x.base}/${x.quote} ${rateText(x.rate)}`)).toEqual(["USD/EUR 0.9239", "EUR/GBP 0.85"]);
  });

  test.each([
    { text: "date,currency,rate\n2026-02-30,USD,1.1\n", error: /row 2: date "2026-02-30" is not a date/ },
    { text: "date,currency,rate\n2026-05-04,US Dollar,1.1\n", error: /"US Dollar" is not a currency code/ },
    { text: "date,currency,rate\n2026-05-04,USD,1.1e0\n", error: /row 2: not a rate/ },
    { text: "day,amount\n2026-05-04,1\n", error: /expected the columns date,currency,rate/ },
    { text: "Date,USD\n2026-05-04,-1\n", error: /row 2 USD: not a rate/ },
    { text: "<xml/>", error: /no <Cube time/ },
    { text: "date,currency,rate\n", error: /no rates/ },
  ])("refuses with a line a person can act on: $error", ({ text, error }) => {
    expect(() => readRateFile(text)).toThrow(RateParseError);
    expect(() => readRateFile(text)).toThrow(error);
  });

  test.each([
    ["2026-05-04", "2026-05-04"],
    ["4 May 2026", "2026-05-04"],
    ["04 Sep 2026", "2026-09-04"],
    ["31 Apr 2026", null],
    ["2026/05/04", null],
  ])("rateDay(%j) = %j", (t, want) => expect(rateDay(t)).toBe(want));
});
