import "server-only";
import { dbRead } from "../db";
import { formatUsd6, parseUsd, type Pico } from "../money";
import { loadHarnessCost } from "./load-harness-cost";
import { appliedFilters, dailyWhere, periodOut, statsWhere } from "./query-filters";
import { readFeatureSettings } from "../settings/read-settings";
import type { Filters } from "./schemas";
import { resolvePeriod } from "../time";
import { unitEconomics } from "./unit-economics";

/**
 * GET /api/v1/metrics/unit-economics: per feature the three cost layers, value per unit and
 * method, success rate, unit margin, monthly profit, ROI and payback (unit-economics.ts), and
 * a weekly trend (ISO weeks, Monday UTC). Units are interactions (first event in the period).
 * Harness cost (layer 2) is allocated over all features, whatever the filters, so filtering
 * never moves fixed costs between features. Bounded: the 50 costliest features; trend over
 * the 8 costliest.
 */
const MAX_FEATURES = 50;
const TREND_FEATURES = 8;
const usd = (x: Pico | null) => (x === null ? null : formatUsd6(x));

/** The unit economics, typed (picodollars): what the route and the board report compose. */
export async function readUnitEconomics(organizationId: string, q: Filters, now = new Date()) {
  const p = resolvePeriod(q, now);
  const [direct, allDirect, units, weekly, weeklyUnits, settings] = await Promise.all([
    dbRead().$queryRaw<{ feature: string; cost: string; events: number; successes: number }[]>`
      SELECT d.feature, sum(d."costUsd")::text AS cost, sum(d.events)::int AS events, sum(d.successes)::int AS successes
      FROM "DailyRollup" d WHERE ${dailyWhere(organizationId, p, q)}
      GROUP BY 1 ORDER BY sum(d."costUsd") DESC, 1 LIMIT ${MAX_FEATURES}`,
    dbRead().$queryRaw<{ feature: string; cost: string }[]>`
      SELECT d.feature, sum(d."costUsd")::text AS cost FROM "DailyRollup" d WHERE ${dailyWhere(organizationId, p, {})}
      GROUP BY 1 ORDER BY 1 LIMIT 1000`,
    dbRead().$queryRaw<{ feature: string; n: number }[]>`
      SELECT s.feature, sum(s.interactions)::int AS n FROM "InteractionStats" s WHERE ${statsWhere(organizationId, p, q)} GROUP BY 1`,
    dbRead().$queryRaw<{ feature: string; week: string; cost: string; events: number; successes: number }[]>`
      SELECT d.feature, to_char(date_trunc('week', d.day), 'YYYY-MM-DD') AS week, sum(d."costUsd")::text AS cost,
        sum(d.events)::int AS events, sum(d.successes)::int AS successes
      FROM "DailyRollup" d WHERE ${dailyWhere(organizationId, p, q)} GROUP BY 1, 2`,
    dbRead().$queryRaw<{ feature: string; week: string; n: number }[]>`
      SELECT s.feature, to_char(date_trunc('week', s.day), 'YYYY-MM-DD') AS week, sum(s.interactions)::int AS n
      FROM "InteractionStats" s WHERE ${statsWhere(organizationId, p, q)} GROUP BY 1, 2`,
    readFeatureSettings(organizationId),
  ]);
  const harness = await loadHarnessCost(organizationId, p.from, p.to, new Map(allDirect.map((r) => [r.feature, parseUsd(r.cost)])));
  const unitsBy = new Map(units.map((u) => [u.feature, u.n]));

  const features = direct.map((r) => {
    const s = settings.get(r.feature);
    const inference = parseUsd(r.cost);
    const harnessCost = harness.byFeature.get(r.feature) ?? 0n;
    const units = unitsBy.get(r.feature) ?? 0;
    return {
      feature: r.feature,
      unitOfValue: s?.unitOfValue ?? "conversation",
      units,
      inferenceCost: inference,
      harnessCost,
      valuePerUnit: s?.valuePerUnit ?? null,
      valueMethod: s?.valueMethod ?? null,
      ...unitEconomics({
        units,
        successes: r.successes,
        events: r.events,
        inferenceCost: inference,
        harnessCost,
        valuePerUnit: s?.valuePerUnit ?? null,
        periodDays: p.days,
      }),
    };
  });

  const trendFeatures = direct.slice(0, TREND_FEATURES).map((r) => r.feature);
  const wUnits = new Map(weeklyUnits.map((w) => [`${w.feature}|${w.week}`, w.n]));
  const weeks = [...new Set(weekly.map((w) => w.week))].sort();
  const trend = trendFeatures.map((feature) => {
    const value = settings.get(feature)?.valuePerUnit ?? null;
    return {
      feature,
      points: weeks.map((week) => {
        const w = weekly.find((x) => x.feature === feature && x.week === week);
        const n = wUnits.get(`${feature}|${week}`) ?? 0;
        // a week without units has no per-unit figures (a gap, not 0)
        const ue =
          !w || n === 0
            ? null
            : unitEconomics({
                units: n,
                successes: w.successes,
                events: w.events,
                inferenceCost: parseUsd(w.cost),
                harnessCost: 0n,
                valuePerUnit: value,
                periodDays: 7,
              });
        return {
          week,
          units: n,
          inferenceCostPerUnit: ue?.inferencePerUnit ?? null,
          successRate: ue?.successRate ?? null,
          unitMargin: ue?.unitMargin ?? null,
        };
      }),
    };
  });
  return {
    period: periodOut(p),
    filters: appliedFilters(q),
    features,
    harness: { total: harness.total, unallocated: harness.unallocated },
    weeklyTrend: trend,
    notes: [
      "unit margin = value per unit × success rate − inference cost per unit (layer 1); monthly profit = unit margin × monthly volume − monthly fixed costs (layer 2).",
      "Weeks start on Monday (UTC); the first and last week may be partial.",
    ],
  };
}

