/**
 * Largest-remainder rounding (docs/metrics.md "Chargeback"): split exact amounts into whole units so
 * that the parts add up exactly to a given total. Used twice:
 *  - rounding each chargeback money column to 6 decimals (unit = 1 micro-dollar = 10^6 pUSD),
 *    the column total being the exact column sum rounded half-even once;
 *  - allocating an exact amount over weights at picodollar precision (unit = 1 pUSD).
 * Ties (equal remainders) go to the key that sorts first alphabetically.
 * Pure: no Prisma, no Next.
 */
import { divHalfEven } from "./index";

export type Part = { key: string; value: bigint };

/**
 * Rounds non-negative `parts` (in pico) to multiples of `unit` so that they sum to
 * `target` (in pico, a multiple of unit; default: the exact sum rounded half-even to unit).
 */
export function roundLargestRemainder(parts: Part[], unit: bigint, target?: bigint): Map<string, bigint> {
  const exactSum = parts.reduce((s, p) => s + p.value, 0n);
  const total = target ?? divHalfEven(exactSum, unit) * unit;
  if (total % unit !== 0n) throw new RangeError("target must be a multiple of unit");
  const out = new Map<string, bigint>();
  const rems: { key: string; rem: bigint }[] = [];
  let floorSum = 0n;
  for (const p of parts) {
    if (p.value < 0n) throw new RangeError(`negative part "${p.key}"`);
    const floor = (p.value / unit) * unit;
    out.set(p.key, floor);
    floorSum += floor;
    rems.push({ key: p.key, rem: p.value - floor });
  }
  let left = (total - floorSum) / unit;
  if (left < 0n || left > BigInt(parts.length)) {
    throw new RangeError(`target ${total} cannot be reached from parts summing to ${exactSum}`);
  }
  rems.sort((a, b) => (a.rem === b.rem ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.rem > b.rem ? -1 : 1));
  for (const r of rems) {
    if (left === 0n) break;
    out.set(r.key, out.get(r.key)! + unit);
    left -= 1n;
  }
  return out;
}

/**
 * Splits `amount` pico over `weights` (non-negative, not all zero) at pico precision: the
 * shares are exact rationals amount × w / Σw, then rounded by largest remainder so that
 * they sum exactly to `amount`.
 */
export function splitByWeights(amount: bigint, weights: Part[]): Map<string, bigint> {
  const wsum = weights.reduce((s, w) => s + w.value, 0n);
  if (wsum <= 0n) throw new RangeError("weights must not all be zero");
  // scale by wsum to keep the exact rational: part_i = amount*w_i / wsum (in pico). Work in
  // units of 1/wsum pico, then round to whole pico with the same largest-remainder rule.
  const scaled = weights.map((w) => ({ key: w.key, value: amount * w.value }));
  const rounded = roundLargestRemainder(scaled, wsum, amount * wsum);
  const out = new Map<string, bigint>();
  for (const [k, v] of rounded) out.set(k, v / wsum);
  return out;
}
