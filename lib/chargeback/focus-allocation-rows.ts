/**
 * FOCUS Usage rows of shared and fixed costs: one per cost and team it was allocated to (the
 * chargeback's allocation lines: fixed costs, idle capacity, coding agents, time-priced endpoints),
 * priced in Days over the month (PricingQuantity = the cost's days in the month), each team's
 * rows rounded to its allocated cost; FOCUS 1.3 split cost allocation columns name the team.
 * Pure.
 */
import { formatUsd6, type Pico } from "../money";
import { UNALLOCATED } from "../costs/schemas";
import {
  ALLOCATION_METHOD,
  ascii,
  dec,
  iso,
  NO_USAGE,
  NOT_APPLICABLE,
  roundPerTeam,
  type FocusContext,
  type FocusRow,
} from "./focus-shared";

/** The allocation rows, and per team what they could not reach of a frozen chargeback. */
export function allocationRows(ctx: FocusContext, daysInMonth: Map<string, number>): { rows: FocusRow[]; residual: Map<string, Pico> } {
  const { report, common, teamRow } = ctx;
  const alloc = roundPerTeam(
    report.allocations.map((a, i) => ({ key: String(i), team: a.team, value: a.amountPico })),
    (t) => teamRow.get(t)?.allocatedPico,
    [...teamRow.keys()],
  );
  const rows: FocusRow[] = [];
  report.allocations.forEach((a, i) => {
    const amount = formatUsd6(alloc.rounded.get(String(i))!);
    const days = daysInMonth.get(a.fixedCostId) ?? 1;
    rows.push({
      ...common,
      BilledCost: amount,
      ChargeCategory: "Usage",
      ChargeDescription: ascii(`${a.name} (shared cost allocated to ${a.team})`),
      ChargeFrequency: "Recurring",
      ChargePeriodStart: iso(ctx.from),
      ChargePeriodEnd: iso(ctx.to),
      ConsumedQuantity: dec(days),
      ConsumedUnit: "Days",
      ContractedCost: amount,
      EffectiveCost: amount,
      InvoiceId: null,
      InvoiceIssuerName: ascii(ctx.organizationName) || "Internal",
      ListCost: amount,
      PricingCategory: "Standard",
      PricingQuantity: dec(days),
      PricingUnit: "Days",
      ProviderName: ascii(ctx.organizationName) || "Internal",
      PublisherName: ascii(ctx.organizationName) || "Internal",
      ResourceId: a.fixedCostId,
      ResourceName: ascii(a.name),
      ResourceType: "Shared cost",
      ServiceCategory: "AI and Machine Learning",
      ServiceName: "Shared AI costs",
      ServiceSubcategory: "Generative AI",
      SkuId: `fixed/${a.fixedCostId}`,
      SkuPriceDetails: null,
      SkuPriceId: `fixed/${a.fixedCostId}/day`,
      ServiceProviderName: ascii(ctx.organizationName) || "Internal",
      HostProviderName: NOT_APPLICABLE,
      // split cost allocation (1.3): the chargeback's rule split the shared cost; the team is what
      // it was allocated to, and the unallocated portion names nothing
      AllocatedMethodId: ALLOCATION_METHOD,
      AllocatedResourceId: a.team === UNALLOCATED ? null : `team/${a.team}`,
      AllocatedResourceName: a.team === UNALLOCATED ? null : ascii(a.team),
      x_Team: a.team,
      ...NO_USAGE,
    });
  });

  return { rows, residual: alloc.residual };
}
