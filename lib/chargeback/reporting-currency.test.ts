import { describe, expect, test } from "vitest";
import { divHalfEven, formatUsd6, parseUsd } from "../money";
import { parseRate, RateTable } from "../fx/rates";
import { computeChargeback, convertColumn, type ChargebackInput, type TeamUsage } from "./compute-chargeback";
import { chargebackCsv } from "./chargeback-csv";
import { chargebackReportToWire } from "./chargeback-wire";

/** the report as the API answers it */
const wire = (i: ChargebackInput) => chargebackReportToWire(computeChargeback(i));

const u = (team: string, cost: string): TeamUsage => ({
  team,
  costPico: parseUsd(cost),
  events: 3,
  successes: 3,
  correctTrue: 0,
  correctSet: 0,
  inputTokens: 100n,
  outputTokens: 10n,
});
const rates = new RateTable([{ base: "EUR", quote: "USD", day: "2026-10-30", rate: parseRate("1.0823") }]);
const toEur = rates.conversion("USD", "EUR", "2026-10-31")!;
const sum = (xs: string[]) => xs.reduce((s, x) => s + parseUsd(x), 0n);

describe("convertColumn: each figure converted once, the column adds up to its converted total", () => {
  test.each([
    // 1 USD = 1/1.0823 EUR. Three thirds of a dollar: each 0.307985…, sum 0.923958237… → 0.923958
    { name: "thirds", values: { a: "0.333333333333", b: "0.333333333333", c: "0.333333333334" }, total: "0.923958" },
    // 1.0823 USD = 1 EUR exactly, split unevenly: exact parts stay exact
    { name: "exact", values: { a: "0.54115", b: "0.54115" }, total: "1.000000" },
    // all negative (a true-up below the usage): the sign is restored after rounding
    { name: "negative", values: { a: "-0.000001", b: "-0.000002", c: "-0.000003" }, total: "-0.000006" },
  ])("$name → $total", ({ values, total }) => {
    const m = new Map(Object.entries(values).map(([k, v]) => [k, parseUsd(v)]));
    const out = convertColumn(m, [...m.keys()], toEur);
    expect(formatUsd6([...out.values()].reduce((a, b) => a + b, 0n))).toBe(total);
    for (const [k, v] of m) {
      // each figure within one micro-unit of its exact conversion
      const exact = v * toEur.num;
      const diff = v > 0n ? out.get(k)! * toEur.den - exact : exact - out.get(k)! * toEur.den;
      expect(diff < 0n ? -diff : diff).toBeLessThan(1_000_000n * toEur.den);
    }
  });
});

describe("the chargeback in a reporting currency", () => {
  const input = {
    month: "2026-10",
    usage: [u("search", "100.000001"), u("support", "33.333333"), u("growth", "0.000007")],
    previousUsage: [],
    knownTeams: ["search", "support", "growth"],
    featureOwner: new Map(),
    featureTeamCost: new Map(),
    fixedCosts: [{ id: "f1", name: "GPU", amountPico: parseUsd("10"), allocation: { rule: "even" as const } }],
    trueUp: { amountPico: parseUsd("-1.000001"), allocation: { rule: "proportional" as const } },
  };

  test("USD answers are unchanged, and each row's reporting figures add up exactly to the reporting totals", () => {
    const usd = wire(input);
    const eur = wire({ ...input, reporting: { currency: "EUR", conversion: toEur } });
    expect(usd.reporting).toBeUndefined();
    expect({ ...eur, reporting: undefined, rows: eur.rows.map((r) => ({ ...r, reporting: undefined })) }).toEqual({
      ...usd,
      reporting: undefined,
      rows: usd.rows.map((r) => ({ ...r, reporting: undefined })),
    });
    const rep = eur.reporting!;
    expect(rep).toMatchObject({ currency: "EUR", rate: "0.9239582371", rate_date: "2026-10-30" });
    expect(formatUsd6(sum(eur.rows.map((r) => r.reporting!.total)))).toBe(rep.total);
    expect(formatUsd6(sum(eur.rows.map((r) => r.reporting!.direct)))).toBe(rep.events);
    expect(formatUsd6(sum(eur.rows.map((r) => r.reporting!.true_up)))).toBe(rep.true_up);
    // the totals are the USD totals' exact values converted once: events 133.333341 USD / 1.0823
    expect(rep.events).toBe(formatUsd6(divHalfEven(parseUsd("133.333341") * 10n ** 12n, parseRate("1.0823"))));
    expect(rep.fixed_costs).toBe(formatUsd6(divHalfEven(parseUsd("10") * 10n ** 12n, parseRate("1.0823"))));
  });

  test("the CSV carries the reporting columns with the rate and its date on every line", () => {
    const csv = chargebackCsv(computeChargeback({ ...input, reporting: { currency: "EUR", conversion: toEur } }));
    const [head, ...lines] = csv.trim().split("\r\n");
    expect(head.split(",").slice(-6)).toEqual(["direct_eur", "allocated_eur", "true_up_eur", "total_eur", "rate", "rate_date"]);
    for (const l of lines) expect(l.endsWith(",0.9239582371,2026-10-30")).toBe(true);
  });

  test("no rate held: the block says so and gives no figures; the CSV stays in USD", () => {
    const gbp = { ...input, reporting: { currency: "GBP" as const, conversion: null } };
    const r = wire(gbp);
    expect(r.reporting).toMatchObject({ currency: "GBP", rate: null, total: null });
    expect(r.reporting!.rate_note).toMatch(/no USD\/GBP rate on or before the month's last day/);
    expect(r.rows[0].reporting).toBeUndefined();
    expect(chargebackCsv(computeChargeback(gbp)).split("\r\n")[0]).not.toContain("gbp");
  });
});
