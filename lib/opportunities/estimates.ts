/**
 * The arithmetic of each savings estimate (docs/decisions/024). Pure: exact picodollars and
 * token counts in, picodollars out. Every function states what it assumes; the caller shows
 * the same assumptions as the estimate's basis.
 */
import { costOf } from "../pricing/price-event";
import { divHalfEven, type Pico } from "../money";

/** Rates in picodollars per million tokens (price-event.ts convention). */
export type PicoRates = { input: Pico; output: Pico; cached: Pico; cacheWrite: Pico };

/**
 * Token sums of one rollup group (e.g. one day × feature × model). Pricing is linear in each
 * token type, so the cost of the sum equals the sum of per-event costs up to the per-event
 * half-even rounding to 1 picodollar (≤ 0.5 pico per event, far below a cent-millionth).
 */
export type TokenSums = { inputTokens: bigint; outputTokens: bigint; cachedInputTokens: bigint; cacheWriteTokens: bigint };

export function priceSums(t: TokenSums, r: PicoRates): Pico {
  // sums of a 30-day window stay far below 2^53 tokens: the event pricer's formula applies as is
  const n = (x: bigint) => Number(x);
  return costOf(
    {
      inputTokens: n(t.inputTokens),
      outputTokens: n(t.outputTokens),
      cachedInputTokens: n(t.cachedInputTokens),
      cacheWriteTokens: n(t.cacheWriteTokens),
    },
    r,
  );
}

/** Model switch: what the feature paid minus what the same token vectors cost at the candidate's rates. */
export function modelSwitchSaving(currentCost: Pico, candidateCost: Pico): Pico {
  return currentCost > candidateCost ? currentCost - candidateCost : 0n;
}

const PPM = 1_000_000n;
/** A share in [0, 1] as parts per million (exact integer arithmetic downstream). */
export function ppm(share: number): bigint {
  if (!Number.isFinite(share) || share <= 0) return 0n;
  return BigInt(Math.round(Math.min(1, share) * 1_000_000));
}

/**
 * Prompt caching at a stated hit rate: input tokens that would be read from the cache beyond
 * those already cached, priced at (input rate − cache-read rate). The cache-write surcharge
 * (Anthropic) is not in the figure: the caller excludes providers whose cache needs paid writes.
 */
export function cachingSaving(x: {
  inputTokens: bigint;
  cachedInputTokens: bigint;
  cacheWriteTokens: bigint;
  targetHitRate: number;
  inputRate: Pico;
  cachedRate: Pico;
}): { extraCachedTokens: bigint; saving: Pico } {
  const target = (x.inputTokens * ppm(x.targetHitRate)) / PPM;
  const room = x.inputTokens - x.cachedInputTokens - x.cacheWriteTokens;
  let extra = target - x.cachedInputTokens;
  if (extra < 0n) extra = 0n;
  if (extra > room) extra = room;
  const perTok = x.inputRate - x.cachedRate;
  return { extraCachedTokens: extra, saving: perTok > 0n ? divHalfEven(extra * perTok, 1_000_000n) : 0n };
}

/** Nearest-rank percentile of a sorted ascending list (q in (0, 1]). */
export function nearestRank(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export const OUTPUT_TAIL_RATIO = 2.5; // p99 ≥ 2.5 × p50: a tail a max_tokens limit would cut

/**
 * Output cap at the p95: the share of output tokens above the cap in the sample, applied to the
 * feature's output-token cost of the period. Assumes the capped answers keep their value (the
 * change request asks the owner to check that the tail is verbosity, not needed content).
 */
export function outputCapEstimate(
  sample: readonly number[],
  outputCost: Pico,
): { p50: number; p95: number; p99: number; cutShare: number; fires: boolean; saving: Pico } | null {
  if (sample.length < 50) return null;
  const s = [...sample].sort((a, b) => a - b);
  const p50 = nearestRank(s, 0.5)!,
    p95 = nearestRank(s, 0.95)!,
    p99 = nearestRank(s, 0.99)!;
  let total = 0,
    cut = 0;
  for (const o of s) {
    total += o;
    if (o > p95) cut += o - p95;
  }
  const cutShare = total > 0 ? cut / total : 0;
  const fires = p50 > 0 && p99 >= OUTPUT_TAIL_RATIO * p50;
  return { p50, p95, p99, cutShare, fires, saving: fires ? (outputCost * ppm(cutShare)) / PPM : 0n };
}

/** Batch pricing: the unattended share of the cost at the provider's batch discount. */
export function batchSaving(cost: Pico, unattendedShare: number, discountPercent: number): Pico {
  return (((cost * ppm(unattendedShare)) / PPM) * BigInt(Math.round(discountPercent * 100))) / 10_000n;
}

/**
 * Agentic loop capped at the design estimate: calls beyond `designCalls` per interaction are
 * the excess; each costs the feature's mean cost per call. callsPer = events / interactions.
 */
export function loopSaving(cost: Pico, callsPerInteraction: number, designCalls: number): { excessShare: number; saving: Pico } {
  if (!(callsPerInteraction > designCalls) || designCalls <= 0) return { excessShare: 0, saving: 0n };
  const excessShare = 1 - designCalls / callsPerInteraction;
  return { excessShare, saving: (cost * ppm(excessShare)) / PPM };
}

/** Zombie retirement: the unattended (no user) share of the feature's cost stops. */
export function zombieSaving(cost: Pico, unattendedShare: number): Pico {
  return (cost * ppm(unattendedShare)) / PPM;
}

/** Free-tier throttling: trapped tenants' cost minus the same tokens at the throttle model. */
export function throttleSaving(tenants: readonly { cost: Pico; atThrottleModel: Pico | null }[]): Pico {
  let s = 0n;
  for (const t of tenants) if (t.atThrottleModel !== null && t.cost > t.atThrottleModel) s += t.cost - t.atThrottleModel;
  return s;
}

/** Realised saving: the baseline month minus the 30 days after the change (negative when cost rose). */
export function realisedSaving(baseline: Pico, after: Pico): Pico {
  return baseline - after;
}
