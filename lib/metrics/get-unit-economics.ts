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

export async function getUnitEconomics(organizationId: string, q: Filters, now = new Date()) {
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
    const ue = unitEconomics({
      units: unitsBy.get(r.feature) ?? 0,
      successes: r.successes,
      events: r.events,
      inferenceCost: inference,
      harnessCost,
      valuePerUnit: s?.valuePerUnit ?? null,
      periodDays: p.days,
    });
    return {
      feature: r.feature,
      unit_of_value: s?.unitOfValue ?? "conversation",
      units: unitsBy.get(r.feature) ?? 0,
      inference_cost_usd: formatUsd6(inference),
      harness_cost_usd: formatUsd6(harnessCost),
      inference_cost_per_unit_usd: usd(ue.inferencePerUnit),
      harness_cost_per_unit_usd: usd(ue.harnessPerUnit),
      total_cost_per_unit_usd: usd(ue.totalPerUnit),
      value_per_unit_usd: usd(s?.valuePerUnit ?? null),
      value_method: s?.valueMethod ?? null,
      success_rate: ue.successRate,
      unit_margin_usd: usd(ue.unitMargin),
      // units × 30 / days is fractional for most periods; the contract (and the page) show whole units
      monthly_volume: Math.round(ue.monthlyVolume),
      monthly_fixed_costs_usd: formatUsd6(ue.monthlyFixedCosts),
      monthly_profit_usd: usd(ue.monthlyProfit),
      roi_percent: ue.roiPercent,
      payback_months: ue.paybackMonths,
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
        if (!w || n === 0) return { week, units: n, inference_cost_per_unit_usd: null, success_rate: null, unit_margin_usd: null };
        const ue = unitEconomics({
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
          inference_cost_per_unit_usd: usd(ue.inferencePerUnit),
          success_rate: ue.successRate,
          unit_margin_usd: usd(ue.unitMargin),
        };
      }),
    };
  });
  return {
    period: periodOut(p),
    filters: appliedFilters(q),
    features,
    harness: { total_usd: formatUsd6(harness.total), unallocated_usd: formatUsd6(harness.unallocated) },
    weekly_trend: trend,
    notes: [
      "unit margin = value per unit × success rate − inference cost per unit (layer 1); monthly profit = unit margin × monthly volume − monthly fixed costs (layer 2).",
      "Weeks start on Monday (UTC); the first and last week may be partial.",
    ],
  };
}

export type UnitEconomicsResponse = Awaited<ReturnType<typeof getUnitEconomics>>;
