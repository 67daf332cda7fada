/**
 * DDSketch-style cost-per-interaction sketch (decision 012), the reading side of the
 * InteractionStats rollup. Bucket i holds costs in (γ^(i−1), γ^i] with γ = (1 + α)/(1 − α);
 * the value reported for bucket i is 2γ^i/(γ + 1), within a relative error α of every cost in
 * it. Costs ≤ 0 are counted apart (the zero bucket, reported as exactly 0).
 * The bucket index is computed in SQL by spendline_sketch_bucket (migration
 * 20261128212916_read_rollups, which cannot import this constant: it spells γ as 1.005/0.995);
 * tests/rollups/sql-agrees.test.ts checks that both give the same bucket over a table of costs.
 * Here it is used by tests and to fill sketches from plain numbers. γ is defined only here.
 */
export const SKETCH_ALPHA = 0.005;
export const SKETCH_GAMMA = (1 + SKETCH_ALPHA) / (1 - SKETCH_ALPHA);
const LN_GAMMA = Math.log(SKETCH_GAMMA);

/** Cohorts up to this many interactions are answered exactly (percentile_cont); see decision 012. */
export const EXACT_PERCENTILE_MAX = 20_000;

export type PercentileMethod = "exact" | "sketch";

export function bucketOf(cost: number): number | null {
  return cost > 0 ? Math.ceil(Math.log(cost) / LN_GAMMA) : null;
}

export function bucketValue(i: number): number {
  return (2 * Math.pow(SKETCH_GAMMA, i)) / (SKETCH_GAMMA + 1);
}

export class CostSketch {
  zeros = 0;
  readonly buckets = new Map<number, number>();

  add(cost: number, n = 1): this {
    const b = bucketOf(cost);
    if (b === null) this.zeros += n;
    else this.addBucket(b, n);
    return this;
  }

  addBucket(i: number, n: number): void {
    const v = (this.buckets.get(i) ?? 0) + n;
    if (v === 0) this.buckets.delete(i);
    else this.buckets.set(i, v);
  }

  /** Merges a stored row: `zeros`, and `counts[k]` interactions in bucket lo + k. */
  mergeRow(zeros: number, lo: number | null, counts: readonly number[] | null): this {
    this.zeros += zeros;
    if (lo !== null && counts) for (let k = 0; k < counts.length; k++) if (counts[k]) this.addBucket(lo + k, counts[k]);
    return this;
  }

  count(): number {
    let n = this.zeros;
    for (const c of this.buckets.values()) n += c;
    return n;
  }

  /**
   * Continuous percentiles like PostgreSQL's percentile_cont (linear interpolation between the
   * order statistics around q·(n − 1)), each order statistic read as its bucket's value: a
   * convex combination of values within α of the true ones is within α of the true result.
   * `max` (exact, when known) caps the answer. null for an empty sketch.
   */
  quantiles(qs: readonly number[], max?: number): (number | null)[] {
    const n = this.count();
    if (n === 0) return qs.map(() => null);
    const sorted = [...this.buckets.entries()].sort((a, b) => a[0] - b[0]);
    // value of the order statistic of (0-based) rank r
    const at = (r: number): number => {
      if (r < this.zeros) return 0;
      let seen = this.zeros;
      for (const [i, c] of sorted) {
        seen += c;
        if (r < seen) return bucketValue(i);
      }
      return bucketValue(sorted[sorted.length - 1][0]);
    };
    return qs.map((q) => {
      const r = q * (n - 1);
      const k = Math.floor(r);
      const lo = at(k);
      const v = r > k ? lo + (r - k) * (at(k + 1) - lo) : lo;
      return max !== undefined && v > max ? max : v;
    });
  }

  /** [value, count] per non-empty bucket, zero bucket first (for histograms). */
  entries(): [number, number][] {
    const out: [number, number][] = this.zeros ? [[0, this.zeros]] : [];
    for (const [i, c] of [...this.buckets.entries()].sort((a, b) => a[0] - b[0])) out.push([bucketValue(i), c]);
    return out;
  }
}
