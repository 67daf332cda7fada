/**
 * Anomaly rule (docs/metrics.md "Anomaly and kill switch"): a feature's cost in one minute against its
 * baseline cost per minute. Baseline = a fixed value set on the guardrail policy, else the
 * median over the previous 7 days of that day's cost in the same UTC hour, divided by 60
 * (cost per minute in that hour). A minute is anomalous at ≥ 4 × baseline, i.e. ≥ 300 %
 * above it. With no baseline (no history, or a median of zero) nothing is judged: a brand
 * new feature does not trip on its first traffic. Pure.
 *
 * Two noise guards (decided here, see the issue-5 report): a minute with fewer than
 * MIN_EVENTS_PER_MINUTE events is not a rate (one expensive call in a quiet hour is always
 * "4× the hour's mean per minute"); and only minutes within LOOKBACK_MINUTES of now are
 * judged, so a backfill (CSV upload of last quarter, the demo seed) does not raise alerts
 * for history nobody can act on.
 */
import { DAY_MS } from "../time";
export const ANOMALY_MULTIPLIER = 4n;
export const MIN_EVENTS_PER_MINUTE = 3;
export const LOOKBACK_MINUTES = 120;

export function medianPico(values: bigint[]): bigint {
  if (values.length === 0) return 0n;
  const s = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2n;
}

/** `hourCosts`: cost of the same hour on each of the previous 7 days (missing days = 0). */
export function baselinePerMinute(hourCosts: bigint[], fixedPerMinute: bigint | null): bigint {
  if (fixedPerMinute !== null) return fixedPerMinute;
  return medianPico(hourCosts) / 60n;
}

export function isAnomalous(minuteCost: bigint, baseline: bigint, events = MIN_EVENTS_PER_MINUTE): boolean {
  return baseline > 0n && events >= MIN_EVENTS_PER_MINUTE && minuteCost >= ANOMALY_MULTIPLIER * baseline;
}

/** The start of each of the 7 previous days' same hour, for a minute. */
export function sameHourPreviousDays(minute: Date): Date[] {
  const hour = Math.floor(minute.getTime() / 3_600_000) * 3_600_000;
  return Array.from({ length: 7 }, (_, i) => new Date(hour - (i + 1) * DAY_MS));
}
