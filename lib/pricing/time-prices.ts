/**
 * Time-based prices of self-hosted and provisioned endpoints (decision 045, issue 23 item 4):
 * an endpoint costs a price per hour (GPU-hour, node-hour) for the time it ran, whatever it
 * served; that cost is allocated to the calls it served by a chosen rule, by tokens (input +
 * output) or by requests. The hours no call used are not spread: with no calls in the window
 * the whole cost is idle, charged like provisioned capacity's idle cost (capacity-idle.ts).
 * Pure and exact: the window's cost is rounded once (half-even, to the picodollar), then split
 * by largest remainder so the shares sum exactly to it.
 */
import { divHalfEven, parseUsd, type Pico } from "../money";

export type TimeAllocationRule = "tokens" | "requests";

export type ServedCall = { key: string; tokens: bigint; requests: number };

export type TimeAllocation = {
  /** per-hour price × the window's length */
  costPico: Pico;
  /** share of each call group (key), summing exactly to costPico unless nothing was served */
  shares: Map<string, Pico>;
  /** the cost no call carries (nothing served in the window) */
  idlePico: Pico;
};

const HOUR_MS = 3_600_000n;

/** The cost of `ms` milliseconds at `perHourUsd` (a decimal string), rounded half-even once. */
export function timeCost(perHourUsd: string, ms: bigint): Pico {
  return divHalfEven(parseUsd(perHourUsd) * ms, HOUR_MS);
}

/** Splits `total` in proportion to `weights` exactly: floors, then the remainder one picodollar at a time to the largest fractions (ties: key order). */
export function apportion(total: Pico, weights: readonly { key: string; weight: bigint }[]): Map<string, Pico> {
  const sum = weights.reduce((s, w) => s + w.weight, 0n);
  const out = new Map<string, Pico>();
  if (sum === 0n) return out;
  const parts = weights.map((w) => ({ key: w.key, floor: (total * w.weight) / sum, rest: (total * w.weight) % sum }));
  let left = total - parts.reduce((s, p) => s + p.floor, 0n);
  parts.sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.key < b.key ? -1 : 1));
  for (const p of parts) {
    out.set(p.key, p.floor + (left > 0n ? 1n : 0n));
    if (left > 0n) left--;
  }
  return out;
}

/** An endpoint's time cost over a window allocated to the calls it served by `rule`. */
export function allocateTimeCost(opts: {
  perHourUsd: string;
  ms: bigint;
  rule: TimeAllocationRule;
  calls: readonly ServedCall[];
}): TimeAllocation {
  const costPico = timeCost(opts.perHourUsd, opts.ms);
  const weights = opts.calls.map((c) => ({ key: c.key, weight: opts.rule === "tokens" ? c.tokens : BigInt(c.requests) }));
  const shares = apportion(costPico, weights);
  return { costPico, shares, idlePico: shares.size === 0 ? costPico : 0n };
}
