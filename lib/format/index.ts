import { displayUsd, parseUsd } from "../money";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "../time";

/** One evidence number of a finding (anti-pattern detectors, opportunities). */
export type EvidenceValue = number | string | null;

/**
 * What an evidence number means, so that nobody guesses it from the key's name:
 * - `ratio`: a fraction (0.25 = 25 %; a change or a coefficient of variation may leave 0..1);
 * - `usd`: dollars as a plain number (display precision; the exact figures are elsewhere);
 * - `number`: a count or an average of counts (users, tokens, calls, days);
 * - `day`: a UTC day, YYYY-MM-DD; `text`: words or a name (a model, the windows compared).
 */
export const EVIDENCE_UNITS = ["ratio", "usd", "number", "day", "text"] as const;
export type EvidenceUnit = (typeof EVIDENCE_UNITS)[number];

/**
 * Display formatting for every screen, the board report and evidence texts (pure; no React).
 * API money strings stay exact until here. "—" stands for a missing value everywhere.
 * Callers choose the unit: a money string goes to usd/usdUnit, a 0..1 ratio to pct, a count
 * to int/num, milliseconds to duration.
 */
const DASH = "—";

/** "$1,234.50"; `decimals` fixes the number of decimals (default: the money module's choice). */
export function usd(value: string | null | undefined, decimals?: number): string {
  if (value === null || value === undefined) return DASH;
  return displayUsd(parseUsd(value), decimals === undefined ? {} : { decimals });
}

/** Small amounts (per interaction, per unit) need more decimals than totals. */
export function usdUnit(value: string | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  const p = parseUsd(value);
  const abs = p < 0n ? -p : p;
  return displayUsd(p, { decimals: abs >= 10n ** 12n ? 2 : 4 });
}

/** A 0..1 ratio as a percentage: 0.256 → "25.6%". */
export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? DASH : `${(x * 100).toFixed(digits)}%`;
}

/** A number with a fixed number of decimals and thousands separators: num(1234.5, 1) → "1,234.5". */
export function num(x: number | null | undefined, digits = 0): string {
  return x === null || x === undefined ? DASH : x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A count: rounded, with thousands separators. */
export function int(x: number | null | undefined): string {
  return x === null || x === undefined ? DASH : Math.round(x).toLocaleString("en-US");
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

/** Short USD labels for the board report's bars: "$13k", "$1.5k", "$2.4M", "$7.50". */
export function shortUsd(x: number): string {
  if (x >= 1e6) return `$${(x / 1e6).toFixed(x >= 1e7 ? 0 : 1)}M`;
  if (x >= 1e3) return `$${(x / 1e3).toFixed(x >= 1e4 ? 0 : 1)}k`;
  return `$${x.toFixed(x >= 10 ? 0 : 2)}`;
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

/** "2026-10" → "October 2026". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

/**
 * A duration or delay in milliseconds: "850 ms", "1.5 s" (under 2 min), "42 min" (under 2 h),
 * "5.3 h" (under 2 days), "3 d"; negative values keep their sign ("−2.0 s").
 */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return DASH;
  const abs = Math.abs(ms);
  const s =
    abs < 1000
      ? `${Math.round(abs)} ms`
      : abs < 120_000
        ? `${(abs / 1000).toFixed(1)} s`
        : abs < 7_200_000
          ? `${Math.round(abs / MINUTE_MS)} min`
          : abs < 172_800_000
            ? `${(abs / HOUR_MS).toFixed(1)} h`
            : `${Math.round(abs / DAY_MS)} d`;
  return ms < 0 ? `−${s}` : s;
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

/** "≈" before a percentile that comes from the sketch (percentile_method "sketch"), else "". */
export function approxMark(method: "exact" | "sketch" | undefined): string {
  return method === "sketch" ? "≈" : "";
}

/** Why a percentile carries "≈" (tooltip and footnote text). */
export function sketchNote(relativeError: number, cutoff: number): string {
  return `≈: percentiles of this many interactions come from a sketch kept at ingestion and are within ${(relativeError * 100).toLocaleString("en-US")}% of the exact value. Count, total, mean and max are exact; a cohort of up to ${cutoff.toLocaleString("en-US")} interactions is answered exactly.`;
}

/**
 * A money cell of a chart's "Show as table": API strings ("0.012345") and chart numbers
 * (0.012345) become "$0.0123"; anything else ("—", "∞") is shown as given.
 */
export function moneyCell(v: string | number): string {
  if (typeof v === "number") return Number.isFinite(v) ? usdUnit(v.toFixed(12)) : String(v);
  return /^-?\d+(\.\d+)?$/.test(v) ? usdUnit(v) : v;
}

/**
 * An anti-pattern evidence value by the unit its detector gave it (lib/metrics/anti-patterns):
 * ratio → "25.0 %" (this page keeps its spaced percent), usd → "$0.0123" / "−$0.0123" (4 decimals:
 * unit margins are fractions of a cent), number → "1,234" or "3.57" (up to 2 decimals);
 * a day or a text is shown as given; null is "—".
 */
export function evidenceValue(value: EvidenceValue, unit: EvidenceUnit): string {
  if (value === null) return DASH;
  if (typeof value === "string") return value;
  if (unit === "ratio") return `${(value * 100).toFixed(1)} %`;
  if (unit === "usd") return `${value < 0 ? "−" : ""}$${Math.abs(value).toFixed(4)}`;
  return value.toLocaleString("en-US", { maximumFractionDigits: Number.isInteger(value) ? 0 : 2 });
}

/** "1 month", "3 months": a count with its noun, singular for one. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}
