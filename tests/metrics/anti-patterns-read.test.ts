import { beforeAll, describe, expect, test } from "vitest";
import { useTestDatabase } from "../helpers/db";
import { makeEvents } from "./fixtures";
import { db } from "@/lib/db";
import { createOrganization } from "@/lib/orgs/manage-members";
import { ingestEvents } from "@/lib/ingestion/ingest-events";
import { loadFeatureModelDays } from "@/lib/metrics/load-feature-model-days";
import { foldFeatureModelDays, type FeatureFigures, type ModelFigures } from "@/lib/metrics/anti-pattern-figures";
import { getAntiPatterns } from "@/lib/metrics/get-anti-patterns";
import { weekStart } from "@/lib/metrics/chart-prep";
import type { Filters } from "@/lib/metrics/schemas";
import { parseUsd } from "@/lib/money";

/**
 * The anti-pattern read sums (feature, day, model) rollup rows in SQL (decision 054): its figures
 * must equal the same sums taken in JavaScript over the raw DailyRollup rows, for every filter
 * (FeatureModelDailyRollup without a team/tier/environment filter, DailyRollup with one), and
 * the dominant model of an equal-cost day is the first name in byte order.
 */
useTestDatabase();

// equal-cost days: on 2026-01-20 "Beta-1" and "alpha-1" cost the same in prod (byte order puts
// "B" before "a"; an en_US collation would not), and a staging call makes alpha-1 the costlier
// one when staging counts; on 2026-01-22 two unpriced models cost 0 each
const TIE_EVENTS = [
  { id: "tie-1", day: "2026-01-20", model: "alpha-1", env: "prod", cost: "0.300000", input: 1000, cached: 100 },
  { id: "tie-2", day: "2026-01-20", model: "Beta-1", env: "prod", cost: "0.300000", input: 2000, cached: 1500 },
  { id: "tie-3", day: "2026-01-20", model: "alpha-1", env: "staging", cost: "0.050000", input: 10, cached: 0 },
  { id: "tie-4", day: "2026-01-22", model: "local-b", env: "prod", cost: "0", input: 500, cached: 5 },
  { id: "tie-5", day: "2026-01-22", model: "local-a", env: "prod", cost: "0", input: 400, cached: 4 },
].map((e) => ({
  id: e.id,
  timestamp: `${e.day}T10:00:00Z`,
  feature: "ties",
  team: "support",
  environment: e.env,
  tenant: { id: "t-tie", tier: "pro" },
  model: e.model,
  usage: { input_tokens: e.input, output_tokens: 10, cached_input_tokens: e.cached },
  cost_usd: e.cost,
  outcome: "success",
}));

let orgId = "";
beforeAll(async () => {
  orgId = (await createOrganization("anti-patterns-read", "Anti-patterns read")).id;
  const events = [...makeEvents(600), ...TIE_EVENTS];
  for (let i = 0; i < events.length; i += 300) await ingestEvents(orgId, events.slice(i, i + 300));
});

/**
 * The figures from DailyRollup rows, summed in JavaScript: (feature, day, model) sums, then the
 * dominant model per (feature, day) — rows visited in byte order of model, the first costliest
 * kept — and the per-feature, per-week and per-model sums the detectors read.
 */
