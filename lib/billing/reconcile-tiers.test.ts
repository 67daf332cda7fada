import { describe, expect, test } from "vitest";
import { parseUsd, type Pico } from "../money";
import type { CatalogRates } from "../pricing/catalog-rates";
import { priceEvent, type PriceOverrideRow } from "../pricing/price-event";
import type { ServiceTier } from "../pricing/service-tiers";
import { reconcile, type AttributedCell, type InvoiceCell } from "./reconcile";
import { serviceTierOfLine, type TierAttributedCell } from "./reconcile-tiers";

/**
 * A month with a priority-tier line, a long-context line and a discounted line: priced by the
 * rules of decision 045 the gap closes to zero; priced as list tokens (before them) it does not,
 * and the by-tier view says where.
 *   gpt-4o priority, 1M in + 1M out: 1M × 4.25 + 1M × 17 = 21.25 (list: 12.5)
 *   gpt-4o standard with a negotiated 10 % discount: 12.5 × 0.9 = 11.25 (list: 12.5)
 *   claude-x 300k in + 10k out, above 200k: 300k × 6 + 10k × 22.5 = 1.8 + 0.225 = 2.025 (base rates: 0.9 + 0.15 = 1.05)
 * Invoice: openai 21.25 (priority) + 11.25 (standard) = 32.5, anthropic 2.025 → 34.525.
 */
const catalog = (_p: string | null, model: string): CatalogRates | null =>
  model === "gpt-4o-2024-08-06"
    ? { provider: "openai", model, inputPerMTok: "2.5", outputPerMTok: "10", cachedInputPerMTok: "1.25", cacheWritePerMTok: null }
    : model === "claude-x"
      ? {
          provider: "anthropic",
          model,
          inputPerMTok: "3",
          outputPerMTok: "15",
          cachedInputPerMTok: "0.3",
          cacheWritePerMTok: "3.75",
          longContext: [{ above: 200_000, inputPerMTok: "6", outputPerMTok: "22.5", cachedInputPerMTok: "0.6", cacheWritePerMTok: "7.5" }],
        }
      : null;
const noLongContext = (p: string | null, m: string) => {
  const c = catalog(p, m);
  return c && { ...c, longContext: [] };
};

const DAY = "2026-11-03";
const at = new Date(`${DAY}T10:00:00Z`);
const events: { provider: string; model: string; tier: ServiceTier; i: number; o: number }[] = [
  { provider: "openai", model: "gpt-4o-2024-08-06", tier: "priority", i: 1e6, o: 1e6 },
  { provider: "openai", model: "gpt-4o-2024-08-06", tier: "standard", i: 1e6, o: 1e6 },
  { provider: "anthropic", model: "claude-x", tier: "standard", i: 300_000, o: 10_000 },
];
const discount: PriceOverrideRow = {
  id: "neg-10",
  provider: "openai",
  model: "gpt-4o-2024-08-06",
  kind: "discount",
  serviceTier: "standard",
  inputPerMTokUsd: null,
  outputPerMTokUsd: null,
  cachedInputPerMTokUsd: null,
  cacheWritePerMTokUsd: null,
  discountPercent: "10",
  effectiveFrom: new Date("2026-11-01T00:00:00Z"),
  effectiveTo: null,
};

/** Invoice lines as the importers store them (line items as the providers write them). */
const lines: { provider: string; model: string; lineItem: string; cost: string }[] = [
  { provider: "openai", model: "gpt-4o-2024-08-06", lineItem: "gpt-4o-2024-08-06, priority", cost: "21.25" },
  { provider: "openai", model: "gpt-4o-2024-08-06", lineItem: "gpt-4o-2024-08-06, input", cost: "11.25" },
  { provider: "anthropic", model: "claude-x", lineItem: "Claude X Usage | uncached_input_tokens | standard | 200k-1M", cost: "2.025" },
];
const invoice: InvoiceCell[] = lines.map((l) => ({
  provider: l.provider,
  model: l.model,
  day: DAY,
  kind: "usage",
  costPico: parseUsd(l.cost),
  inputTokens: 0n,
  outputTokens: 0n,
  hasTokens: false,
  serviceTier: serviceTierOfLine(l.provider, l.model, l.lineItem),
}));

