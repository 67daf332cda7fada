/**
 * Timestamps for tests whose subject reads the real clock (budget month-to-date, guardrail
 * spend): `msAgo` before now, but never before the start of the current UTC month, so a test
 * run in the first minutes of a month does not put its events in the previous month.
 */
export function recentInThisMonth(msAgo: number, now = Date.now()): string {
  const d = new Date(now);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  return new Date(Math.max(now - msAgo, monthStart)).toISOString();
}
