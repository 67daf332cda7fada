/**
 * Month-end forecast with day-of-week shape. Pure.
 *  level  = mean daily cost over the last (up to) 14 complete days before `asOf`'s day;
 *  shape  = per weekday, mean cost on that weekday / mean daily cost, over the last 28
 *           complete days (only when ≥ 14 such days exist; otherwise flat);
 *  forecast = month-to-date actual + rest of today × level × shape(today)
 *             + Σ remaining days of the month level × shape(day).
 * A forecast is an estimate: computed in micro-dollars as floats, returned as pico.
 */
import { DAY_MS } from "../time";

export type Forecast = { monthToDatePico: bigint; forecastPico: bigint; dailyLevelPico: bigint; shaped: boolean };

const key = (t: number) => new Date(t).toISOString().slice(0, 10);

export function forecastMonthEnd(daily: Map<string, bigint>, asOf: Date): Forecast {
  const today = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), asOf.getUTCDate());
  const monthStart = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth(), 1);
  const monthEnd = Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() + 1, 1);
  const microOf = (t: number) => Number((daily.get(key(t)) ?? 0n) / 1_000_000n);

  let mtd = 0n;
  for (let t = monthStart; t <= today; t += DAY_MS) mtd += daily.get(key(t)) ?? 0n;

  // only days on or after the first day with data count as history (a new org has no zeros before it)
  const firstDay = [...daily.keys()].sort()[0];
  const firstT = firstDay ? Date.parse(`${firstDay}T00:00:00Z`) : today;
  const complete = (n: number) => {
    const out: number[] = [];
    for (let t = today - DAY_MS; t >= firstT && out.length < n; t -= DAY_MS) out.push(t);
    return out;
  };
  const levelDays = complete(14);
  const level = levelDays.length
    ? levelDays.reduce((s, t) => s + microOf(t), 0) / levelDays.length
    : microOf(today) / Math.max((asOf.getTime() - today) / DAY_MS, 1 / 24);

  const shapeDays = complete(28);
  const factor = new Array(7).fill(1);
  const shaped = shapeDays.length >= 14;
  if (shaped) {
    const mean = shapeDays.reduce((s, t) => s + microOf(t), 0) / shapeDays.length;
    if (mean > 0) {
      for (let w = 0; w < 7; w++) {
        const ds = shapeDays.filter((t) => new Date(t).getUTCDay() === w);
        if (ds.length) factor[w] = ds.reduce((s, t) => s + microOf(t), 0) / ds.length / mean;
      }
    }
  }

  let rest = 0;
  const elapsedToday = Math.min(Math.max((asOf.getTime() - today) / DAY_MS, 0), 1);
  rest += (1 - elapsedToday) * level * factor[new Date(today).getUTCDay()];
  for (let t = today + DAY_MS; t < monthEnd; t += DAY_MS) rest += level * factor[new Date(t).getUTCDay()];

  return {
    monthToDatePico: mtd,
    forecastPico: mtd + BigInt(Math.round(rest)) * 1_000_000n,
    dailyLevelPico: BigInt(Math.round(level)) * 1_000_000n,
    shaped,
  };
}

/** Calendar-month USD budgets on the daily rollups' dimensions get a month-end forecast. */
export function hasMonthForecast(b: { scope: string; unit: string; window: string }): boolean {
  return b.unit === "usd" && b.window === "month" && (b.scope === "org" || b.scope === "team" || b.scope === "feature");
}
