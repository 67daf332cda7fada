"use client";
import { DataTable, type Column } from "../ui/data-table";
import { pct } from "@/lib/format";
import type { ReconciliationReport } from "@/lib/billing/get-reconciliation";

type View = NonNullable<ReconciliationReport["providers"][number]["invoice_currency"]>;
type ProviderRow = View & { provider: string };
type DayRow = View["days"][number] & { provider: string; currency: string };

/** "0.547116 EUR": the exact six decimals of the answer, with the currency's code (no conversion, no float). */
const money = (amount: string, currency: string) => `${amount} ${currency}`;

const providerCols: Column<ProviderRow>[] = [
  { key: "provider", label: "Provider", value: (p) => p.provider },
  { key: "currency", label: "Invoiced in", value: (p) => p.currency },
  { key: "invoiced", label: "Invoiced (as issued)", numeric: true, value: (p) => p.invoiced, render: (p) => money(p.invoiced, p.currency) },
  {
    key: "attributed",
    label: "Attributed (converted)",
    numeric: true,
    value: (p) => p.attributed,
    render: (p) => (
      <span title="usage priced in USD, converted model × day at each day's rate (see the days below)">
        {money(p.attributed, p.currency)}
      </span>
    ),
  },
  { key: "gap", label: "Gap", numeric: true, value: (p) => p.gap, render: (p) => money(p.gap, p.currency) },
  { key: "gap_share", label: "Gap %", numeric: true, value: (p) => p.gap_share, render: (p) => pct(p.gap_share) },
  {
    key: "missing_rate_days",
    label: "Days without a rate",
    value: (p) => p.missing_rate_days.join(" "),
    render: (p) => (p.missing_rate_days.length ? `${p.missing_rate_days.length} (not compared: Settings → Currency)` : "none"),
  },
];

const dayCols: Column<DayRow>[] = [
  { key: "provider", label: "Provider", value: (d) => d.provider },
  { key: "model", label: "Model", value: (d) => d.model },
  { key: "day", label: "Day", value: (d) => d.day },
  { key: "invoiced", label: "Invoiced", numeric: true, value: (d) => d.invoiced, render: (d) => money(d.invoiced, d.currency) },
  {
    key: "attributed",
    label: "Attributed",
    numeric: true,
    value: (d) => d.attributed,
    render: (d) => <span title={`1 USD = ${d.rate} ${d.currency}, rate of ${d.rate_day}`}>{money(d.attributed, d.currency)}</span>,
  },
  { key: "gap", label: "Gap", numeric: true, value: (d) => d.gap, render: (d) => money(d.gap, d.currency) },
  { key: "rate", label: "Rate (1 USD =)", numeric: true, value: (d) => d.rate },
  { key: "rate_day", label: "Rate of", value: (d) => d.rate_day },
];

/**
 * Providers that invoice in another currency than USD (decision 047): the invoice as issued
 * against the usage converted at each day's rate, and each day with the rate used and its date.
 * Nothing is shown for organisations billed in USD only.
 */
export function InvoiceCurrencyTables({ report }: { report: ReconciliationReport }) {
  const providers = report.providers.flatMap((p) => (p.invoice_currency ? [{ ...p.invoice_currency, provider: p.provider }] : []));
  if (!providers.length) return null;
  const days = providers.flatMap((p) => p.days.map((d) => ({ ...d, provider: p.provider, currency: p.currency })));
  const m = report.month;
  return (
    <>
      <DataTable
        title="Invoices in their own currency"
        filename={`reconciliation-currency-${m}.csv`}
        columns={providerCols}
        rows={providers}
        rowKey={(p) => p.provider}
      />
      <DataTable
        title="Per model and day, in the invoice's currency, with the rate used"
        filename={`reconciliation-currency-days-${m}.csv`}
        columns={dayCols}
        rows={days}
        rowKey={(d) => `${d.provider}|${d.model}|${d.day}`}
        dense
      />
    </>
  );
}
