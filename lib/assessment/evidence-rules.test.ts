import { describe, expect, test } from "vitest";
import {
  cachingRule,
  cogsEstimateRule,
  costPerUnitRule,
  featureBudgetsRule,
  maxTokensRule,
  minutesFreshRule,
  modelSelectionRule,
  perFeatureTokensRule,
  requestMetadataRule,
  shadowAiRule,
  valueMetricRule,
  weeklyTrendRule,
  zombieRule,
} from "./evidence-rules";

describe("evidence rules", () => {
  test.each([
    [0, 0, null],
    [100, 95, true],
    [100, 94, false],
  ])("per-feature tokens: %i events, %i with feature → %s", (events, withFeature, s) => {
    expect(perFeatureTokensRule({ events, withFeature }).suggested).toBe(s);
  });

  test("per-feature summary states the share", () => {
    expect(perFeatureTokensRule({ events: 200, withFeature: 150 }).summary).toMatch(/^75\.0% /);
  });

  test.each([
    [0, 0, null],
    [10, 9, true],
    [10, 8, false],
  ])("request metadata: %i events, %i with session/user → %s", (events, withSessionOrUser, s) => {
    expect(requestMetadataRule({ events, withSessionOrUser }).suggested).toBe(s);
  });

  test.each([
    [{ sampled: 0, medianMs: null, p95Ms: null, mean30dMs: null }, null],
    [{ sampled: 50, medianMs: 300_000, p95Ms: 900_000, mean30dMs: 1 }, true],
    [{ sampled: 50, medianMs: 300_001, p95Ms: 1_000, mean30dMs: 1 }, false],
    [{ sampled: 50, medianMs: 1_000, p95Ms: 900_001, mean30dMs: 1 }, false],
  ])("minutes fresh %# → %s", (x, s) => {
    expect(minutesFreshRule(x).suggested).toBe(s);
  });

  test("minutes fresh names the sample size", () => {
    expect(minutesFreshRule({ sampled: 42, medianMs: 2_000, p95Ms: 9_000, mean30dMs: null }).summary).toContain("42 most recent");
  });

  test.each([
    [0, 0, null],
    [3, 3, true],
    [3, 2, false],
  ])("cost per unit: %i active, %i configured → %s", (activeFeatures, configured, s) => {
    expect(costPerUnitRule({ activeFeatures, configured, missing: [] }).suggested).toBe(s);
  });

  test.each([
    [0, 0, null],
    [14, 2, true],
    [13, 2, false],
    [20, 1, false],
  ])("weekly trend: %i days in %i weeks → %s", (daysWithData, distinctWeeks, s) => {
    expect(weeklyTrendRule({ daysWithData, distinctWeeks, firstDay: "2026-01-01" }).suggested).toBe(s);
  });

  test.each([
    [0, 0, null, null],
    [4, 1, 0.8, true],
    [4, 3, 0.79, false],
  ])("value metric: %i active, %i with value, share %s → %s", (activeFeatures, withValue, costShareWithValue, s) => {
    expect(valueMetricRule({ activeFeatures, withValue, costShareWithValue }).suggested).toBe(s);
  });

  test.each([
    [[], null],
    [
      [
        { feature: "a", models: ["m1"] },
        { feature: "b", models: ["m1"] },
      ],
      false,
    ],
    [
      [
        { feature: "a", models: ["m1", "m2"] },
        { feature: "b", models: ["m1", "m2"] },
      ],
      false,
    ],
    [
      [
        { feature: "a", models: ["m1"] },
        { feature: "b", models: ["m2"] },
      ],
      true,
    ],
    [[{ feature: "a", models: ["m1"] }], false],
    [[{ feature: "a", models: ["m1", "m2"] }], true],
  ])("model selection %# → %s", (perFeature, s) => {
    expect(modelSelectionRule({ perFeature }).suggested).toBe(s);
  });

  test.each([
    [[], null],
    [[{ provider: "openai", inputTokens: 100, cachedInputTokens: 5 }], true],
    [
      [
        { provider: "openai", inputTokens: 100, cachedInputTokens: 5 },
        { provider: "anthropic", inputTokens: 100, cachedInputTokens: 4 },
      ],
      false,
    ],
    [[{ provider: "x", inputTokens: 0, cachedInputTokens: 0 }], null],
  ])("caching %# → %s", (perProvider, s) => {
    expect(cachingRule({ perProvider }).suggested).toBe(s);
  });

  test("caching lists the laggards and a row per provider", () => {
    const e = cachingRule({
      perProvider: [
        { provider: "anthropic", inputTokens: 1000, cachedInputTokens: 10 },
        { provider: "openai", inputTokens: 10, cachedInputTokens: 5 },
      ],
    });
    expect(e.summary).toContain("anthropic");
    expect(e.rows).toEqual([
      { label: "anthropic", value: "1.0%" },
      { label: "openai", value: "50.0%" },
    ]);
  });

  test.each([
    [0, [], null],
    [2, [], true],
    [2, ["chat"], false],
  ])("COGS estimate: %i active, without %j → %s", (activeFeatures, withoutEstimate, s) => {
    expect(cogsEstimateRule({ activeFeatures, withoutEstimate }).suggested).toBe(s);
  });

  test.each([
    [0, 0, null],
    [2, 2, true],
    [2, 1, false],
  ])("feature budgets: %i active, %i with budget → %s", (activeFeatures, withBudget, s) => {
    expect(featureBudgetsRule({ activeFeatures, withBudget, missing: [] }).suggested).toBe(s);
  });

  test.each([
    [0, [], null],
    [3, [], true],
    [3, ["summarizer"], false],
  ])("zombie process: %i checked, zombies %j → %s", (featuresChecked, zombies, s) => {
    expect(zombieRule({ featuresChecked, zombies }).suggested).toBe(s);
  });

  test("items the data cannot answer say so", () => {
    expect(maxTokensRule().suggested).toBeNull();
    expect(
      shadowAiRule({ lastImportAt: null, asOf: "2026-12-01T00:00:00Z", aiSpendUsd: "0", unsanctionedShare: null }).suggested,
    ).toBeNull();
  });

  test.each([
    {
      last: "2026-11-15T10:00:00Z",
      share: 0.25,
      suggested: true,
      text: /2026-11-15 \(15 days ago\).*25(\.0)?\s?% of the AI spend found \(\$1000\.00\) is outside sanctioned accounts/,
    },
    { last: "2025-11-01T10:00:00Z", share: 0.1, suggested: false, text: /394 days ago/ },
    { last: "2026-06-01T10:00:00Z", share: null, suggested: true, text: /no AI spend found/ },
  ])("shadow-AI audit from the last statement import ($last)", ({ last, share, suggested, text }) => {
    const e = shadowAiRule({ lastImportAt: last, asOf: "2026-11-30T12:00:00Z", aiSpendUsd: "1000.00", unsanctionedShare: share });
    expect(e.suggested).toBe(suggested);
    expect(e.summary).toMatch(text);
  });
});
