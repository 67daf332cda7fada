/**
 * Chart preparers ("prepare, then draw": charts only draw what a preparer decided): every decision about what a chart shows
 * lives here. Additive series (cost, events) get 0 for a missing day; rates and averages get
 * null (a visible gap: "no data" is not "zero"). Top-N keeps the N largest by total and folds
 * the rest into "other".
 */
import { daysBetween, DAY_MS } from "../time";

export const OTHER = "other";
export { daysBetween };

/** Keys of the N largest totals, largest first (ties by key), and whether an "other" is needed. */
export function topKeys<T>(
  rows: readonly T[],
  key: (r: T) => string,
  value: (r: T) => bigint,
  n: number,
): { keys: string[]; hasOther: boolean } {
  const totals = new Map<string, bigint>();
  for (const r of rows) totals.set(key(r), (totals.get(key(r)) ?? 0n) + value(r));
  const sorted = [...totals.entries()].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : a[0].localeCompare(b[0])));
  return { keys: sorted.slice(0, n).map(([k]) => k), hasOther: sorted.length > n };
}

export type StackedPoint = { day: string; total: bigint; by: Record<string, bigint> };

/** Daily stacked series: every day of [from, to), top-N keys + "other", zero-filled. */
export function stackedDaily(
  rows: readonly { day: string; key: string; value: bigint }[],
  from: string,
  to: string,
  n: number,
): { keys: string[]; points: StackedPoint[] } {
  const { keys, hasOther } = topKeys(
    rows,
    (r) => r.key,
    (r) => r.value,
    n,
  );
  const allKeys = hasOther ? [...keys, OTHER] : keys;
  const kept = new Set(keys);
  const byDay = new Map<string, StackedPoint>();
  for (const day of daysBetween(from, to)) {
    byDay.set(day, { day, total: 0n, by: Object.fromEntries(allKeys.map((k) => [k, 0n])) });
  }
  for (const r of rows) {
    const p = byDay.get(r.day);
    if (!p) continue;
    const k = kept.has(r.key) ? r.key : OTHER;
    p.by[k] += r.value;
    p.total += r.value;
  }
  return { keys: allKeys, points: [...byDay.values()] };
}

/** Additive daily series: missing days are 0. */
export function fillDailyZero(rows: readonly { day: string; value: bigint }[], from: string, to: string): { day: string; value: bigint }[] {
  const m = new Map<string, bigint>();
  for (const r of rows) m.set(r.day, (m.get(r.day) ?? 0n) + r.value);
  return daysBetween(from, to).map((day) => ({ day, value: m.get(day) ?? 0n }));
}

/** Rate/average daily series: missing days are null (a gap in the line). */
export function fillDailyNull<T>(rows: readonly { day: string; value: T }[], from: string, to: string): { day: string; value: T | null }[] {
  const m = new Map(rows.map((r) => [r.day, r.value]));
  return daysBetween(from, to).map((day) => ({ day, value: m.has(day) ? m.get(day)! : null }));
}

/** Top N rows by a value with the remainder summed into one "other" row. */
export function topNWithOther<T extends { key: string; value: bigint }>(
  rows: readonly T[],
  n: number,
  makeOther: (value: bigint, count: number) => T,
): T[] {
  const sorted = [...rows].sort((a, b) => (b.value > a.value ? 1 : b.value < a.value ? -1 : a.key.localeCompare(b.key)));
  if (sorted.length <= n) return sorted;
  const rest = sorted.slice(n);
  return [
    ...sorted.slice(0, n),
    makeOther(
      rest.reduce((s, r) => s + r.value, 0n),
      rest.length,
    ),
  ];
}

/** Monday (UTC) of the ISO week containing `day` (YYYY-MM-DD). */
export function weekStart(day: string): string {
  const d = new Date(day + "T00:00:00Z");
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * DAY_MS).toISOString().slice(0, 10);
}
