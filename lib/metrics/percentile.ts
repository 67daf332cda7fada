import { divHalfEven, type Pico } from "../money";

/**
 * Continuous percentile, PostgreSQL's `percentile_cont`: rank h = p × (n − 1) over the
 * sorted values (0-based); the answer interpolates linearly between the values at floor(h)
 * and ceil(h). Exact over picodollars: p is taken with 6 decimals (0.9 → 900000/10^6) and the
 * interpolation is rounded half-even to one picodollar. Empty input → null (SQL's NULL).
 */
const P_SCALE = 1_000_000n;

export function percentileCont(values: readonly Pico[], p: number): Pico | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile must be in [0, 1], got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return percentileContSorted(sorted, p);
}

export function percentileContSorted(sorted: readonly Pico[], p: number): Pico | null {
  const n = BigInt(sorted.length);
  if (n === 0n) return null;
  const pScaled = BigInt(Math.round(p * 1e6));
  const hNum = pScaled * (n - 1n); // h = hNum / P_SCALE
  const lo = hNum / P_SCALE;
  const fracNum = hNum % P_SCALE;
  const a = sorted[Number(lo)];
  if (fracNum === 0n) return a;
  const b = sorted[Number(lo) + 1];
  return a + divHalfEven((b - a) * fracNum, P_SCALE);
}

/** Plain numbers (token counts, ratios): same rule, float result. */
export function percentileContNumber(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((x, y) => x - y);
  const h = p * (s.length - 1);
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return s[lo] + (s[hi] - s[lo]) * (h - lo);
}

export type Distribution = {
  count: number;
  total: Pico;
  mean: Pico | null;
  p50: Pico | null;
  p90: Pico | null;
  p99: Pico | null;
  max: Pico | null;
};

/** count, total, mean (half-even to the picodollar), p50/p90/p99, max. */
export function distribution(values: readonly Pico[]): Distribution {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let total = 0n;
  for (const v of sorted) total += v;
  const n = sorted.length;
  return {
    count: n,
    total,
    mean: n ? divHalfEven(total, BigInt(n)) : null,
    p50: percentileContSorted(sorted, 0.5),
    p90: percentileContSorted(sorted, 0.9),
    p99: percentileContSorted(sorted, 0.99),
    max: n ? sorted[n - 1] : null,
  };
}
