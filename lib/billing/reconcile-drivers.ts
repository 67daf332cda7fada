/**
 * The reconciliation waterfall (docs/decisions/022-reconciliation-waterfall.md): how the gap of
 * one cell (model × day, or day) between invoice and attributed cost is split into drivers, in
 * this order, the last driver taking the remainder so that the drivers add up exactly (to the
 * picodollar) to the gap: spend with no events → events with no invoice line → no-usage events →
 * unpriced events → billed-but-undelivered streaming tokens → rate difference. Credits and
 * taxes/purchases are month-level lines and form their own drivers. Pure; reconcile.ts compares
 * the provider's cells and hands each one here.
 */
import { divHalfEven, formatUsd6, type Pico } from "../money";

export const DRIVERS = {
  no_events: "Spend with no events (batch jobs, re-indexing, untracked callers)",
  not_invoiced: "Attributed events with no invoice line",
  no_usage: "Events with no usage reported",
  unpriced: "Unpriced events (no price in the price book)",
  undelivered_stream: "Billed but undelivered streaming tokens",
  rate_difference: "Rate difference (invoice's effective rate vs price book)",
  credits: "Credits and adjustments",
  other_charges: "Taxes and purchases",
} as const;
export type Driver = keyof typeof DRIVERS;

/** pico-dollars per million output tokens in the price book, or null when unknown */
export type OutputRate = (provider: string, model: string, day: string) => Pico | null;

export type DriverRow = { driver: Driver; label: string; amount_usd: string; amount_pico: Pico; detail: string };

/** The driver totals of one provider (pico) and what their details count. */
export type Waterfall = {
  d: Record<Driver, Pico>;
  detail: { noEventsDays: Set<string>; noUsage: number; unpriced: number; aborted: number; undeliveredTokens: bigint };
};

/** What splitCellGap reads of a cell: invoiced and attributed cost, events and output tokens. */
export type GapCell = {
  model: string;
  day: string;
  inv: Pico;
  hasInv: boolean;
  invOut: bigint;
  hasTokens: boolean;
  events: number;
  unpriced: number;
  noUsage: number;
  aborted: number;
  attOut: bigint;
};

export function newWaterfall(credits: Pico, other: Pico): Waterfall {
  return {
    d: {
      no_events: 0n,
      not_invoiced: 0n,
      no_usage: 0n,
      unpriced: 0n,
      undelivered_stream: 0n,
      rate_difference: 0n,
      credits,
      other_charges: other,
    },
    detail: { noEventsDays: new Set<string>(), noUsage: 0, unpriced: 0, aborted: 0, undeliveredTokens: 0n },
  };
}

/** Adds the gap (invoiced − attributed) of one cell to the drivers, in the waterfall's order. */
export function splitCellGap(
  c: GapCell,
  gap: Pico,
  outputRate: (model: string, day: string) => Pico | null,
  d: Waterfall["d"],
  detail: Waterfall["detail"],
): void {
  if (c.events === 0) {
    d.no_events += gap;
    if (gap !== 0n) detail.noEventsDays.add(`${c.model === "*" ? "" : c.model} ${c.day}`.trim());
    return;
  }
  if (!c.hasInv) {
    d.not_invoiced += gap;
    return;
  }
  // invoice cost per event of the cell: the value of an event Spendline could not price
  const perEvent = c.inv / BigInt(c.events);
  const noUsage = perEvent * BigInt(c.noUsage);
  const unpriced = perEvent * BigInt(Math.max(0, c.unpriced - c.noUsage));
  d.no_usage += noUsage;
  d.unpriced += unpriced;
  detail.noUsage += c.noUsage;
  detail.unpriced += c.unpriced;
  gap -= noUsage + unpriced;
  if (c.hasTokens && c.invOut > c.attOut && c.model !== "*") {
    const rate = outputRate(c.model, c.day);
    if (rate !== null) {
      const extra = c.invOut - c.attOut;
      const v = divHalfEven(extra * rate, 1_000_000n);
      d.undelivered_stream += v;
      detail.undeliveredTokens += extra;
      detail.aborted += c.aborted;
      gap -= v;
    }
  }
  d.rate_difference += gap;
}

const abs = (x: bigint) => (x < 0n ? -x : x);

/** The provider's drivers that are not zero, with their labels and details, largest first. */
export function driverRows(d: Waterfall["d"], detail: Waterfall["detail"]): DriverRow[] {
  return (Object.keys(DRIVERS) as Driver[])
    .filter((k) => d[k] !== 0n)
    .map((k) => ({
      driver: k,
      label: DRIVERS[k],
      amount_pico: d[k],
      amount_usd: formatUsd6(d[k]),
      detail:
        k === "no_events"
          ? `no events on ${[...detail.noEventsDays].slice(0, 3).join(", ")}${detail.noEventsDays.size > 3 ? ` and ${detail.noEventsDays.size - 3} more` : ""}`
          : k === "no_usage"
            ? `${detail.noUsage} events without token counts`
            : k === "unpriced"
              ? `${detail.unpriced} events without a price`
              : k === "undelivered_stream"
                ? `${detail.undeliveredTokens.toLocaleString("en-US")} output tokens billed beyond those recorded (${detail.aborted.toLocaleString("en-US")} aborted streams)`
                : k === "rate_difference"
                  ? "the invoice's effective rate differs from the price book (see per model)"
                  : k === "credits"
                    ? "credit lines on the invoice"
                    : k === "not_invoiced"
                      ? "days or models the invoice does not cover (not imported yet?)"
                      : "tax and purchase lines",
    }))
    .sort((a, b) => (abs(b.amount_pico) > abs(a.amount_pico) ? 1 : abs(b.amount_pico) < abs(a.amount_pico) ? -1 : 0));
}
