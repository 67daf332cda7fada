import { toCsv } from "../csv/to-csv";
import type { ReconciliationReport } from "./get-reconciliation";

/** Per provider × model × day: invoiced, attributed, gap (the finest grain the invoice has). */
export function reconciliationCsv(r: ReconciliationReport): string {
  return toCsv(
    r.days.map((d) => ({ month: r.month, ...d })),
    ["month", "provider", "model", "day", "invoiced_usd", "attributed_usd", "gap_usd"],
  );
}