async function reference(range: { from: string; to: string }, periodFrom: string, q: Filters) {
  const raw = await db().dailyRollup.findMany({
    where: {
      organizationId: orgId,
      day: { gte: new Date(`${range.from}T00:00:00Z`), lt: new Date(`${range.to}T00:00:00Z`) },
      ...(q.feature !== undefined && { feature: q.feature }),
      ...(q.team !== undefined && { team: q.team }),
      ...(q.tier !== undefined && { tier: q.tier }),
      ...(q.model !== undefined && { model: q.model }),
      ...(q.environment !== undefined && { environment: q.environment }),
    },
  });
  type Fdm = { day: string; feature: string; model: string; cost: bigint; input: number; output: number; cached: number } & Record<
    "events" | "successes" | "streamed" | "delivered" | "aborted",
    number
  >;
  const fdm = new Map<string, Fdm>();
  for (const r of raw) {
    const day = r.day.toISOString().slice(0, 10);
    const k = `${r.feature}|${day}|${r.model}`;
    const x =
      fdm.get(k) ??
      fdm
        .set(k, {
          day,
          feature: r.feature,
          model: r.model,
          cost: 0n,
          input: 0,
          output: 0,
          cached: 0,
          events: 0,
          successes: 0,
          streamed: 0,
          delivered: 0,
          aborted: 0,
        })
        .get(k)!;
    x.cost += parseUsd(r.costUsd.toString());
    x.input += Number(r.inputTokens);
    x.output += Number(r.outputTokens);
    x.cached += Number(r.cachedInputTokens);
    x.events += r.events;
    x.successes += r.successes;
    x.streamed += Number(r.streamedOutputTokens);
    x.delivered += Number(r.deliveredOutputTokens);
    x.aborted += r.abortedEvents;
  }
  const rows = [...fdm.values()].sort((a, b) => (a.model < b.model ? -1 : a.model > b.model ? 1 : 0));
  const features = new Map<string, FeatureFigures>();
  const weeks = new Map<string, Map<string, FeatureFigures["weeks"][number]>>();
  const top = new Map<string, Fdm>();
  for (const r of rows) {
    const ws = weeks.get(r.feature) ?? weeks.set(r.feature, new Map()).get(r.feature)!;
    const week = weekStart(r.day);
    const w = ws.get(week) ?? ws.set(week, { week, tokens: 0, cost: 0n, events: 0, successes: 0 }).get(week)!;
    w.tokens += r.input + r.output;
    w.cost += r.cost;
    w.events += r.events;
    w.successes += r.successes;
    if (r.day < periodFrom) continue;
    const f =
      features.get(r.feature) ??
      features
        .set(r.feature, {
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
        })
        .get(r.feature)!;
    f.cost += r.cost;
    f.tokens += r.input + r.output;
    f.events += r.events;
    f.streamed += r.streamed;
    f.delivered += r.delivered;
    f.aborted += r.aborted;
    f.dailyCost.set(r.day, (f.dailyCost.get(r.day) ?? 0n) + r.cost);
    const t = top.get(`${r.feature}|${r.day}`);
    if (!t || r.cost > t.cost) top.set(`${r.feature}|${r.day}`, r);
  }
  for (const f of features.values()) {
    f.weeks = [...weeks.get(f.feature)!.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
    f.cacheDays = [...top.values()]
      .filter((t) => t.feature === f.feature)
      .sort((a, b) => (a.day < b.day ? -1 : 1))
      .map((t) => ({ day: t.day, model: t.model, inputTokens: t.input, cachedTokens: t.cached }));
  }
  const models = new Map<string, ModelFigures>();
  for (const r of rows) {
    if (r.day < periodFrom) continue;
    const m = models.get(r.model) ?? models.set(r.model, { model: r.model, cost: 0n, lastDay: r.day, dailyCost: new Map() }).get(r.model)!;
    m.cost += r.cost;
    if (r.day > m.lastDay) m.lastDay = r.day;
    m.dailyCost.set(r.day, (m.dailyCost.get(r.day) ?? 0n) + r.cost);
  }
  return { features: [...features.values()], models: [...models.values()] };
}

const byName = <T extends { feature?: string; model?: string }>(xs: T[]) =>
  [...xs].sort((a, b) => ((a.feature ?? a.model)! < (b.feature ?? b.model)! ? -1 : 1));

describe("the (feature, day) and (model, day) sums equal JavaScript sums over DailyRollup", () => {
  test.each<[string, Filters]>([
    ["no filter (FeatureModelDailyRollup)", {}],
    ["environment (DailyRollup)", { environment: "prod" }],
    ["team (DailyRollup)", { team: "support" }],
    ["tier (DailyRollup)", { tier: "free" }],
    ["tier and environment", { tier: "pro", environment: "staging" }],
    ["feature", { feature: "search" }],
    ["model", { model: "gpt-4o-mini-2024-07-18" }],
    ["feature and environment", { feature: "ties", environment: "prod" }],
  ])("%s", async (_, q) => {
    // the trend weeks before a period that starts mid-week, as getAntiPatterns reads them
    for (const [range, periodFrom] of [
      [{ from: "2026-01-05", to: "2026-02-15" }, "2026-01-14"],
      [{ from: "2025-12-29", to: "2026-01-24" }, "2026-01-19"],
    ] as const) {
      const rows = await loadFeatureModelDays(orgId, range, periodFrom, q);
      const got = foldFeatureModelDays(rows.featureDays, rows.modelDays, periodFrom);
      const want = await reference(range, periodFrom, q);
      expect(got.features.length).toBeGreaterThan(0);
      expect(byName(got.features)).toEqual(byName(want.features));
      expect(byName(got.models)).toEqual(byName(want.models));
    }
  });
});

describe("the dominant model of an equal-cost day", () => {
  const tieDays = async (q: Filters) => {
    const rows = await loadFeatureModelDays(orgId, { from: "2026-01-19", to: "2026-01-26" }, "2026-01-19", q);
    return foldFeatureModelDays(rows.featureDays, rows.modelDays, "2026-01-19").features.find((f) => f.feature === "ties")!.cacheDays;
  };

  test.each<[string, Filters, string]>([
    // [filters, dominant on 2026-01-20]
    ["all environments: alpha-1 is costlier with its staging call", {}, "alpha-1"],
    ["prod only (DailyRollup): equal cost, byte order puts Beta-1 first", { environment: "prod" }, "Beta-1"],
    ["the feature alone (FeatureModelDailyRollup) with the staging call", { feature: "ties" }, "alpha-1"],
  ])("%s", async (_, q, model) => {
    const days = await tieDays(q);
    const tokens = { "alpha-1": q.environment ? [1000, 100] : [1010, 100], "Beta-1": [2000, 1500] }[model]!;
    expect(days[0]).toEqual({ day: "2026-01-20", model, inputTokens: tokens[0], cachedTokens: tokens[1] });
    // two unpriced models (cost 0 each): the first name, whichever table answers
    expect(days[1]).toEqual({ day: "2026-01-22", model: "local-a", inputTokens: 400, cachedTokens: 4 });
  });

  test("the page shows the same answer for the same data, every time", async () => {
    const q = { from: "2026-01-19", to: "2026-01-26", environment: "prod" as const };
    const a = await getAntiPatterns(orgId, q, new Date("2026-02-01T00:00:00Z"));
    const b = await getAntiPatterns(orgId, q, new Date("2026-02-01T00:00:00Z"));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const cache = a.findings.find((f) => f.detector === "prompt_cache_regression" && f.subject === "ties")!;
    // Beta-1 (cache share 0.75) on the 20th, local-a (0.01) on the 22nd: the drop is judged between them
    expect(cache.evidence).toMatchObject({
      changed_on: "2026-01-22",
      model_before: "Beta-1",
      model_after: "local-a",
      cache_share_before: 0.75,
    });
  });
});
