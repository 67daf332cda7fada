/**
 * Calendar arithmetic, in UTC, for the whole app (server and browser). Days are "YYYY-MM-DD"
 * strings, months "YYYY-MM"; periods are [from, to) with `to` exclusive. Pure: every function
 * that needs "now" takes it as an argument with a default, so tests pass a fixed clock.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The UTC day of an instant: "YYYY-MM-DD". */
export function utcDay(t: Date | number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Midnight UTC of a day, in ms. */
export function dayStartMs(day: string): number {
  return Date.parse(day + "T00:00:00Z");
}

/** `day` moved by `n` days (negative: back). */
export function addDays(day: string, n: number): string {
  return utcDay(dayStartMs(day) + n * DAY_MS);
}

/** Whole days from `from` to `to` (days as strings or instants; may be negative). */
export function dayCount(from: string | Date, to: string | Date): number {
  const ms = (x: string | Date) => (typeof x === "string" ? dayStartMs(x) : x.getTime());
  return Math.round((ms(to) - ms(from)) / DAY_MS);
}

/**
 * The days of [from, to): from the UTC day of `from` while before `to`. Strings are days
 * (`to` exclusive); a Date `to` that is not midnight includes its own day.
 */
export function daysBetween(from: string | Date, to: string | Date): string[] {
  const start = typeof from === "string" ? dayStartMs(from) : dayStartMs(utcDay(from));
  const end = typeof to === "string" ? dayStartMs(to) : to.getTime();
  const out: string[] = [];
  for (let t = start; t < end; t += DAY_MS) out.push(utcDay(t));
  return out;
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
  return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** The UTC month of an instant: "YYYY-MM". */
export function utcMonth(t: Date | number): string {
  return new Date(t).toISOString().slice(0, 7);
}

/** A resolved period: `to` exclusive. */
export type Period = { from: string; to: string; days: number };

export const DEFAULT_PERIOD_DAYS = 30;

/**
 * The period a dashboard shows, on the server and in the filter bar alike: both given → as
 * given; only `from` → 30 days from it; only `to` → 30 days before it; neither → the 30 days
 * ending today (UTC), i.e. `to` = tomorrow.
 */
export function resolvePeriod(q: { from?: string; to?: string }, now: Date = new Date()): Period {
  const to = q.to ?? (q.from ? addDays(q.from, DEFAULT_PERIOD_DAYS) : addDays(utcDay(now), 1));
  const from = q.from ?? addDays(to, -DEFAULT_PERIOD_DAYS);
  return { from, to, days: dayCount(from, to) };
}
