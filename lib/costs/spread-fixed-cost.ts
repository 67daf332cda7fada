/**
 * A fixed cost covers [periodStart, periodEnd) (UTC dates, end exclusive) and is spread
 * evenly per day. Each day's share is rounded to whole picodollars by largest remainder so
 * that the days add up exactly to the amount; a month's share is the sum of its days.
 * Pure.
 */
import { splitByWeights } from "../chargeback/largest-remainder";

const DAY_MS = 86_400_000;

export function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function daysBetween(start: Date, end: Date): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()); t < end.getTime(); t += DAY_MS) {
    out.push(utcDay(new Date(t)));
  }
  return out;
}

/** pico per day, keyed "YYYY-MM-DD"; empty when the period is empty. */
export function spreadByDay(amount: bigint, periodStart: Date, periodEnd: Date): Map<string, bigint> {
  const days = daysBetween(periodStart, periodEnd);
  if (days.length === 0) return new Map();
  return splitByWeights(amount, days.map((key) => ({ key, value: 1n })));
}

/** The part of a fixed cost that falls in [from, to). */
export function amountInRange(amount: bigint, periodStart: Date, periodEnd: Date, from: Date, to: Date): bigint {
  const lo = utcDay(from);
  const hi = utcDay(to);
  let s = 0n;
  for (const [day, v] of spreadByDay(amount, periodStart, periodEnd)) if (day >= lo && day < hi) s += v;
  return s;
}

/** [first day of month, first day of next month) for "YYYY-MM". */
export function monthRange(month: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  return { from: new Date(Date.UTC(y, mo, 1)), to: new Date(Date.UTC(y, mo + 1, 1)) };
}

export function previousMonth(month: string): string {
  const { from } = monthRange(month);
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}
