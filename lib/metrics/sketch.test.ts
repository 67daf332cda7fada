import { describe, expect, test } from "vitest";
import { bucketOf, bucketValue, CostSketch, SKETCH_ALPHA } from "./sketch";

/** PostgreSQL's percentile_cont over sorted values. */
function percentileCont(sorted: Float64Array, q: number): number {
  const r = q * (sorted.length - 1);
  const k = Math.floor(r);
  return k + 1 < sorted.length ? sorted[k] + (r - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** heavy tail: lognormal body (median ≈ $0.004) with a Pareto tail (α = 1.2) on 5 %, 1 % zero-cost */
function heavyTailed(r: () => number): number {
  const u = r();
  if (u < 0.01) return 0;
  if (u < 0.06) return 0.05 * Math.pow(1 - r(), -1 / 1.2);
  const z = Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return Math.round(Math.exp(Math.log(0.004) + 1.3 * z) * 1e12) / 1e12;
}

const QS = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];

describe("cost sketch: relative error ≤ α against percentile_cont", () => {
  test.each([1e-12, 3.7e-9, 0.000123, 0.004, 1, 1.0100502512562815, 99.99, 123456.789])("bucket of %s reports it within α", (c) => {
    const v = bucketValue(bucketOf(c)!);
    expect(Math.abs(v - c)).toBeLessThanOrEqual(SKETCH_ALPHA * c * (1 + 1e-12));
  });

  test("zero and negative costs have no bucket and read as exactly 0", () => {
    expect(bucketOf(0)).toBeNull();
    expect(bucketOf(-1)).toBeNull();
    expect(new CostSketch().add(0).add(0).quantiles([0.5])).toEqual([0]);
    expect(new CostSketch().quantiles([0.5])).toEqual([null]);
  });

  test("1,000,000 heavy-tailed interactions that grow across batches and move between days", () => {
    const r = rng(42);
    const N = 1_000_000;
    const DAYS = 10;
    const cost = new Float64Array(N);
    const day = new Uint8Array(N);
    // per-day sketches maintained like ingestion: a growing session moves from its old bucket
    // to its new one; an earlier first event moves it to another day
    const perDay = Array.from({ length: DAYS }, () => new CostSketch());
    for (let i = 0; i < N; i++) {
      cost[i] = heavyTailed(r);
      day[i] = Math.floor(r() * DAYS);
      perDay[day[i]].add(cost[i]);
    }
    for (let i = 0; i < N; i += 3) {
      // a later batch adds 1–3 events to a third of the sessions
      const steps = 1 + Math.floor(r() * 3);
      for (let s = 0; s < steps; s++) {
        const from = day[i];
        perDay[from].add(cost[i], -1);
        cost[i] = cost[i] + heavyTailed(r) / 4;
        if (r() < 0.05 && day[i] > 0) day[i] -= 1; // out of order: an earlier first event
        perDay[day[i]].add(cost[i], 1);
      }
    }
    const merged = new CostSketch();
    for (const d of perDay) merged.mergeRow(d.zeros, null, null);
    for (const d of perDay) for (const [b, c] of d.buckets) merged.addBucket(b, c);
    expect(merged.count()).toBe(N);

    // the maintained sketch equals one built from the final costs
    const direct = new CostSketch();
    for (let i = 0; i < N; i++) direct.add(cost[i]);
    expect(merged.zeros).toBe(direct.zeros);
    expect(new Map([...merged.buckets].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...direct.buckets].sort((a, b) => a[0] - b[0])));

    const sorted = Float64Array.from(cost).sort();
    const max = sorted[N - 1];
    const est = merged.quantiles(QS, max);
    QS.forEach((q, k) => {
      const exact = percentileCont(sorted, q);
      expect(Math.abs(est[k]! - exact), `q=${q}: sketch ${est[k]} vs exact ${exact}`).toBeLessThanOrEqual(
        SKETCH_ALPHA * exact * (1 + 1e-9),
      );
    });
    // the per-day curve too
    for (let d = 0; d < DAYS; d++) {
      const vals = Float64Array.from(cost.filter((_, i) => day[i] === d)).sort();
      const [p50, p90] = perDay[d].quantiles([0.5, 0.9]);
      for (const [q, v] of [
        [0.5, p50],
        [0.9, p90],
      ] as const) {
        const exact = percentileCont(vals, q);
        expect(Math.abs(v! - exact)).toBeLessThanOrEqual(SKETCH_ALPHA * exact * (1 + 1e-9));
      }
    }
  });

  test("a stored row (zeros, lo, dense counts) merges like the buckets it holds", () => {
    const a = new CostSketch().mergeRow(2, -5, [1, 0, 3]);
    expect(a.zeros).toBe(2);
    expect([...a.buckets]).toEqual([
      [-5, 1],
      [-3, 3],
    ]);
    expect(a.count()).toBe(6);
  });
});
