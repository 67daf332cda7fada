import { displayUsd, parseUsd } from "../money";

/** Display formatting for the dashboards (pure; no React). API money strings stay exact until here. */
export function usd(value: string | null | undefined, decimals?: number): string {
  if (value === null || value === undefined) return "—";
  return displayUsd(parseUsd(value), decimals === undefined ? {} : { decimals });
}

/** Small amounts (per interaction, per unit) need more decimals than totals. */
export function usdUnit(value: string | null | undefined): string {
  if (value === null || value === undefined) return "—";
  const p = parseUsd(value);
  const abs = p < 0n ? -p : p;
  return displayUsd(p, { decimals: abs >= 10n ** 12n ? 2 : 4 });
}

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? "—" : `${(x * 100).toFixed(digits)} %`;
}

export function num(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? "—" : x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function compact(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${(x / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${(x / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `${(x / 1e3).toFixed(1)}k`;
  return `${Math.round(x)}`;
}

/** Axis ticks for USD: "$1.2k", "$35", "$0.12", "$0.004". */
export function usdTick(x: number): string {
  const a = Math.abs(x);
  if (a >= 1000) return `$${compact(x)}`;
  if (a >= 10) return `$${x.toFixed(0)}`;
  if (a >= 0.1 || a === 0) return `$${x.toFixed(2)}`;
  return `$${x.toPrecision(2)}`;
}

/** API money string → chart number (display only, never summed back). */
export function chartUsd(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** "2026-11-05" → "Nov 5" for axes. */
export function shortDay(day: string): string {
  const d = new Date(day + "T00:00:00Z");
  return d.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * A money cell of a chart's "Show as table": API strings ("0.012345") and chart numbers
 * (0.012345) become "$0.0123"; anything else ("—", "∞") is shown as given.
 */
export function moneyCell(v: string | number): string {
  if (typeof v === "number") return Number.isFinite(v) ? usdUnit(v.toFixed(12)) : String(v);
  return /^-?\d+(\.\d+)?$/.test(v) ? usdUnit(v) : v;
}
