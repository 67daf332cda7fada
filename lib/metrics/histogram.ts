import type { Pico } from "../money";

/**
 * Histogram of interaction costs: `buckets` equal-width buckets over [0, upper), plus one
 * overflow bucket [upper, ∞) so that a long tail does not squash the chart. `upper` is the
 * feature's p99 (or its max when p99 is 0). Same rule as PostgreSQL's
 * `width_bucket(cost, 0, upper, buckets)`: bucket i (1-based) holds [(i−1)·w, i·w), w = upper/buckets.
 */
export type Bucket = { from: Pico; to: Pico | null; count: number };

export function bucketIndex(value: Pico, upper: Pico, buckets: number): number {
  if (upper <= 0n) return 1;
  if (value < 0n) return 0;
  if (value >= upper) return buckets + 1;
  // floor(value × buckets / upper) + 1, in integers
  return Number((value * BigInt(buckets)) / upper) + 1;
}

export function bucketEdges(upper: Pico, buckets: number): Bucket[] {
  if (upper <= 0n) return [{ from: 0n, to: null, count: 0 }];
  const out: Bucket[] = [];
  for (let i = 0; i < buckets; i++) {
    out.push({ from: (upper * BigInt(i)) / BigInt(buckets), to: (upper * BigInt(i + 1)) / BigInt(buckets), count: 0 });
  }
  out.push({ from: upper, to: null, count: 0 });
  return out;
}

/** Fills bucket edges from (index, count) pairs (as returned by SQL or by `histogram`). */
export function fillBuckets(upper: Pico, buckets: number, counts: Iterable<[number, number]>): Bucket[] {
  const edges = bucketEdges(upper, buckets);
  for (const [idx, count] of counts) {
    const i = upper <= 0n ? 0 : Math.min(Math.max(idx, 1), buckets + 1) - 1;
    edges[i].count += count;
  }
  // drop an empty overflow bucket: nothing lies past the upper edge
  if (edges.length > 1 && edges[edges.length - 1].count === 0) edges.pop();
  return edges;
}

export function histogram(values: readonly Pico[], upper: Pico, buckets = 20): Bucket[] {
  const counts = new Map<number, number>();
  for (const v of values) {
    const i = bucketIndex(v, upper, buckets);
    counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return fillBuckets(upper, buckets, counts);
}
