/**
 * FOCUS 1.3 (default) or 1.2 rows for a month's chargeback (docs/decisions/021-focus-1-2-export.md,
 * 041-focus-1-3.md). Pure. One row set serves both versions; the columns written differ.
 *
 *  - one Usage row per day × feature × team × tier × model × environment (daily rollups);
 *  - one Usage row per shared/fixed cost and team it was allocated to (a fixed cost is spread
 *    per day over its period, so it is priced in Days: PricingQuantity = its days in the month);
 *  - one Adjustment row per team for the invoice true-up (lib/billing), when one is applied.
 * Money columns reconcile exactly with the chargeback: each team's usage rows are rounded to
 * 6 decimals by the chargeback's largest-remainder rule to that team's direct_usd, its
 * allocation rows to its allocated_usd, its true-up row is its true_up_usd.
 * Token detail the FOCUS 1.5 working draft converges on (token direction, cache action, model
 * identity) rides in x_ columns.
 */
import type { ChargebackReport } from "./compute-chargeback";
import type { FocusVersion } from "./focus-conformance";
import { FOCUS_VERSION, ascii, iso, type FocusContext, type FocusRow } from "./focus-shared";
import { usageRows, type FocusUsageInput } from "./focus-usage-rows";
import { allocationRows } from "./focus-allocation-rows";
import { RESIDUAL_REASONS, residualRows, trueUpRows } from "./focus-adjustment-rows";

export {
  ALLOCATION_METHOD,
  ascii,
  FOCUS_12_COLUMNS,
  FOCUS_13_COLUMNS,
  FOCUS_COLUMNS,
  FOCUS_VERSION,
  focusColumns,
  roundPerTeam,
  type FocusColumn,
  type FocusRow,
} from "./focus-shared";
export { modelIdentity, providerNames, type FocusUsageInput, type FocusUsageKey } from "./focus-usage-rows";

/** The month's rows in file order: usage, shared-cost allocations, true-up adjustments, closed-month residuals. */
export function buildFocusRows(input: {
  /** the FOCUS version the rows follow (default 1.3); 1.2 keeps the 1.2 export's values */
  version?: FocusVersion;
  organizationId: string;
  organizationName: string;
  month: string;
  from: Date;
  to: Date;
  usage: FocusUsageInput[];
  report: ChargebackReport;
  /** the fixed costs' days inside the month, by fixed cost id (PricingQuantity in Days) */
  daysInMonth: Map<string, number>;
  /** provider → imported invoice id for the month (InvoiceId), when one was imported */
  invoiceIds: Map<string, string>;
  /** (provider, model, day) → price-book rates per million tokens, or null */
  rates: (provider: string, model: string, day: Date) => { input: string; output: string } | null;
}): FocusRow[] {
  const ctx: FocusContext = {
    v13: (input.version ?? FOCUS_VERSION) === "1.3",
    organizationId: input.organizationId,
    organizationName: input.organizationName,
    from: input.from,
    to: input.to,
    report: input.report,
    teamRow: new Map(input.report.rows.map((r) => [r.team, r])),
    common: {
      BillingAccountId: input.organizationId,
      BillingAccountName: ascii(input.organizationName) || input.organizationId,
      BillingCurrency: "USD",
      BillingPeriodStart: iso(input.from),
      BillingPeriodEnd: iso(input.to),
      ChargeClass: null,
    },
  };
  const usage = usageRows(ctx, input);
  const alloc = allocationRows(ctx, input.daysInMonth);
  return [
    ...usage.rows,
    ...alloc.rows,
    ...trueUpRows(ctx, input.invoiceIds),
    ...residualRows(ctx, [
      [usage.residual, RESIDUAL_REASONS.usage],
      [alloc.residual, RESIDUAL_REASONS.allocation],
    ]),
  ];
}
