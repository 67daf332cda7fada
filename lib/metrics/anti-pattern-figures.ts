import { parseUsd, type Pico } from "../money";
import { weekStart } from "./chart-prep";

/**
 * The figures the anti-pattern detectors judge, folded from the read's two kinds of rows
 * (lib/metrics/get-anti-patterns.ts, decision 054 "Anti-patterns"):
 * - one row per (feature, day) of the wide range (the trend weeks and the period): the day's
 *   sums over its models, and the day's dominant model — the costliest, on equal cost the first
 *   model name in byte order — with that model's input and cached tokens;
 * - one row per (model, day) of the period: the day's cost.
 * Money is exact (decimal strings → picodollars); token and event counts are integers, exact as
 * numbers below 2^53.
 */
export type FeatureDayRow = {
  day: string; // YYYY-MM-DD
  feature: string;
  cost: string;
  tokens: string; // input + output
  events: number;
  successes: number;
  streamed: string;
  delivered: string;
  aborted: number;
  top_model: string;
  top_input: string;
  top_cached: string;
};
export type ModelDayRow = { day: string; model: string; cost: string };

export type WeekFigures = { week: string; tokens: number; cost: Pico; events: number; successes: number };
export type FeatureFigures = {
  feature: string;
  /** sums over the period's days (the weeks before it only feed `weeks`) */
  cost: Pico;
  tokens: number;
  events: number;
  streamed: number;
  delivered: number;
  aborted: number;
  /** cost per day of the period (days without rows absent) */
  dailyCost: Map<string, Pico>;
  /** every ISO week (keyed by its Monday) of the wide range with a row, oldest first */
  weeks: WeekFigures[];
  /** the period's days with rows, oldest first: the dominant model and its tokens */
  cacheDays: { day: string; model: string; inputTokens: number; cachedTokens: number }[];
};
export type ModelFigures = { model: string; cost: Pico; lastDay: string; dailyCost: Map<string, Pico> };

/**
 * Per feature: period totals, weekly sums, daily cost and dominant models; per model: period
 * cost, last day with a row, daily cost. Only features and models with a row in the period
 * (day ≥ `periodFrom`) are returned; each list is ranked by cost, largest first, ties by name
 * (localeCompare).
 */
export function foldFeatureModelDays(
  featureDays: readonly FeatureDayRow[],
  modelDays: readonly ModelDayRow[],
  periodFrom: string,
): { features: FeatureFigures[]; models: ModelFigures[] } {
  const weekOf = new Map<string, string>();
  const weeksBy = new Map<string, Map<string, WeekFigures>>();
  const featBy = new Map<string, FeatureFigures>();
  for (const r of featureDays) {
    const cost = parseUsd(r.cost);
    const tokens = Number(r.tokens);
    const week = weekOf.get(r.day) ?? weekOf.set(r.day, weekStart(r.day)).get(r.day)!;
    const weeks = weeksBy.get(r.feature) ?? weeksBy.set(r.feature, new Map()).get(r.feature)!;
    const w = weeks.get(week) ?? weeks.set(week, { week, tokens: 0, cost: 0n, events: 0, successes: 0 }).get(week)!;
    w.tokens += tokens;
    w.cost += cost;
    w.events += r.events;
    w.successes += r.successes;
    if (r.day < periodFrom) continue;
    let f = featBy.get(r.feature);
    if (!f) {
      f = {
        feature: r.feature,
        cost: 0n,
        tokens: 0,
        events: 0,
        streamed: 0,
        delivered: 0,
        aborted: 0,
        dailyCost: new Map(),
        weeks: [],
        cacheDays: [],
      };
      featBy.set(r.feature, f);
    }
    f.cost += cost;
    f.tokens += tokens;
    f.events += r.events;
    f.streamed += Number(r.streamed);
    f.delivered += Number(r.delivered);
    f.aborted += r.aborted;
    f.dailyCost.set(r.day, cost);
    f.cacheDays.push({ day: r.day, model: r.top_model, inputTokens: Number(r.top_input), cachedTokens: Number(r.top_cached) });
  }
  for (const f of featBy.values()) {
    const weeks = weeksBy.get(f.feature)!;
    f.weeks = [...weeks.keys()].sort().map((k) => weeks.get(k)!);
    f.cacheDays.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
  const modelBy = new Map<string, ModelFigures>();
  for (const r of modelDays) {
    if (r.day < periodFrom) continue;
    const cost = parseUsd(r.cost);
    const m =
      modelBy.get(r.model) ?? modelBy.set(r.model, { model: r.model, cost: 0n, lastDay: r.day, dailyCost: new Map() }).get(r.model)!;
    m.cost += cost;
    if (r.day > m.lastDay) m.lastDay = r.day;
    m.dailyCost.set(r.day, cost);
  }
  const byCost = <T extends { cost: Pico }>(a: T, b: T, ka: string, kb: string) =>
    a.cost === b.cost ? ka.localeCompare(kb) : a.cost > b.cost ? -1 : 1;
  return {
    features: [...featBy.values()].sort((a, b) => byCost(a, b, a.feature, b.feature)),
    models: [...modelBy.values()].sort((a, b) => byCost(a, b, a.model, b.model)),
  };
}
