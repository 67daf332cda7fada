import { divHalfEven, type Pico } from "../money";

/**
 * Freemium trap (docs/metrics.md): a free tenant's cost during its first 30 days — the window
 * [first event, first event + 30 × 24 h), end exclusive — against the tier's predicted LTV.
 * Trapped = cost30d > LTV, strictly (a tenant exactly at its LTV is not trapped).
 */
export const WINDOW_MS = 30 * 24 * 3600 * 1000;

export function freemiumWindow(firstEventAt: Date): { start: Date; end: Date } {
  return { start: firstEventAt, end: new Date(firstEventAt.getTime() + WINDOW_MS) };
}

export function inFreemiumWindow(firstEventAt: Date, at: Date): boolean {
  const t = at.getTime();
  return t >= firstEventAt.getTime() && t < firstEventAt.getTime() + WINDOW_MS;
}

export function isTrapped(cost30d: Pico, predictedLtv: Pico): boolean {
  return cost30d > predictedLtv;
}

/** Sum of a tenant's event costs inside its window (reference implementation over raw rows). */
export function cost30d(firstEventAt: Date, events: readonly { at: Date; cost: Pico }[]): Pico {
  let s = 0n;
  for (const e of events) if (inFreemiumWindow(firstEventAt, e.at)) s += e.cost;
  return s;
}

/**
 * Subsidy ratio: what the free tier costs against what the paid tiers bring in over the same
 * period. Paid revenue = Σ over paid tiers of monthly price × tenants active in the period ×
 * (period days / 30). null when there is no paid revenue (nothing to subsidise from).
 */
export function paidRevenue(tiers: readonly { monthlyPrice: Pico; activeTenants: number }[], periodDays: number): Pico {
  let s = 0n;
  for (const t of tiers) s += t.monthlyPrice * BigInt(t.activeTenants) * BigInt(periodDays);
  return divHalfEven(s, 30n);
}

export function subsidyRatio(freeCost: Pico, revenue: Pico): number | null {
  if (revenue <= 0n) return null;
  return Number((freeCost * 1_000_000n) / revenue) / 1_000_000;
}

export function trappedShare(trapped: number, tenants: number): number | null {
  return tenants > 0 ? trapped / tenants : null;
}
