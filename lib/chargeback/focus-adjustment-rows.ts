/**
 * FOCUS Adjustment rows: the invoice true-up allocated to each team (lib/billing), and the
 * difference a closed month's frozen chargeback keeps from rows that changed after the close
 * (roundPerTeam), one row per team and kind, so the file still sums to the chargeback. Pure.
 */
import { formatUsd6, type Pico } from "../money";
import { ascii, iso, NO_USAGE, NOT_APPLICABLE, type FocusContext, type FocusRow } from "./focus-shared";
import { providerNames } from "./focus-usage-rows";

/** One Adjustment row per team with an invoice true-up. */
export function trueUpRows(ctx: FocusContext, invoiceIds: Map<string, string>): FocusRow[] {
  const { report, common } = ctx;
  const rows: FocusRow[] = [];
  for (const r of report.rows) {
    if (!r.trueUpPico) continue;
    const billed = formatUsd6(r.trueUpPico);
    rows.push({
      ...common,
      BilledCost: billed,
      ChargeCategory: "Adjustment",
      ChargeDescription: ascii(`Invoice true-up: unattributed remainder allocated to ${r.team}`),
      ChargeFrequency: "One-Time",
      ChargePeriodStart: iso(ctx.from),
      ChargePeriodEnd: iso(ctx.to),
      ConsumedQuantity: null,
      ConsumedUnit: null,
      ContractedCost: billed,
      EffectiveCost: billed,
      InvoiceId: [...invoiceIds.values()].join(" ") || null,
      InvoiceIssuerName: [...invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown",
      ListCost: billed,
      PricingCategory: null,
      PricingQuantity: null,
      PricingUnit: null,
      ProviderName: [...invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown",
      PublisherName: [...invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown",
      ResourceId: null,
      ResourceName: null,
      ResourceType: null,
      ServiceCategory: "AI and Machine Learning",
      ServiceName: "Invoice true-up",
      ServiceSubcategory: "Generative AI",
      SkuId: null,
      SkuPriceDetails: null,
      SkuPriceId: null,
      ServiceProviderName: [...invoiceIds.keys()].map((p) => providerNames(p).name).join(", ") || "Unknown",
      HostProviderName: NOT_APPLICABLE,
      AllocatedMethodId: null,
      AllocatedResourceId: null,
      AllocatedResourceName: null,
      x_Team: r.team,
      ...NO_USAGE,
    });
  }

  return rows;
}

/** Why a residual exists, per kind of row it belongs to. */
export const RESIDUAL_REASONS = {
  usage: "usage received, restated or deleted after the month was closed",
  allocation: "shared-cost lines of a month closed before they were rounded per team",
} as const;

/** One Adjustment row per team and kind for what the rows cannot reach of a frozen chargeback. */
export function residualRows(ctx: FocusContext, residuals: [Map<string, Pico>, string][]): FocusRow[] {
  const { common } = ctx;
  const rows: FocusRow[] = [];
  // what the rows cannot reach of a frozen chargeback (see roundPerTeam): one Adjustment row per
  // team and kind, so the file sums to the chargeback per team and in total, and says why
  const owner = ascii(ctx.organizationName) || "Internal";
  for (const [residual, why] of residuals)
    for (const [team, amount] of [...residual].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const billed = formatUsd6(amount);
      rows.push({
        ...common,
        BilledCost: billed,
        ChargeCategory: "Adjustment",
        ChargeDescription: ascii(`Closed-month chargeback reconciliation for ${team}: ${why}`),
        ChargeFrequency: "One-Time",
        ChargePeriodStart: iso(ctx.from),
        ChargePeriodEnd: iso(ctx.to),
        ConsumedQuantity: null,
        ConsumedUnit: null,
        ContractedCost: billed,
        EffectiveCost: billed,
        InvoiceId: null,
        InvoiceIssuerName: owner,
        ListCost: billed,
        PricingCategory: null,
        PricingQuantity: null,
        PricingUnit: null,
        ProviderName: owner,
        PublisherName: owner,
        ResourceId: null,
        ResourceName: null,
        ResourceType: null,
        ServiceCategory: "AI and Machine Learning",
        ServiceName: "Chargeback reconciliation",
        ServiceSubcategory: "Generative AI",
        SkuId: null,
        SkuPriceDetails: null,
        SkuPriceId: null,
        ServiceProviderName: owner,
        HostProviderName: NOT_APPLICABLE,
        AllocatedMethodId: null,
        AllocatedResourceId: null,
        AllocatedResourceName: null,
        x_Team: team,
        ...NO_USAGE,
      });
    }
  return rows;
}
