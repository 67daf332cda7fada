import { DAY_MS } from "../time";
/**
 * Quota pacing: burn-down of a monthly token or spend allocation and its projected exhaustion,
 * the early warning a provider's 429 never gives. Pure; the guardrails call it with the
 * month-to-date use their snapshot already has (see docs/decisions/023-contracts.md).
 */
export type QuotaPacingInput = {
  /** monthly allocation, in the quota's unit (tokens, or dollars) */
  limit: number;
  /** used since the first of the month (UTC), same unit */
  used: number;
  now: Date;
};

export type QuotaPacing = {
  used_share: number;
  /** projected use at the end of the month at the month-to-date pace */
  projected_month_total: number;
  /** when the allocation runs out at the current pace; null when it lasts the month */
  projected_exhaustion: string | null;
  /** true when the projection runs out before the month ends: the guardrail downgrades */
  exhausts_before_month_end: boolean;
  action: "allow" | "downgrade" | "block";
  /** what is left per remaining day to last the month */
  daily_allowance_left: number;
};

export function quotaPacing({ limit, used, now }: QuotaPacingInput): QuotaPacing {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const start = Date.UTC(y, m, 1);
  const end = Date.UTC(y, m + 1, 1);
  const elapsedDays = Math.max((now.getTime() - start) / DAY_MS, 1 / 24);
  const monthDays = (end - start) / DAY_MS;
  const pace = used / elapsedDays;
  const projected = pace * monthDays;
  const left = Math.max(limit - used, 0);
  const exhaustionMs = pace > 0 ? now.getTime() + (left / pace) * DAY_MS : null;
  const before = used >= limit || (exhaustionMs !== null && exhaustionMs < end);
  const remainingDays = Math.max((end - now.getTime()) / DAY_MS, 1 / 24);
  return {
    used_share: limit > 0 ? Math.round((used / limit) * 10_000) / 10_000 : 1,
    projected_month_total: Math.round(projected),
    projected_exhaustion: exhaustionMs !== null && exhaustionMs < end ? new Date(exhaustionMs).toISOString() : null,
    exhausts_before_month_end: before,
    action: used >= limit ? "block" : before ? "downgrade" : "allow",
    daily_allowance_left: Math.round((left / remainingDays) * 100) / 100,
  };
}
