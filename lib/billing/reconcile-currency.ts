/**
 * Reconciliation of invoices issued in another currency than USD (docs/decisions/047-currencies.md).
 * Pure: plain rows and a rate table in, report out.
 *
 * Spendline prices usage in USD; a provider may bill in EUR. Such a provider is reconciled twice,
 * with the same waterfall (reconcile.ts), each figure converted once at the rate in force on its
 * own day (the latest published on or before it), half-even to the exact unit (10^-12):
 *  - in the invoice's currency: the invoice as issued (never converted) against the usage
 *    converted from USD cell by cell (model × day): the gap a finance person checks against
 *    the provider's invoice, with the rate of every day;
 *  - in USD (the existing fields, totals, alerts and true-up): each invoice line converted to
 *    USD, against the usage as priced.
 * A day with no rate on or before it cannot be compared: it is left out of the provider's covered
 * days (so the provider reads "covers N of M days", raises no alert and offers no true-up) and
 * listed as missing a rate. USD providers go through reconcile() untouched.
 */
import type { TierAttributedCell } from "./reconcile-tiers";
import { formatUsd6 } from "../money";
import { convert, conversionRate, type Conversion, type CurrencyCode, type RateTable, USD } from "../fx/rates";
import { reconcile, daysOfMonth, type AttributedCell, type InvoiceCell, type Reconciliation } from "./reconcile";
import type { OutputRate } from "./reconcile-drivers";

export type CurrencyInvoiceCell = InvoiceCell & { currency: CurrencyCode };

export type InvoiceCurrencyView = {
  currency: CurrencyCode;
  invoiced: string;
  attributed: string;
  gap: string;
  gap_share: number | null;
  drivers: { driver: string; label: string; amount: string; detail: string }[];
  days: { model: string; day: string; invoiced: string; attributed: string; gap: string; rate: string; rate_day: string }[];
  /** per day of the month with a rate: 1 USD = rate invoice-currency units, and the rate's own date */
  rates: { day: string; rate: string; rate_day: string }[];
  /** days of the month with no rate on or before them: not compared */
  missing_rate_days: string[];
};

export type CurrencyReconciliation = Omit<Reconciliation, "providers"> & {
  providers: (Reconciliation["providers"][number] & { invoice_currency?: InvoiceCurrencyView })[];
};

/** The one currency of a provider's money lines, or USD (mixed currencies are converted to USD only). */
function currencyOf(lines: CurrencyInvoiceCell[]): CurrencyCode | "mixed" {
  const set = new Set(lines.filter((l) => l.costPico !== null).map((l) => l.currency));
  return set.size === 0 ? USD : set.size === 1 ? [...set][0] : "mixed";
}

export function reconcileInCurrencies(input: {
  month: string;
  invoice: CurrencyInvoiceCell[];
  attributed: AttributedCell[];
  outputRate: OutputRate;
  thresholdShare?: number;
  coveredDays?: ReadonlyMap<string, ReadonlySet<string>>;
  rates: RateTable;
  /** the events' cost per service tier (reconcile-tiers.ts); the USD view breaks its gap down by tier */
  attributedByTier?: readonly TierAttributedCell[];
}): CurrencyReconciliation {
  const monthDays = daysOfMonth(input.month);
  const byProvider = new Map<string, CurrencyInvoiceCell[]>();
  for (const l of input.invoice) {
    const list = byProvider.get(l.provider);
    if (list) list.push(l);
    else byProvider.set(l.provider, [l]);
  }
  const usdInvoice: InvoiceCell[] = [];
  const covered = new Map(input.coveredDays ?? []);
  const views = new Map<string, InvoiceCurrencyView>();

  for (const [provider, lines] of byProvider) {
    const ccy = currencyOf(lines);
    if (ccy === USD) {
      usdInvoice.push(...lines);
      continue;
    }
    // the conversion of every day of the month, USD → the invoice's currency (mixed: each line's own)
    const toUsd = (currency: CurrencyCode, day: string) => input.rates.conversion(currency, USD, day);
    const missing = new Set<string>();
    for (const l of lines) if (l.costPico !== null && !toUsd(l.currency, l.day)) missing.add(l.day);
    const fromUsd = new Map<string, Conversion>();
    if (ccy !== "mixed")
      for (const d of monthDays) {
        const c = input.rates.conversion(USD, ccy, d);
        if (c) fromUsd.set(d, c);
        else missing.add(d);
      }
    const providerDays = covered.get(provider) ?? new Set(monthDays);
    const comparable = new Set([...providerDays].filter((d) => !missing.has(d)));
    covered.set(provider, comparable);
    // USD view: each invoice line converted to USD at its day's rate
    for (const l of lines) {
      if (missing.has(l.day)) continue;
      const c = l.costPico === null ? null : toUsd(l.currency, l.day)!;
      usdInvoice.push({ ...l, costPico: c === null ? null : convert(l.costPico!, c) });
    }
    if (ccy === "mixed") continue;

    // invoice-currency view: the invoice as issued, the usage converted cell by cell
    const own = reconcile({
      month: input.month,
      invoice: lines.filter((l) => !missing.has(l.day)),
      attributed: input.attributed
        .filter((a) => a.provider === provider && fromUsd.has(a.day))
        .map((a) => ({ ...a, costPico: convert(a.costPico, fromUsd.get(a.day)!) })),
      outputRate: (p, m, d) => {
        const r = input.outputRate(p, m, d);
        const c = fromUsd.get(d);
        return r === null || !c ? null : convert(r, c);
      },
      thresholdShare: input.thresholdShare,
      coveredDays: new Map([[provider, comparable]]),
    });
    const p = own.providers[0];
    const rateOf = (d: string) => fromUsd.get(d);
    views.set(provider, {
      currency: ccy,
      invoiced: p.invoiced_usd,
      attributed: p.attributed_usd,
      gap: p.gap_usd,
      gap_share: p.gap_share,
      drivers: p.drivers.map((d) => ({ driver: d.driver, label: d.label, amount: formatUsd6(d.amount_pico), detail: d.detail })),
      days: own.days.map((d) => ({
        model: d.model,
        day: d.day,
        invoiced: d.invoiced_usd,
        attributed: d.attributed_usd,
        gap: d.gap_usd,
        rate: conversionRate(rateOf(d.day)!),
        rate_day: rateOf(d.day)!.rateDay!,
      })),
      rates: monthDays
        .filter((d) => fromUsd.has(d))
        .map((d) => ({ day: d, rate: conversionRate(rateOf(d)!), rate_day: rateOf(d)!.rateDay! })),
      missing_rate_days: monthDays.filter((d) => missing.has(d)),
    });
  }

  const usd = reconcile({
    month: input.month,
    invoice: usdInvoice,
    attributed: input.attributed,
    outputRate: input.outputRate,
    thresholdShare: input.thresholdShare,
    coveredDays: covered,
    attributedByTier: input.attributedByTier,
  });
  return {
    ...usd,
    providers: usd.providers.map((p) => {
      const view = views.get(p.provider);
      return view ? { ...p, invoice_currency: view } : p;
    }),
  };
}
