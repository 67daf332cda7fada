/** Display helpers for the board report (pure). Money arrives as 6-decimal API strings. */
import { displayUsd, parseUsd } from "../money";

export const usd = (s: string | null | undefined, decimals?: number) => (s == null ? "—" : displayUsd(parseUsd(s), decimals === undefined ? {} : { decimals }));
export const pct = (x: number | null | undefined, digits = 1) => (x == null ? "—" : `${(x * 100).toFixed(digits)}%`);
export const num = (x: number | null | undefined, digits = 2) => (x == null ? "—" : x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
export const int = (x: number | null | undefined) => (x == null ? "—" : Math.round(x).toLocaleString("en-US"));

export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** Signed change between two money strings as a fraction of the previous; null when previous is 0. */
export function changeRatio(current: string, previous: string): number | null {
  const p = parseUsd(previous);
  if (p === 0n) return null;
  return Number(((parseUsd(current) - p) * 1_000_000n) / p) / 1_000_000;
}

/** Bar chart geometry: a "nice" axis maximum ≥ max (1, 2, 2.5, 5 × 10^k) and 4 ticks. */
export function niceAxis(max: number): { max: number; ticks: number[] } {
  if (!(max > 0)) return { max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] };
  const exp = Math.floor(Math.log10(max));
  const base = 10 ** exp;
  const step = [1, 2, 2.5, 5, 10].map((m) => m * base).find((m) => m >= max)!;
  return { max: step, ticks: [0, 1, 2, 3, 4].map((i) => (step * i) / 4) };
}

export function shortUsd(x: number): string {
  if (x >= 1e6) return `$${(x / 1e6).toFixed(x >= 1e7 ? 0 : 1)}M`;
  if (x >= 1e3) return `$${(x / 1e3).toFixed(x >= 1e4 ? 0 : 1)}k`;
  return `$${x.toFixed(x >= 10 ? 0 : 2)}`;
}
