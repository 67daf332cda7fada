/**
 * A fixed cost covers [periodStart, periodEnd) (UTC dates, end exclusive) and is spread
 * evenly per day. Each day's share is rounded to whole picodollars by largest remainder so
 * that the days add up exactly to the amount; a month's share is the sum of its days.
 * Pure.
 */
import { splitByWeights } from "../money/largest-remainder";
import { daysBetween, utcDay } from "../time";

/** pico per day, keyed "YYYY-MM-DD"; empty when the period is empty. */
export function spreadByDay(amount: bigint, periodStart: Date, periodEnd: Date): Map<string, bigint> {
  const days = daysBetween(periodStart, periodEnd);
  if (days.length === 0) return new Map();
  return splitByWeights(
    amount,
    days.map((key) => ({ key, value: 1n })),
  );
}

/** The part of a fixed cost that falls in [from, to). */
export function amountInRange(amount: bigint, periodStart: Date, periodEnd: Date, from: Date, to: Date): bigint {
  const lo = utcDay(from);
  const hi = utcDay(to);
  let s = 0n;
  for (const [day, v] of spreadByDay(amount, periodStart, periodEnd)) if (day >= lo && day < hi) s += v;
  return s;
}
