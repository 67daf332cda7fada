/**
 * Whether a cost shown for a feature can be read as a cost (pure). An unpriced event costs 0
 * in the sums until a price-book override restates it, so "$0.00 · ok" would read as free:
 * every place that shows a feature's cost marks it instead.
 */
export type CostMark = "unpriced" | "partly_unpriced" | "no_usage" | null;

export function costMark(x: { events: number; unpricedEvents: number } | undefined): CostMark {
  if (!x || x.events === 0) return "no_usage";
  if (x.unpricedEvents >= x.events) return "unpriced";
  if (x.unpricedEvents > 0) return "partly_unpriced";
  return null;
}

export function costMarkLabel(mark: CostMark, x?: { events: number; unpricedEvents: number }): string | null {
  if (mark === "unpriced") return "unpriced: no price for its model (add a price-book override)";
  if (mark === "partly_unpriced")
    return `partly unpriced: ${x?.unpricedEvents ?? "some"} of ${x?.events ?? "its"} events have no price; the cost shown is too low`;
  if (mark === "no_usage") return "no usage reported";
  return null;
}

/** Short badge text. */
export const COST_MARK_SHORT: Record<Exclude<CostMark, null>, string> = {
  unpriced: "unpriced",
  partly_unpriced: "partly unpriced",
  no_usage: "no usage reported",
};
