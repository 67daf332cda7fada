/**
 * The reconciliation gap by service tier (decision 045): where the invoice's lines say which
 * tier they bill (Anthropic's cost report `service_tier`, OpenAI's batch line items), the
 * provider's usage lines and the attributed cost are compared tier by tier, so a priority-tier
 * month priced at standard rates shows up as a priority gap, not a vague rate difference.
 * Pure: plain rows in, rows out.
 */
import { formatUsd6, type Pico } from "../money";
import { normalizeServiceTier, type ServiceTier } from "../pricing/service-tiers";

export type TierInvoiceCell = { provider: string; day: string; kind: string; costPico: Pico | null; serviceTier: ServiceTier | null };
export type TierAttributedCell = { provider: string; day: string; serviceTier: ServiceTier; costPico: Pico };
export type TierRecon = { tier: ServiceTier; invoiced_usd: string; attributed_usd: string; gap_usd: string };

/**
 * The tier an invoice line bills, read from its line item: Anthropic joins description, token
 * type, service tier and context window with " | "; OpenAI's usage lines say "batch", and its
 * cost line items name batch / flex / priority when they are. Null: the line names no model
 * (credits, taxes), so it has no tier.
 */
export function serviceTierOfLine(provider: string, model: string, lineItem: string): ServiceTier | null {
  if (!model) return null;
  for (const part of lineItem.split(/\s*\|\s*|,\s*|\s+\(|\)/)) {
    const t = normalizeServiceTier(part.trim());
    if (t) return t;
  }
  if (/\bbatch\b/i.test(lineItem)) return "batch";
  if (/\bpriority\b/i.test(lineItem)) return "priority";
  if (/\bflex\b/i.test(lineItem)) return "flex";
  return provider ? "standard" : null;
}

/**
 * Per tier: invoiced usage (lines that carry a tier) against attributed cost (events' tiers,
 * not reported = standard) on the days compared. Null when no invoice line of the provider names
 * a tier other than standard and no event does either: nothing to break down.
 */
export function gapByTier(
  invoice: readonly TierInvoiceCell[],
  attributed: readonly TierAttributedCell[],
  compared: (day: string) => boolean,
): TierRecon[] | null {
  const lines = invoice.filter((l) => l.kind === "usage" && l.costPico !== null && l.serviceTier !== null);
  const att = attributed.filter((a) => compared(a.day));
  if (lines.length === 0) return null;
  if (lines.every((l) => l.serviceTier === "standard") && att.every((a) => a.serviceTier === "standard")) return null;
  const rows = new Map<ServiceTier, { inv: Pico; att: Pico }>();
  const row = (t: ServiceTier) => rows.get(t) ?? rows.set(t, { inv: 0n, att: 0n }).get(t)!;
  for (const l of lines) row(l.serviceTier!).inv += l.costPico!;
  for (const a of att) row(a.serviceTier).att += a.costPico;
  return [...rows]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([tier, r]) => ({
      tier,
      invoiced_usd: formatUsd6(r.inv),
      attributed_usd: formatUsd6(r.att),
      gap_usd: formatUsd6(r.inv - r.att),
    }));
}
