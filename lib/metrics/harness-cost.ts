import { divHalfEven, type Pico } from "../money";
import { DAY_MS as DAY } from "../time";

/**
 * Unit economics layer 2: fixed and shared costs allocated to features for a period.
 * - A FixedCost spans [periodStart, periodEnd) and is spread evenly per day; the part that
 *   overlaps [from, to) is amount × overlap days / span days (half-even to the picodollar).
 * - allocationRule "direct" with allocation { feature: "x" } goes wholly to feature x.
 * - Everything else (proportional, even, percentages, direct to a team) is shared among the
 *   features by their share of direct (inference) cost in the period, largest remainder so
 *   the shares add up exactly. Team-level allocation belongs to chargeback, not here.
 * Nothing is allocated when no feature had direct cost (the shared part is then reported
 * as unallocated).
 */
export type FixedCostRow = {
  id: string;
  amount: Pico;
  periodStart: Date; // inclusive, a UTC day
  periodEnd: Date; // exclusive
  allocationRule: string;
  allocation: unknown;
};

export function overlapDays(aStart: Date, aEnd: Date, bStart: Date, bEnd: Date): number {
  const s = Math.max(aStart.getTime(), bStart.getTime());
  const e = Math.min(aEnd.getTime(), bEnd.getTime());
  return e > s ? Math.round((e - s) / DAY) : 0;
}

export function proRata(row: FixedCostRow, from: Date, to: Date): Pico {
  const span = Math.round((row.periodEnd.getTime() - row.periodStart.getTime()) / DAY);
  if (span <= 0) return 0n;
  const days = overlapDays(row.periodStart, row.periodEnd, from, to);
  return divHalfEven(row.amount * BigInt(days), BigInt(span));
}

function directFeature(row: FixedCostRow): string | null {
  if (row.allocationRule !== "direct") return null;
  const a = row.allocation as { feature?: unknown } | null;
  return a && typeof a.feature === "string" ? a.feature : null;
}

/** Splits `amount` by weights with the largest-remainder method (ties: key order). */
export function splitByWeights(amount: Pico, weights: ReadonlyMap<string, Pico>): Map<string, Pico> {
  const out = new Map<string, Pico>();
  let total = 0n;
  for (const w of weights.values()) total += w > 0n ? w : 0n;
  if (total === 0n) return out;
  const keys = [...weights.keys()].filter((k) => weights.get(k)! > 0n).sort();
  let given = 0n;
  const rem: { key: string; r: bigint }[] = [];
  for (const k of keys) {
    const num = amount * weights.get(k)!;
    const q = num / total;
    out.set(k, q);
    given += q;
    rem.push({ key: k, r: num % total });
  }
  rem.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.key.localeCompare(b.key)));
  for (let i = 0; given < amount && i < rem.length; i++, given++) out.set(rem[i].key, out.get(rem[i].key)! + 1n);
  return out;
}

export function allocateHarnessCost(
  fixed: readonly FixedCostRow[],
  directCostByFeature: ReadonlyMap<string, Pico>,
  from: Date,
  to: Date,
): { byFeature: Map<string, Pico>; unallocated: Pico; total: Pico } {
  const byFeature = new Map<string, Pico>();
  let shared = 0n;
  let total = 0n;
  for (const row of fixed) {
    const part = proRata(row, from, to);
    if (part === 0n) continue;
    total += part;
    const f = directFeature(row);
    if (f) byFeature.set(f, (byFeature.get(f) ?? 0n) + part);
    else shared += part;
  }
  const split = splitByWeights(shared, directCostByFeature);
  let allocated = 0n;
  for (const [k, v] of split) {
    byFeature.set(k, (byFeature.get(k) ?? 0n) + v);
    allocated += v;
  }
  return { byFeature, unallocated: shared - allocated, total };
}
