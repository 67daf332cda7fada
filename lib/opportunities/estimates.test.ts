import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import {
  batchSaving,
  cachingSaving,
  loopSaving,
  modelSwitchSaving,
  nearestRank,
  outputCapEstimate,
  priceSums,
  realisedSaving,
  throttleSaving,
  zombieSaving,
} from "./estimates";

const usd = (s: string) => parseUsd(s);
// $2.50 / $10 per MTok, cached $1.25, cache write $3.125
const rates = { input: usd("2.5"), output: usd("10"), cached: usd("1.25"), cacheWrite: usd("3.125") };

describe("priceSums: the token vector at per-MTok rates", () => {
  test.each([
    ["input only", { inputTokens: 1_000_000n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 0n }, "2.5"],
    ["output only", { inputTokens: 0n, outputTokens: 500_000n, cachedInputTokens: 0n, cacheWriteTokens: 0n }, "5"],
    [
      "cached part at the cache-read rate",
      { inputTokens: 1_000_000n, outputTokens: 0n, cachedInputTokens: 400_000n, cacheWriteTokens: 0n },
      "2",
    ],
    [
      "cache writes at the write rate",
      { inputTokens: 1_000_000n, outputTokens: 0n, cachedInputTokens: 0n, cacheWriteTokens: 200_000n },
      "2.625",
    ],
    ["everything", { inputTokens: 3n, outputTokens: 7n, cachedInputTokens: 1n, cacheWriteTokens: 1n }, "0.000076875"],
  ])("%s", (_n, t, expected) => expect(priceSums(t, rates)).toBe(usd(expected)));
});

test.each([
  ["cheaper candidate", "10", "3", "7"],
  ["dearer candidate saves nothing", "3", "10", "0"],
])("modelSwitchSaving: %s", (_n, cur, cand, expected) => expect(modelSwitchSaving(usd(cur), usd(cand))).toBe(usd(expected)));

describe("cachingSaving at a stated hit rate", () => {
  test.each([
    // 1M input, 100k cached, target 50 % → 400k more at (2.5 − 1.25) = $0.50
    ["10 % → 50 %", { inputTokens: 1_000_000n, cachedInputTokens: 100_000n, cacheWriteTokens: 0n, targetHitRate: 0.5 }, 400_000n, "0.5"],
    // already above the target: nothing
    ["already above", { inputTokens: 1_000_000n, cachedInputTokens: 600_000n, cacheWriteTokens: 0n, targetHitRate: 0.5 }, 0n, "0"],
    // capped by the uncached room (cache writes are not re-billed as reads)
    [
      "room capped by writes",
      { inputTokens: 1_000_000n, cachedInputTokens: 0n, cacheWriteTokens: 700_000n, targetHitRate: 0.5 },
      300_000n,
      "0.375",
    ],
  ] as const)("%s", (_n, x, extra, saving) => {
    const r = cachingSaving({ ...x, inputRate: rates.input, cachedRate: rates.cached });
    expect(r.extraCachedTokens).toBe(extra);
    expect(r.saving).toBe(usd(saving));
  });
});

describe("outputCapEstimate at the p95", () => {
  test("a long tail fires and the cut share is the tokens above p95", () => {
    // 100 calls: 94 × 100 tokens, 6 × 1,000 (p50 100, p95 1000 → nothing above p95)…
    const flat = [...Array(94).fill(100), ...Array(6).fill(1000)];
    expect(outputCapEstimate(flat, usd("10"))).toMatchObject({ p50: 100, p95: 1000, p99: 1000, cutShare: 0, fires: true, saving: 0n });
    // …90 × 100, 5 × 400, 5 × 2,000: p95 = 400; above it 5 × 1,600 = 8,000 of 21,000 tokens
    const tail = [...Array(90).fill(100), ...Array(5).fill(400), ...Array(5).fill(2000)];
    const r = outputCapEstimate(tail, usd("21"))!;
    expect(r).toMatchObject({ p50: 100, p95: 400, p99: 2000, fires: true });
    expect(r.cutShare).toBeCloseTo(8000 / 21000, 9);
    expect(r.saving).toBe(usd("7.999992")); // $21 × 380,952 ppm (shares are exact to a part per million)
  });
  test.each([
    ["no tail", Array(100).fill(300)],
    ["too small a sample", [1, 1000, 5000]],
  ])("%s does not fire", (_n, s) => expect(outputCapEstimate(s, usd("10"))?.fires ?? false).toBe(false));
});

test.each([
  [[10, 20, 30, 40], 0.5, 20],
  [[10, 20, 30, 40], 0.99, 40],
  [[5], 0.95, 5],
])("nearestRank(%j, %d) = %d", (s, q, expected) => expect(nearestRank(s, q)).toBe(expected));

test.each([
  ["all unattended, 50 %", "100", 1, 50, "50"],
  ["60 % unattended, 50 %", "100", 0.6, 50, "30"],
  ["interactive", "100", 0, 50, "0"],
])("batchSaving: %s", (_n, cost, share, pct, expected) => expect(batchSaving(usd(cost), share, pct)).toBe(usd(expected)));

test.each([
  ["13 calls against a design of 6", "130", 13, 6, "70.00006"], // 1 − 6/13 = 538,462 ppm
  ["at the design", "50", 6, 6, "0"],
  ["no design", "50", 20, 0, "0"],
])("loopSaving: %s", (_n, cost, per, design, expected) => expect(loopSaving(usd(cost), per, design).saving).toBe(usd(expected)));

test("zombieSaving: the unattended share", () => expect(zombieSaving(usd("7.28"), 0.85)).toBe(usd("6.188")));

test("throttleSaving: tenants without a throttle model or already cheaper add nothing", () => {
  expect(
    throttleSaving([
      { cost: usd("5"), atThrottleModel: usd("1") },
      { cost: usd("3"), atThrottleModel: null },
      { cost: usd("1"), atThrottleModel: usd("2") },
    ]),
  ).toBe(usd("4"));
});

test.each([
  ["cost fell", "100", "60", "40"],
  ["cost rose", "100", "120", "-20"],
])("realisedSaving: %s", (_n, base, after, expected) => expect(realisedSaving(usd(base), usd(after))).toBe(usd(expected)));
