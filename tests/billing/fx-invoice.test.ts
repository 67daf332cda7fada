import { describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { db } from "@/lib/db";
import { formatUsd6, parseUsd, roundToMicro } from "@/lib/money";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { importBillingFile } from "@/lib/billing/import-billing";
import { getReconciliation } from "@/lib/billing/get-reconciliation";
import { applyTrueUp } from "@/lib/billing/true-up";
import { getChargeback, readChargeback } from "@/lib/chargeback/get-chargeback";
import { importRates, setAccountCurrency, setReportingCurrency } from "@/lib/fx/store";
import { chargebackCsv } from "@/lib/chargeback/chargeback-csv";

/**
 * Issue 23 item 5, done when: "a EUR invoice reconciles to the cent-millionth in EUR and the
 * chargeback in USD sums exactly". An Anthropic account billed in EUR; usage priced in USD on three
 * days; the ECB's EUR/USD rates; an invoice whose lines are each day's usage in EUR as the provider
 * would bill it at the same reference rate (computed here with plain bigint arithmetic, not lib/fx).
 */
useTestDatabase();

const actor = { userId: null, apiKeyId: null };
// ECB reference rates (1 EUR = x USD). 10 October is a Saturday: the rate in force is 9 October's.
const ECB_CSV =
  "Date, USD, JPY, \n2026-09-29, 1.2, 160, \n2026-09-30, 1.0823, 162.51, \n2026-09-01, 1.3, 159, \n2026-10-09, 1.0765, 161.2, \n2026-10-20, 1.1, 163, \n";
const USAGE = [
  { day: "10", team: "alpha", cost: "4.5", rate: "1.0765" },
  { day: "12", team: "beta", cost: "2.25", rate: "1.0765" },
  { day: "20", team: "alpha", cost: "1.1", rate: "1.1" },
  { day: "20", team: "beta", cost: "0.333333", rate: "1.1" },
];
let n = 0;
const events = USAGE.map((u) => ({
  id: `fx-${++n}`,
  timestamp: `2026-10-${u.day}T12:00:00Z`,
  feature: `${u.team}_bot`,
  team: u.team,
  provider: "anthropic",
  model: "claude-sonnet-4-20250514",
  usage: { input_tokens: 1000, output_tokens: 100 },
  cost_usd: u.cost,
  outcome: "success",
}));

/** usd / rate in EUR with 10 decimals, half-up (what a provider's invoice would carry), as cents with 8 decimals. */
function eurCents(usd: string, rate: string): string {
  const u = parseUsd(usd);
  const r = parseUsd(rate);
  const cents8 = (u * 10n ** 10n * 2n + r) / (2n * r); // EUR × 10^10 (= cents × 10^8), rounded half-up
  return `${cents8 / 10n ** 8n}.${(cents8 % 10n ** 8n).toString().padStart(8, "0")}`;
}

/** An Anthropic cost report in EUR: a bucket for every day of October, the usage days carrying one line each. */
function eurInvoice(): { text: string; totalEur: bigint } {
  const data = [];
  let total = 0n;
  for (let d = 1; d <= 31; d++) {
    const day = `2026-10-${String(d).padStart(2, "0")}`;
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().replace(".000", "");
    const mine = USAGE.filter((u) => `2026-10-${u.day}` === day);
    const results = mine.length
      ? [
          {
            currency: "EUR",
            // one line per day: the day's usage summed in USD, then converted (as the provider bills)
            amount: eurCents(formatUsd6(mine.reduce((s, u) => s + parseUsd(u.cost), 0n)), mine[0].rate),
            description: "Claude Sonnet 4 Usage",
            cost_type: "tokens",
            model: "claude-sonnet-4-20250514",
          },
        ]
      : [];
    for (const r of results) total += parseUsd(r.amount) / 100n;
    data.push({ starting_at: `${day}T00:00:00Z`, ending_at: next, results });
  }
  return { text: JSON.stringify({ data, has_more: false, next_page: null }), totalEur: total };
}

describe("a provider billed in EUR", () => {
  let orgId = "";

  test("a EUR invoice is refused by an account billed in USD, with what to do", async () => {
    const org = await createOrganization("fx-1", "FX");
    orgId = org.id;
    for (const t of ["alpha", "beta"]) await db().team.create({ data: { organizationId: org.id, name: t } });
    await expect(
      importBillingFile(
        orgId,
        { account: "anthropic-usd", source: "anthropic_cost_report", text: eurInvoice().text, via: "upload" },
        actor,
      ),
    ).rejects.toThrow(/amounts are in EUR but the account is billed in USD: set the account's billing currency to EUR/);
    expect(await db().invoiceLine.count({ where: { organizationId: orgId } })).toBe(0);
  });

  test("reconciles to the cent-millionth in EUR, and the chargeback in USD sums exactly after a true-up", async () => {
    expect((await ingestEvents(orgId, events)).accepted).toBe(events.length);
    const imported = await importRates(orgId, { text: ECB_CSV, only: ["USD"] }, actor);
    expect(imported).toMatchObject({ format: "ecb_csv", rates: 5, pairs: ["EUR/USD"], first: "2026-09-01", last: "2026-10-20" });
    await setAccountCurrency(orgId, "anthropic-eu", { currency: "EUR", provider: "anthropic" }, actor);
    const invoice = eurInvoice();
    const imp = await importBillingFile(
      orgId,
      { account: "anthropic-eu", source: "anthropic_cost_report", text: invoice.text, via: "upload" },
      actor,
    );
    expect(imp.currency).toBe("EUR");
    expect(imp.cost_usd).toBe(`${invoice.totalEur / 10n ** 12n}.${(invoice.totalEur % 10n ** 12n).toString().padStart(12, "0")}`);

    const rec = await getReconciliation(orgId, "2026-10");
    const p = rec.providers.find((x) => x.provider === "anthropic")!;
    expect(p.coverage.complete).toBe(true);
    const eur = p.invoice_currency!;
    expect(eur.currency).toBe("EUR");
    // the invoice as issued, never converted
    expect(eur.invoiced).toBe(formatUsd6(invoice.totalEur));
    // the usage converted at each day's rate meets it to the cent-millionth
    expect(eur.attributed).toBe(eur.invoiced);
    expect(eur.gap).toBe("0.000000");
    expect(eur.missing_rate_days).toEqual([]);
    // each day shows the rate used and its date: Saturday the 10th uses Friday the 9th's
    const day10 = eur.days.find((d) => d.day === "2026-10-10")!;
    expect(day10).toMatchObject({ rate: "0.9289363679", rate_day: "2026-10-09" });
    expect(eur.rates.find((r) => r.day === "2026-10-01")).toEqual({ day: "2026-10-01", rate: "0.9239582371", rate_day: "2026-09-30" });
    // the USD fields: usage as priced, the invoice converted line by line (a sub-cent FX residue at most)
    expect(p.attributed_usd).toBe("8.183333");
    expect(Math.abs(Number(p.gap_usd))).toBeLessThan(0.000005);

    await applyTrueUp(orgId, "2026-10", { rule: "proportional" }, actor);
    const cb = await getChargeback(orgId, "2026-10");
    const sum = (f: (r: (typeof cb.rows)[number]) => string | undefined) => cb.rows.reduce((s, r) => s + parseUsd(f(r) ?? "missing"), 0n);
    expect(formatUsd6(sum((r) => r.total_usd))).toBe(cb.total_usd);
    expect(formatUsd6(sum((r) => r.true_up_usd))).toBe(cb.true_up_usd);
    // direct + true-up is the invoice in USD as reconciled, exactly
    const invoiceUsd = roundToMicro(parseUsd(p.invoiced_usd));
    expect(parseUsd(cb.events_usd) + parseUsd(cb.true_up_usd ?? "missing")).toBe(invoiceUsd);
  });

  test("the chargeback in a reporting currency: the month's last-day rate, rows summing exactly, rate and date in the CSV", async () => {
    await setReportingCurrency(orgId, "eur", actor);
    const cb = await getChargeback(orgId, "2026-10");
    // the rate in force on 31 October is 20 October's: 1 USD = 1/1.1 EUR
    expect(cb.reporting).toMatchObject({ currency: "EUR", rate: "0.9090909091", rate_date: "2026-10-20" });
    const sum = (f: (r: (typeof cb.rows)[number]) => string | undefined) => cb.rows.reduce((s, r) => s + parseUsd(f(r) ?? "missing"), 0n);
    expect(formatUsd6(sum((r) => r.reporting!.total))).toBe(cb.reporting!.total);
    expect(formatUsd6(sum((r) => r.reporting!.direct))).toBe(cb.reporting!.events);
    // the USD answer is untouched by the reporting currency
    expect(formatUsd6(sum((r) => r.total_usd))).toBe(cb.total_usd);
    const [head, first] = chargebackCsv(await readChargeback(orgId, "2026-10")).split("\r\n");
    expect(head).toMatch(/,total_eur,rate,rate_date$/);
    expect(first).toMatch(/,0\.9090909091,2026-10-20$/);
  });

  test("the account's currency cannot change under lines imported in it", async () => {
    await expect(setAccountCurrency(orgId, "anthropic-eu", { currency: "USD" }, actor)).rejects.toThrow(/holds invoice lines in EUR/);
  });
});
