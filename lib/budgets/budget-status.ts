import "server-only";
import { formatUsd6, parseUsd } from "../money";
import { UNIT_SCALE, type BudgetUnit, type BudgetWindow } from "@spendline/guardrail-core";
import { forecastMonthEnd, hasMonthForecast } from "./forecast";
import { dailyForScope, loadDailySpend, type DailySpendRow } from "./load-daily-spend";
import { budgetUsed, openBatchEstimate, type BudgetKey } from "./budget-usage";
import { thresholdsReached } from "./thresholds";
import { DAY_MS } from "../time";

/** A budget row as stored (Prisma's Budget, or the subset the readers need). */
export type BudgetRow = BudgetKey & {
  id: string;
  monthlyLimitUsd: { toString(): string };
  mode: string;
  thresholds: number[];
  fallbackModel?: string | null;
};

/**
 * Where a budget stands now, typed (decision 052): amounts in the budget's unit scale
 * (picodollars, or tokens / requests × UNIT_SCALE). Calendar-month USD budgets on org, team and
 * feature carry a month-end forecast; the others carry what their window used (forecast = used).
 */
export type BudgetUse = {
  limit: bigint;
  used: bigint;
  forecast: bigint;
  /** null: no forecast for this kind of budget */
  dailyLevel: bigint | null;
  shaped: boolean;
  /** used / limit, 0..n (display) */
  usedRatio: number;
  forecastRatio: number;
  thresholdsReached: number[];
};

/** The daily rollups the month forecasts read (last 35 days up to today). */
export function loadForecastRows(organizationId: string, now: Date): Promise<DailySpendRow[]> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return loadDailySpend(organizationId, new Date(today - 35 * DAY_MS), new Date(today + DAY_MS));
}

const ratio = (a: bigint, b: bigint) => (b > 0n ? Number((a * 10_000n) / b) / 10_000 : 0);

/** One reader for the budgets page, the API and the threshold alerts. */
export async function readBudgetUse(organizationId: string, b: BudgetRow, rows: DailySpendRow[], now: Date): Promise<BudgetUse> {
  const limit = parseUsd(b.monthlyLimitUsd.toString());
  if (hasMonthForecast(b)) {
    const f = forecastMonthEnd(dailyForScope(rows, b.scope, b.scopeRef), now);
    // open batches' estimates (decision 056) are not in the rollups yet: they count on top
    const pending = await openBatchEstimate(organizationId, b, now);
    const used = f.monthToDatePico + pending;
    const forecast = f.forecastPico + pending;
    return {
      limit,
      used,
      forecast,
      dailyLevel: f.dailyLevelPico,
      shaped: f.shaped,
      usedRatio: ratio(used, limit),
      forecastRatio: ratio(forecast, limit),
      thresholdsReached: thresholdsReached(used, limit, b.thresholds),
    };
  }
  const used = await budgetUsed(organizationId, b, now);
  return {
    limit,
    used,
    forecast: used,
    dailyLevel: null,
    shaped: false,
    usedRatio: ratio(used, limit),
    forecastRatio: ratio(used, limit),
    thresholdsReached: thresholdsReached(used, limit, b.thresholds),
  };
}

/** A limit or use in the budget's unit: USD with 6 decimals, or a whole count. */
export function unitAmount(unit: string, v: bigint): string {
  return unit === "usd" ? formatUsd6(v) : (v / UNIT_SCALE).toString();
}

/** The saved settings of a budget, as the API answers them. */
export function budgetSettingsToWire(b: BudgetRow) {
  const limit = parseUsd(b.monthlyLimitUsd.toString());
  return {
    id: b.id,
    scope: b.scope,
    scope_ref: b.scopeRef,
    monthly_limit_usd: formatUsd6(limit),
    unit: b.unit as BudgetUnit,
    window: b.window as BudgetWindow,
    limit: unitAmount(b.unit, limit),
    mode: b.mode,
    thresholds: b.thresholds,
    fallback_model: b.fallbackModel ?? null,
  };
}

export function budgetStatusToWire(b: BudgetRow, u: BudgetUse, now: Date) {
  return {
    ...budgetSettingsToWire(b),
    month: now.toISOString().slice(0, 7),
    spent: unitAmount(b.unit, u.used),
    spent_usd: formatUsd6(u.used),
    used: u.usedRatio,
    forecast_usd: formatUsd6(u.forecast),
    forecast_used: u.forecastRatio,
    thresholds_reached: u.thresholdsReached,
  };
}
export type BudgetStatus = ReturnType<typeof budgetStatusToWire>;
