/**
 * Committed-spend contracts: run-rate against the monthly floor and when the discount lapses
 * (docs/decisions/023-contracts.md). Pure.
 *
 * Spend per month is the invoice where one is imported, else what Spendline attributed. The
 * current month is projected at its run-rate (month-to-date × days in month / days elapsed);
 * later months follow the least-squares trend of the last three months (current included).
 * The discount lapses in the month that completes `lapseAfterMonths` consecutive months under
 * the floor; from then on the bill is the list price: spend / (1 − discount), i.e.
 * +discount / (1 − discount).
 */
import { divHalfEven, formatUsd6, parseUsd, type Pico } from "../money";
import { DAY_MS } from "../time";

export type MonthSpend = { month: string; spendPico: Pico; source: "invoice" | "attributed" };

export type CommitmentInput = {
  name: string;
  provider: string;
  periodStart: string; // YYYY-MM-DD
  periodEnd: string; // exclusive
  monthlyFloorPico: Pico;
  /** "0.15" for 15 % */
  discount: string;
  lapseAfterMonths: number;
};

export type CommitmentForecast = {
  name: string;
  provider: string;
  floor_usd: string;
  discount: string;
  status: "ok" | "at_risk" | "lapsed";
  /** first month (actual or projected) under the floor, null when none */
  first_miss_month: string | null;
  /** month in which the discount lapses, null when it does not within the period */
  lapse_month: string | null;
  months_ahead: number | null;
  /** bill increase once the discount lapses, e.g. 0.1765 */
  projected_increase: number;
  warning: string | null;
  months: { month: string; spend_usd: string; kind: "actual" | "run_rate" | "projected"; under_floor: boolean }[];
};

export const addMonths = (month: string, n: number) => {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
};
const monthsBetween = (a: string, b: string) => {
  const [ya, ma] = a.split("-").map(Number);
  const [yb, mb] = b.split("-").map(Number);
  return (yb - ya) * 12 + (mb - ma);
};

/** Least-squares line through the points (x = 0..n−1), evaluated at x; never below zero. */
function trendAt(values: Pico[], x: number): Pico {
  const n = values.length;
  if (n === 1) return values[0];
  const xs = values.map((_, i) => i);
  const mx = (n - 1) / 2;
  const my = values.reduce((s, v) => s + Number(v), 0) / n;
  const sxy = xs.reduce((s, xi, i) => s + (xi - mx) * (Number(values[i]) - my), 0);
  const sxx = xs.reduce((s, xi) => s + (xi - mx) ** 2, 0);
  const y = my + (sxx ? sxy / sxx : 0) * (x - mx);
  return y > 0 ? BigInt(Math.round(y)) : 0n;
}

export function forecastCommitment(c: CommitmentInput, history: MonthSpend[], now: Date): CommitmentForecast {
  const current = now.toISOString().slice(0, 7);
  const start = c.periodStart.slice(0, 7);
  const endExclusive = c.periodEnd.slice(8) === "01" ? c.periodEnd.slice(0, 7) : addMonths(c.periodEnd.slice(0, 7), 1);
  const byMonth = new Map(history.map((h) => [h.month, h]));
  const [y, m] = current.split("-").map(Number);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const elapsed = Math.max(1, (now.getTime() - Date.UTC(y, m - 1, 1)) / DAY_MS);
  const months: CommitmentForecast["months"] = [];
  for (let mo = start; mo < endExclusive && mo < current; mo = addMonths(mo, 1)) {
    const s = byMonth.get(mo)?.spendPico ?? 0n;
    months.push({ month: mo, spend_usd: formatUsd6(s), kind: "actual", under_floor: s < c.monthlyFloorPico });
  }
  const points = months.map((x) => parseUsd(x.spend_usd));
  if (current >= start && current < endExclusive) {
    const mtd = byMonth.get(current)?.spendPico ?? 0n;
    const runRate = divHalfEven(mtd * BigInt(daysInMonth) * 1000n, BigInt(Math.round(elapsed * 1000)));
    months.push({ month: current, spend_usd: formatUsd6(runRate), kind: "run_rate", under_floor: runRate < c.monthlyFloorPico });
    points.push(runRate);
  }
  const base = points.slice(-3);
  for (let mo = addMonths(current, 1), k = 1; mo < endExclusive; mo = addMonths(mo, 1), k++) {
    if (mo < start) continue;
    const p = base.length ? trendAt(base, base.length - 1 + k) : 0n;
    months.push({ month: mo, spend_usd: formatUsd6(p), kind: "projected", under_floor: p < c.monthlyFloorPico });
  }
  let run = 0;
  let lapse: string | null = null;
  for (const x of months) {
    run = x.under_floor ? run + 1 : 0;
    if (run >= c.lapseAfterMonths) {
      lapse = x.month;
      break;
    }
  }
  const firstMiss = months.find((x) => x.under_floor && x.kind !== "actual")?.month ?? months.find((x) => x.under_floor)?.month ?? null;
  const d = Number(c.discount);
  const increase = d > 0 && d < 1 ? Math.round((d / (1 - d)) * 10_000) / 10_000 : 0;
  const lapsedAlready = lapse !== null && lapse < current;
  const ahead = lapse ? monthsBetween(current, lapse) : null;
  return {
    name: c.name,
    provider: c.provider,
    floor_usd: formatUsd6(c.monthlyFloorPico),
    discount: c.discount,
    status: lapsedAlready ? "lapsed" : lapse ? "at_risk" : "ok",
    first_miss_month: firstMiss,
    lapse_month: lapse,
    months_ahead: ahead,
    projected_increase: increase,
    warning: lapse
      ? lapsedAlready
        ? `The floor was missed ${c.lapseAfterMonths} months running: the ${(d * 100).toFixed(0)} % discount lapsed in ${lapse}; the bill is +${(increase * 100).toFixed(1)} % at list price.`
        : `At the current run-rate the floor is missed in ${firstMiss}; the discount lapses in ${lapse}; projected bill +${(increase * 100).toFixed(1)} %.`
      : null,
    months,
  };
}
