import { toCsv } from "../csv/to-csv";
import type { ReconciliationReport } from "./get-reconciliation";

const COLUMNS = ["month", "provider", "model", "day", "invoiced_usd", "attributed_usd", "gap_usd"];
/** With a provider invoicing in another currency (decision 047): its figures in that currency, the rate used and its date. */
const CURRENCY_COLUMNS = ["currency", "invoiced", "attributed", "gap", "rate", "rate_day"];

/** Per provider × model × day: invoiced, attributed, gap (the finest grain the invoice has). */
export function reconciliationCsv(r: ReconciliationReport): string {
  const own = new Map<string, Record<string, string>>();
  for (const p of r.providers) {
    const v = p.invoice_currency;
    if (!v) continue;
    for (const d of v.days)
      own.set(`${p.provider}|${d.model}|${d.day}`, {
        currency: v.currency,
        invoiced: d.invoiced,
        attributed: d.attributed,
        gap: d.gap,
        rate: d.rate,
        rate_day: d.rate_day,
      });
  }
  const rows = r.days.map((d) => ({ month: r.month, ...d, ...own.get(`${d.provider}|${d.model}|${d.day}`) }));
  return toCsv(rows, own.size ? [...COLUMNS, ...CURRENCY_COLUMNS] : COLUMNS);
}
