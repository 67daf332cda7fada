import { divHalfEven, type Pico } from "../money";

/**
 * Unit economics per feature (docs/metrics.md; terms in docs/decisions/005-unit-economics-terms.md):
 *   unit margin     = value_per_unit × success_rate − cost_per_unit   (cost_per_unit = layer 1, inference)
 *   monthly profit  = unit_margin × monthly volume − monthly fixed costs (layer 2, harness)
 *   ROI %           = monthly_profit / fixed_costs × 100
 *   payback months  = fixed_costs / monthly_profit
 * Layer 2 is subtracted once, in the profit, not again in the margin. "Monthly" scales the
 * period to 30 days. Edge cases: no value per unit → margin, profit, ROI, payback are null;
 * fixed costs 0 → ROI null (no investment to return on), payback 0 months if profit > 0;
 * profit ≤ 0 → payback null ("never pays back"), ROI is negative (or −100 % at profit = −fixed).
 */
export type UnitEconomicsInput = {
  units: number; // interactions in the period
  successes: number;
  events: number;
  inferenceCost: Pico; // layer 1, period total
  harnessCost: Pico; // layer 2, period total
  valuePerUnit: Pico | null;
  periodDays: number;
};

export type UnitEconomics = {
  inferencePerUnit: Pico | null;
  harnessPerUnit: Pico | null;
  totalPerUnit: Pico | null;
  successRate: number | null;
  unitMargin: Pico | null;
  monthlyVolume: number;
  monthlyFixedCosts: Pico;
  monthlyProfit: Pico | null;
  roiPercent: number | null;
  paybackMonths: number | null;
};

export function unitEconomics(x: UnitEconomicsInput): UnitEconomics {
  const u = BigInt(x.units);
  const inferencePerUnit = u > 0n ? divHalfEven(x.inferenceCost, u) : null;
  const harnessPerUnit = u > 0n ? divHalfEven(x.harnessCost, u) : null;
  const totalPerUnit = inferencePerUnit !== null && harnessPerUnit !== null ? inferencePerUnit + harnessPerUnit : null;
  const successRate = x.events > 0 ? x.successes / x.events : null;
  const days = BigInt(Math.max(1, x.periodDays));
  const monthlyFixedCosts = divHalfEven(x.harnessCost * 30n, days);
  const monthlyVolume = (x.units * 30) / Number(days);

  let unitMargin: Pico | null = null;
  let monthlyProfit: Pico | null = null;
  if (x.valuePerUnit !== null && inferencePerUnit !== null && x.events > 0) {
    unitMargin = divHalfEven(x.valuePerUnit * BigInt(x.successes), BigInt(x.events)) - inferencePerUnit;
    // margin × units × 30 / days, exact then rounded once
    monthlyProfit = divHalfEven(unitMargin * u * 30n, days) - monthlyFixedCosts;
  }
  return {
    inferencePerUnit,
    harnessPerUnit,
    totalPerUnit,
    successRate,
    unitMargin,
    monthlyVolume,
    monthlyFixedCosts,
    monthlyProfit,
    ...roiAndPayback(monthlyProfit, monthlyFixedCosts),
  };
}

export function roiAndPayback(profit: Pico | null, fixed: Pico): { roiPercent: number | null; paybackMonths: number | null } {
  if (profit === null) return { roiPercent: null, paybackMonths: null };
  const roiPercent = fixed > 0n ? Number((profit * 100_000_000n) / fixed) / 1_000_000 : null;
  let paybackMonths: number | null;
  if (profit <= 0n) paybackMonths = null;
  else if (fixed <= 0n) paybackMonths = 0;
  else paybackMonths = Number((fixed * 1_000_000n) / profit) / 1_000_000;
  return { roiPercent, paybackMonths };
}
