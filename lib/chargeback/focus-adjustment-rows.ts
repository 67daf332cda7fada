/**
 * FOCUS Adjustment rows: the invoice true-up allocated to each team (lib/billing), and the
 * difference a closed month's frozen chargeback keeps from rows that changed after the close
 * (roundPerTeam), one row per team and kind, so the file still sums to the chargeback. Pure.
 */
import { formatUsd6, type Pico } from "../money";
import { ascii, iso, NO_USAGE, NOT_APPLICABLE, type FocusContext, type FocusRow } from "./focus-shared";
import { providerNames } from "./focus-usage-rows";

/** A one-time adjustment of `amount` for `team` over the month, issued by `issuer`. */
function adjustment(
  ctx: FocusContext,
  a: { amount: Pico; team: string; description: string; issuer: string; invoiceId: string | null; serviceName: string },
): FocusRow {
  const billed = formatUsd6(a.amount);
  return {
    ...ctx.common,
    BilledCost: billed,
    ChargeCategory: "Adjustment",
    ChargeDescription: ascii(a.description),
    ChargeFrequency: "One-Time",
    ChargePeriodStart: iso(ctx.from),
    ChargePeriodEnd: iso(ctx.to),
    ConsumedQuantity: null,
    ConsumedUnit: null,
    ContractedCost: billed,
    EffectiveCost: billed,
    InvoiceId: a.invoiceId,
    InvoiceIssuerName: a.issuer,
    ListCost: billed,
    PricingCategory: null,
    PricingQuantity: null,
    PricingUnit: null,
    ProviderName: a.issuer,
    PublisherName: a.issuer,
    ResourceId: null,
    ResourceName: null,
    ResourceType: null,
    ServiceCategory: "AI and Machine Learning",
    ServiceName: a.serviceName,
    ServiceSubcategory: "Generative AI",
    SkuId: null,
    SkuPriceDetails: null,
    SkuPriceId: null,
    ServiceProviderName: a.issuer,
    HostProviderName: NOT_APPLICABLE,
    AllocatedMethodId: null,
    AllocatedResourceId: null,
    AllocatedResourceName: null,
    x_Team: a.team,
    ...NO_USAGE,
  };
}

/** One Adjustment row per team with an invoice true-up, issued by the providers whose invoices were imported. */
export function trueUpRows(ctx: FocusContext, invoiceIds: Map<string, string>): FocusRow[] {
  const issuer = [...invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown";
  const invoiceId = [...invoiceIds.values()].join(" ") || null;
  return ctx.report.rows.flatMap((r) =>
    r.trueUpPico
      ? [
          adjustment(ctx, {
            amount: r.trueUpPico,
            team: r.team,
            description: `Invoice true-up: unattributed remainder allocated to ${r.team}`,
            issuer,
            invoiceId,
            serviceName: "Invoice true-up",
          }),
        ]
      : [],
  );
}

/** Why a residual exists, per kind of row it belongs to. */
export const RESIDUAL_REASONS = {
  usage: "usage received, restated or deleted after the month was closed",
  allocation: "shared-cost lines of a month closed before they were rounded per team",
} as const;

/**
 * What the rows cannot reach of a frozen chargeback (see roundPerTeam): one Adjustment row per
 * team and kind, so the file sums to the chargeback per team and in total, and says why.
 */
export function residualRows(ctx: FocusContext, residuals: [Map<string, Pico>, string][]): FocusRow[] {
  const owner = ascii(ctx.organizationName) || "Internal";
  return residuals.flatMap(([residual, why]) =>
    [...residual]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([team, amount]) =>
        adjustment(ctx, {
          amount,
          team,
          description: `Closed-month chargeback reconciliation for ${team}: ${why}`,
          issuer: owner,
          invoiceId: null,
          serviceName: "Chargeback reconciliation",
        }),
      ),
  );
}