function attribute(priced: { provider: string; model: string; tier: ServiceTier; cost: Pico }[]) {
  const cells = new Map<string, AttributedCell>();
  for (const p of priced) {
    const k = `${p.provider}|${p.model}`;
    const c = cells.get(k) ?? {
      provider: p.provider,
      model: p.model,
      day: DAY,
      costPico: 0n,
      events: 0,
      unpricedEvents: 0,
      noUsageEvents: 0,
      abortedEvents: 0,
      inputTokens: 0n,
      outputTokens: 0n,
    };
    c.costPico += p.cost;
    c.events++;
    cells.set(k, c);
  }
  const byTier: TierAttributedCell[] = priced.map((p) => ({ provider: p.provider, day: DAY, serviceTier: p.tier, costPico: p.cost }));
  return { attributed: [...cells.values()], attributedByTier: byTier };
}

const run = (rules: PriceOverrideRow[], withTier: boolean, rates = catalog) => {
  const priced = events.map((e) => ({
    ...e,
    cost: priceEvent(
      {
        provider: e.provider,
        model: e.model,
        timestamp: at,
        serviceTier: withTier ? e.tier : null,
        inputTokens: e.i,
        outputTokens: e.o,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        costUsd: null,
      },
      rules,
      rates,
    ).costPico,
  }));
  return reconcile({ month: "2026-11", invoice, outputRate: () => null, ...attribute(priced) });
};

describe("reconciliation with tiers, long context and negotiated prices", () => {
  test("the invoice's line items name their tier: priority, standard, and Anthropic's service_tier column", () => {
    expect(invoice.map((l) => l.serviceTier)).toEqual(["priority", "standard", "standard"]);
    expect(serviceTierOfLine("openai", "gpt-4o", "batch")).toBe("batch");
    expect(serviceTierOfLine("openai", "", "credit")).toBeNull();
  });

  test("priced by the rules: invoiced 34.525 = attributed 34.525, gap 0.000000 per provider and per tier", () => {
    const r = run([discount], true);
    expect([r.invoiced_usd, r.attributed_usd, r.gap_usd]).toEqual(["34.525000", "34.525000", "0.000000"]);
    for (const p of r.providers) {
      expect(p.gap_usd).toBe("0.000000");
      expect(p.drivers).toEqual([]);
    }
    expect(r.providers.find((p) => p.provider === "openai")!.by_tier).toEqual([
      { tier: "priority", invoiced_usd: "21.250000", attributed_usd: "21.250000", gap_usd: "0.000000" },
      { tier: "standard", invoiced_usd: "11.250000", attributed_usd: "11.250000", gap_usd: "0.000000" },
    ]);
  });

  test("the tier known but priced as list tokens (before decision 045): openai gap (21.25 + 11.25) − (12.5 + 12.5) = 7.5, by tier priority +8.75 and standard −1.25", () => {
    const r = run([], false);
    const openai = r.providers.find((p) => p.provider === "openai")!;
    expect(openai.gap_usd).toBe("7.500000");
    expect(openai.by_tier).toEqual([
      { tier: "priority", invoiced_usd: "21.250000", attributed_usd: "12.500000", gap_usd: "8.750000" },
      { tier: "standard", invoiced_usd: "11.250000", attributed_usd: "12.500000", gap_usd: "-1.250000" },
    ]);
  });

  test("without the long-context rate the anthropic gap is 2.025 − 1.05 = 0.975", () => {
    const r = run([discount], true, noLongContext);
    expect(r.providers.find((p) => p.provider === "anthropic")!.gap_usd).toBe("0.975000");
    expect(r.providers.find((p) => p.provider === "openai")!.gap_usd).toBe("0.000000");
  });
});
