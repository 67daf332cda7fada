import { describe, expect, test } from "vitest";
import { detectAbortGap, detectAgenticLoop, detectCacheRegression, detectNegativeUnitEconomics, detectTechnologyChurn, detectZombie } from "./anti-patterns";

const weeks = (pairs: [number, number][]) => pairs.map(([tokens, activeUsers], i) => ({ week: `w${i}`, tokens, activeUsers }));

describe("zombie feature", () => {
  test.each([
    [[[100, 50], [100, 50], [110, 20], [120, 10]], true], // users collapse, tokens rise
    [[[100, 50], [100, 50], [50, 20], [40, 10]], false], // tokens fall with users: healthy decline
    [[[100, 50], [100, 50], [100, 45], [100, 50]], false], // users steady
    [[[100, 50]], false], // too little history
  ] as [[number, number][], boolean][])("%j → %s", (rows, fired) => expect(detectZombie("f", weeks(rows)).fired).toBe(fired));
});

describe("agentic loop", () => {
  const base = { interactions: 100, events: 300, tokens: 300_000, designTokens: 3000, designCalls: 3, costMean: 0.1, costStddev: 0.05 };
  test.each([
    [{}, false],
    [{ tokens: 900_000 }, true], // 9000 tokens per interaction vs design 3000
    [{ events: 900 }, true], // 9 calls vs design 3
    [{ costStddev: 0.25 }, true], // cv 2.5
    [{ designTokens: null, designCalls: null }, false],
  ])("%j → %s", (patch, fired) => expect(detectAgenticLoop("f", { ...base, ...patch }).fired).toBe(fired));
});

describe("negative unit economics at scale", () => {
  test.each([
    [[[100, 0.5], [100, 0.5], [200, 0.2], [300, -0.1]], true],
    [[[100, 0.5], [100, 0.5], [200, 0.6], [300, 0.7]], false],
    [[[100, 0.5], [100, 0.5], [100, 0.1], [100, 0.1]], false], // margin falls but volume flat
  ] as [[number, number][], boolean][])("%j → %s", (rows, fired) =>
    expect(detectNegativeUnitEconomics("f", rows.map(([units, unitMargin], i) => ({ week: `w${i}`, units, unitMargin }))).fired).toBe(fired));
});

describe("technology churn", () => {
  test("spend on a model idle for ≥ 14 days at period end", () => {
    const f = detectTechnologyChurn([
      { model: "old", cost: 20, lastDay: "2026-01-05" },
      { model: "new", cost: 80, lastDay: "2026-01-30" },
    ], "2026-01-31");
    expect(f.map((x) => [x.subject, x.fired])).toEqual([["old", true], ["new", false]]);
    expect(f[0].evidence.idle_days).toBe(25);
  });
});

describe("prompt-cache regression", () => {
  const day = (i: number, model: string, cached: number) => ({ day: `2026-01-${String(i + 1).padStart(2, "0")}`, model, inputTokens: 1000, cachedTokens: cached });
  test.each([
    [[day(0, "m-1", 600), day(1, "m-1", 600), day(2, "m-2", 100), day(3, "m-2", 100)], true],
    [[day(0, "m-1", 600), day(1, "m-1", 600), day(2, "m-2", 550), day(3, "m-2", 580)], false],
    [[day(0, "m-1", 600), day(1, "m-1", 100)], false], // drop without a model change
  ])("case %# → %s", (rows, fired) => expect(detectCacheRegression("f", rows).fired).toBe(fired));
});

describe("streaming-abort gap", () => {
  test.each([
    [1000, 950, false],
    [1000, 800, true],
    [0, 0, false],
  ])("billed %i delivered %i → %s", (b, d, fired) =>
    expect(detectAbortGap("f", { streamedOutputTokens: b, deliveredOutputTokens: d, abortedEvents: 1, events: 10 }).fired).toBe(fired));
});
