/**
 * Budget thresholds (percent of the monthly limit; default 50/80/100). Pure.
 * A threshold is reached when spent ≥ limit × pct / 100 (exact, in pico).
 */
export const DEFAULT_THRESHOLDS = [50, 80, 100];

export function thresholdsReached(spentPico: bigint, limitPico: bigint, thresholds: number[]): number[] {
  if (limitPico <= 0n) return [];
  return [...thresholds].sort((a, b) => a - b).filter((pct) => spentPico * 100n >= limitPico * BigInt(pct));
}

/** Thresholds crossed going from `before` to `after` (each alerts once per month). */
export function thresholdsCrossed(beforePico: bigint, afterPico: bigint, limitPico: bigint, thresholds: number[]): number[] {
  const was = new Set(thresholdsReached(beforePico, limitPico, thresholds));
  return thresholdsReached(afterPico, limitPico, thresholds).filter((t) => !was.has(t));
}