/** The unit economics, typed (picodollars). */
export type UnitEconomicsReport = Awaited<ReturnType<typeof readUnitEconomics>>;
export type UnitEconomicsFeature = UnitEconomicsReport["features"][number];

/**
 * GET /api/v1/metrics/unit-economics's form (snake_case, 6-decimal money), beside the reader
 * (docs/decisions/052-to-wire-beside-the-reader.md).
 */
export function unitEconomicsToWire(u: UnitEconomicsReport) {
  return {
    period: u.period,
    filters: u.filters,
    features: u.features.map((f) => ({
      feature: f.feature,
      unit_of_value: f.unitOfValue,
      units: f.units,
      inference_cost_usd: formatUsd6(f.inferenceCost),
      harness_cost_usd: formatUsd6(f.harnessCost),
      inference_cost_per_unit_usd: usd(f.inferencePerUnit),
      harness_cost_per_unit_usd: usd(f.harnessPerUnit),
      total_cost_per_unit_usd: usd(f.totalPerUnit),
      value_per_unit_usd: usd(f.valuePerUnit),
      value_method: f.valueMethod,
      success_rate: f.successRate,
      unit_margin_usd: usd(f.unitMargin),
      // units × 30 / days is fractional for most periods; the contract (and the page) show whole units
      monthly_volume: Math.round(f.monthlyVolume),
      monthly_fixed_costs_usd: formatUsd6(f.monthlyFixedCosts),
      monthly_profit_usd: usd(f.monthlyProfit),
      roi_percent: f.roiPercent,
      payback_months: f.paybackMonths,
    })),
    harness: { total_usd: formatUsd6(u.harness.total), unallocated_usd: formatUsd6(u.harness.unallocated) },
    weekly_trend: u.weeklyTrend.map((t) => ({
      feature: t.feature,
      points: t.points.map((pt) => ({
        week: pt.week,
        units: pt.units,
        inference_cost_per_unit_usd: usd(pt.inferenceCostPerUnit),
        success_rate: pt.successRate,
        unit_margin_usd: usd(pt.unitMargin),
      })),
    })),
    notes: u.notes,
  };
}

/** The route's reader: the typed value on the wire. */
export async function getUnitEconomics(organizationId: string, q: Filters, now = new Date()) {
  return unitEconomicsToWire(await readUnitEconomics(organizationId, q, now));
}

export type UnitEconomicsResponse = Awaited<ReturnType<typeof getUnitEconomics>>;
