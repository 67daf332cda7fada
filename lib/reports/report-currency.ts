import "server-only";
import { loadRateTable, readReportingCurrency } from "../fx/store";
import { conversionRate, describeConversion, USD } from "../fx/rates";
import { DAY_MS, monthRange } from "../time";
import type { ReportCurrencyWire } from "./report-money";

/**
 * The board report's currency (docs/decisions/058-board-report-typed-and-in-a-reporting-currency.md):
 * the organisation's reporting currency and the month's conversion from USD, by the chargeback's
 * rule (decision 047: the rate in force on the month's last day; a running month, the latest so
 * far). Null for USD: a USD document carries no currency block and reads as before. The exact
 * rational is frozen with the document, so a closed month's report converts the same way forever.
 */
export async function readReportCurrency(organizationId: string, month: string): Promise<ReportCurrencyWire | null> {
  const code = await readReportingCurrency(organizationId);
  if (code === USD) return null;
  const { from, to } = monthRange(month);
  const lastDay = new Date(to.getTime() - DAY_MS).toISOString().slice(0, 10);
  const conv = (await loadRateTable(organizationId, from, to)).conversion(USD, code, lastDay);
  if (!conv)
    return {
      code,
      rate: null,
      rate_date: null,
      num: null,
      den: null,
      note: `No USD/${code} rate on or before ${lastDay}: this report is in USD. Import or enter rates under Settings → Currency.`,
    };
  return {
    code,
    rate: conversionRate(conv),
    rate_date: conv.rateDay,
    num: conv.num.toString(),
    den: conv.den.toString(),
    note: `${describeConversion(conv)}: the rate in force on the month's last day, applied to every figure of this report (earlier months in the trend at the same rate, so their change is spend, not exchange rates).`,
  };
}
