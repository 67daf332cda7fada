import { describe, expect, test } from "vitest";
import { toDecimalString } from "../money";
import type { CatalogRates } from "./catalog-rates";
import { priceEvent, unitsFromLines, type EventToPrice, type PriceOverrideRow, type UsageUnits } from "./price-event";
import { linesFromStored, linesToStored } from "./price-lines";
import { normalizeServiceTier, publishedTierRule, type ServiceTier } from "./service-tiers";

/**
 * Table-driven tests of every price rule of decision 045, the arithmetic in each row's name.
 * Fake catalog (USD per 1M tokens):
 *   openai gpt-4o-2024-08-06: input 2.5, cached 1.25, output 10; web search $25 / 1,000
 *   anthropic claude-x: input 3, cache read 0.3, cache write 3.75, output 15; > 200k input: 6 / 0.6 / 7.5 / 22.5
 *   google gemini-y: input 1.25, output 10; audio $0.36 per hour
 */
const catalog = (provider: string | null, model: string): CatalogRates | null => {
  if (model === "gpt-4o-2024-08-06")
    return {
      provider: "openai",
      model: "gpt-4o-2024-08-06",
      inputPerMTok: "2.5",
      outputPerMTok: "10",
      cachedInputPerMTok: "1.25",
      cacheWritePerMTok: null,
      webSearchPerKCalls: "25",
    };
  if (model === "claude-x")
    return {
      provider: "anthropic",
      model,
      inputPerMTok: "3",
      outputPerMTok: "15",
      cachedInputPerMTok: "0.3",
      cacheWritePerMTok: "3.75",
      longContext: [{ above: 200_000, inputPerMTok: "6", outputPerMTok: "22.5", cachedInputPerMTok: "0.6", cacheWritePerMTok: "7.5" }],
    };
  if (model === "gemini-y")
    return {
      provider: "google",
      model,
      inputPerMTok: "1.25",
      outputPerMTok: "10",
      cachedInputPerMTok: null,
      cacheWritePerMTok: null,
      audioPerHour: "0.36",
    };
  return null;
};

const ts = new Date("2026-11-15T12:00:00Z");
const ev = (model: string, i: number, o: number, extra: Partial<EventToPrice> = {}): EventToPrice & { costUsd: string | null } => ({
  provider: model.startsWith("gpt") ? "openai" : model.startsWith("claude") ? "anthropic" : "google",
  model,
  timestamp: ts,
  inputTokens: i,
  outputTokens: o,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  costUsd: null,
  ...extra,
});
const rule = (p: Partial<PriceOverrideRow>): PriceOverrideRow => ({
  id: "r1",
  provider: null,
  model: "gpt-4o-2024-08-06",
  kind: "rates",
  inputPerMTokUsd: null,
  outputPerMTokUsd: null,
  cachedInputPerMTokUsd: null,
  cacheWritePerMTokUsd: null,
  discountPercent: null,
  effectiveFrom: new Date("2026-01-01T00:00:00Z"),
  effectiveTo: null,
  ...p,
});
const usd = (s: string) => s; // readability: expected figures are USD with 12 decimals
const price = (e: ReturnType<typeof ev>, rules: PriceOverrideRow[] = []) => priceEvent(e, rules, catalog);

describe("service tiers (published prices)", () => {
  test.each<[string, ServiceTier | null, string, number, number, string, string]>([
    ["standard: 1M in × 2.5 + 1M out × 10 = 12.5", null, "gpt-4o-2024-08-06", 1e6, 1e6, usd("12.500000000000"), "standard"],
    ["openai batch: 50 % of 12.5 = 6.25", "batch", "gpt-4o-2024-08-06", 1e6, 1e6, usd("6.250000000000"), "published_percent"],
    ["openai flex: batch prices, 50 % of 12.5 = 6.25", "flex", "gpt-4o-2024-08-06", 1e6, 1e6, usd("6.250000000000"), "published_percent"],
    [
      "openai priority: 1M in × 4.25 + 1M out × 17 = 21.25",
      "priority",
      "gpt-4o-2024-08-06",
      1e6,
      1e6,
      usd("21.250000000000"),
      "published_rates",
    ],
    [
      "openai scale: priced by contract, standard 12.5 until a rule says otherwise",
      "scale",
      "gpt-4o-2024-08-06",
      1e6,
      1e6,
      usd("12.500000000000"),
      "standard_fallback",
    ],
    [
      "anthropic batch: 50 % of (100k × 3 + 100k × 15 = 1.8) = 0.9",
      "batch",
      "claude-x",
      1e5,
      1e5,
      usd("0.900000000000"),
      "published_percent",
    ],
    [
      "anthropic priority: contract price, standard 1.8 until a rule says otherwise",
      "priority",
      "claude-x",
      1e5,
      1e5,
      usd("1.800000000000"),
      "standard_fallback",
    ],
    [
      "gemini flex: 50 % of (1M × 1.25 + 1M × 10 = 11.25) = 5.625",
      "flex",
      "gemini-y",
      1e6,
      1e6,
      usd("5.625000000000"),
      "published_percent",
    ],
    [
      "batch halves an odd picodollar exactly once: 1 in × 2.5/1M = 2.5 µ$ → 1.25 µ$",
      "batch",
      "gpt-4o-2024-08-06",
      1,
      0,
      usd("0.000001250000"),
      "published_percent",
    ],
    [
      "batch of 1 token at 0.000003 → 3 pico/2 = 1.5 → half-even 2 pico",
      "batch",
      "claude-x",
      1,
      0,
      usd("0.000001500000"),
      "published_percent",
    ],
  ])("%s", (_name, tier, model, i, o, cost, basis) => {
    const p = price(ev(model, i, o, { serviceTier: tier }));
    expect(toDecimalString(p.costPico)).toBe(cost);
    expect(p.lines?.[0].tierBasis ?? "standard").toBe(basis);
    if (p.lines) expect(p.lines.reduce((s, l) => s + l.costPico, 0n)).toBe(p.costPico);
  });

  test("priority keeps the standard figure beside it: premium 21.25 − 12.5 = 8.75, source cited", () => {
    const p = price(ev("gpt-4o-2024-08-06", 1e6, 1e6, { serviceTier: "priority" }));
    expect(toDecimalString(p.lines![0].standardCostPico!)).toBe("12.500000000000");
    expect(p.lines![0].source).toBe("https://openai.com/api-priority-processing/");
  });

  test("priority cached input: 1M in (600k cached) → 400k × 4.25 + 600k × 2.125 = 1.7 + 1.275 = 2.975", () => {
    const p = price(ev("gpt-4o-2024-08-06", 1e6, 0, { serviceTier: "priority", cachedInputTokens: 600_000 }));
    expect(toDecimalString(p.costPico)).toBe("2.975000000000");
  });

  test.each([
    ["default", "standard"],
    ["auto", "standard"],
    ["standard_only", "standard"],
    ["Priority", "priority"],
    ["flex", "flex"],
    ["batch", "batch"],
    ["scale", "scale"],
    ["turbo", null],
  ])("the provider's %s is our %s", (wire, tier) => {
    expect(normalizeServiceTier(wire)).toBe(tier);
  });

  test("the priority table matches dated models and not their minis", () => {
    expect(publishedTierRule("openai", "priority", "gpt-4.1-2025-04-14")).toMatchObject({ inputPerMTok: "3.50" });
    expect(publishedTierRule("openai", "priority", "gpt-4o-mini-2024-07-18")).toMatchObject({ inputPerMTok: "0.25" });
    expect(publishedTierRule("openai", "priority", "gpt-3.5-turbo")).toBeNull();
  });
});

describe("long context (catalog thresholds)", () => {
  test.each([
    ["200,000 input is not above 200k: 200k × 3 + 1k × 15 = 0.6 + 0.015 = 0.615", 200_000, 1000, "0.615000000000", undefined],
    [
      "200,001 input: every token at the higher rate, 200,001 × 6 + 1k × 22.5 = 1.200006 + 0.0225 = 1.222506",
      200_001,
      1000,
      "1.222506000000",
      200_000,
    ],
  ])("%s", (_n, i, o, cost, above) => {
    const p = price(ev("claude-x", i, o));
    expect(toDecimalString(p.costPico)).toBe(cost);
    expect(p.lines?.[0].longContextAbove).toBe(above);
  });

  test("long context and batch: 50 % of (300k × 6 + 10k × 22.5 = 1.8 + 0.225 = 2.025) = 1.0125", () => {
    const p = price(ev("claude-x", 300_000, 10_000, { serviceTier: "batch" }));
    expect(toDecimalString(p.costPico)).toBe("1.012500000000");
    expect(toDecimalString(p.lines![0].standardCostPico!)).toBe("2.025000000000");
  });
});

describe("priced lines beyond tokens", () => {
  const units = (u: UsageUnits) => ({ units: u });
  test.each<[string, string, UsageUnits, PriceOverrideRow[], Record<string, string>, string]>([
    [
      "web search from the catalog: 3 calls × $25/1,000 = 0.075, + tokens 1k × 2.5/1M = 0.0025 → 0.0775",
      "gpt-4o-2024-08-06",
      { webSearchCalls: 3 },
      [],
      { tokens: "0.002500000000", web_search: "0.075000000000" },
      "0.077500000000",
    ],
    [
      "audio from the catalog: 90.5 s × $0.36/h = 90,500 ms × 0.36 / 3,600,000 = 0.00905, + tokens 1k × 1.25/1M = 0.00125",
      "gemini-y",
      { audioMs: 90_500 },
      [],
      { tokens: "0.001250000000", audio: "0.009050000000" },
      "0.010300000000",
    ],
    [
      "images and code interpreter at the rule's unit prices: 2 × 0.04 + 1 × 0.03 = 0.11, + tokens 0.0025",
      "gpt-4o-2024-08-06",
      { images: 2, codeInterpreterSessions: 1 },
      [
        rule({
          kind: "rates",
          inputPerMTokUsd: "2.5",
          outputPerMTokUsd: "10",
          unitPrices: { image: "0.04", code_interpreter_session: "0.03" },
        }),
      ],
      { tokens: "0.002500000000", code_interpreter: "0.030000000000", image: "0.080000000000" },
      "0.112500000000",
    ],
    [
      "a tool call without any price is an unpriced line of cost 0; the tokens stay priced (0.0025)",
      "gpt-4o-2024-08-06",
      { toolCalls: 4 },
      [],
      { tokens: "0.002500000000", tool_call: "0.000000000000" },
      "0.002500000000",
    ],
  ])("%s", (_n, model, u, rules, lines, cost) => {
    const p = price(ev(model, 1000, 0, units(u)), rules);
    expect(toDecimalString(p.costPico)).toBe(cost);
    expect(Object.fromEntries(p.lines!.map((l) => [l.kind, toDecimalString(l.costPico)]))).toEqual(lines);
    expect(p.lines!.reduce((s, l) => s + l.costPico, 0n)).toBe(p.costPico);
    expect(p.lines!.find((l) => l.kind === "tool_call")?.unpriced ?? false).toBe(model === "gpt-4o-2024-08-06" && !!u.toolCalls);
  });

  test("embeddings are input tokens: 1M × 0.02 = 0.02, no lines", () => {
    const emb = (): CatalogRates => ({
      provider: "openai",
      model: "text-embedding-3-small",
      inputPerMTok: "0.02",
      outputPerMTok: "0",
      cachedInputPerMTok: null,
      cacheWritePerMTok: null,
    });
    const p = priceEvent(ev("text-embedding-3-small", 1e6, 0), [], emb);
    expect(toDecimalString(p.costPico)).toBe("0.020000000000");
    expect(p.lines).toBeNull();
  });

  test("stored lines round-trip and give the units back for a restatement", () => {
    const p = price(ev("gpt-4o-2024-08-06", 1000, 0, units({ webSearchCalls: 3, audioMs: 1500 })));
    const back = linesFromStored(JSON.parse(JSON.stringify(linesToStored(p.lines!))));
    expect(back).toEqual(p.lines);
    expect(unitsFromLines(back)).toEqual({ webSearchCalls: 3, audioMs: 1500 });
  });

  test("an unpriced event keeps its units as unpriced lines (a later price can restate them)", () => {
    const p = price(ev("unknown-model", 1000, 0, units({ webSearchCalls: 2 })));
    expect(p.unpriced).toBe(true);
    expect(p.lines).toEqual([{ kind: "web_search", quantity: 2, costPico: 0n, unitPricePico: null, unpriced: true }]);
  });
});

describe("negotiated prices", () => {
  const e = ev("gpt-4o-2024-08-06", 1e6, 1e6); // 12.5 at catalog
  test.each<[string, PriceOverrideRow[], ReturnType<typeof ev>, string, string]>([
    ["discount 10 % of 12.5 = 11.25", [rule({ kind: "discount", discountPercent: "10" })], e, "11.250000000000", "override"],
    ["markup 7.5 % on 12.5 = 13.4375", [rule({ kind: "markup", percent: "7.5" })], e, "13.437500000000", "override"],
    [
      "provider-wide discount (model *) 20 % of 12.5 = 10",
      [rule({ kind: "discount", provider: "openai", model: "*", discountPercent: "20" })],
      e,
      "10.000000000000",
      "override",
    ],
    [
      "a model rule beats the provider-wide one: 10 % → 11.25",
      [
        rule({ id: "a", kind: "discount", provider: "openai", model: "*", discountPercent: "20" }),
        rule({ id: "b", kind: "discount", discountPercent: "10" }),
      ],
      e,
      "11.250000000000",
      "override",
    ],
    [
      "a priority-tier discount applies to priority calls only: 21.25 × 0.8 = 17",
      [rule({ kind: "discount", serviceTier: "priority", discountPercent: "20" })],
      ev("gpt-4o-2024-08-06", 1e6, 1e6, { serviceTier: "priority" }),
      "17.000000000000",
      "override",
    ],
    [
      "… and not to standard ones: 12.5",
      [rule({ kind: "discount", serviceTier: "priority", discountPercent: "20" })],
      e,
      "12.500000000000",
      "catalog",
    ],
    [
      "per-unit rates for the priority tier win over the published table: 1M × 3 + 1M × 12 = 15",
      [rule({ kind: "rates", serviceTier: "priority", inputPerMTokUsd: "3", outputPerMTokUsd: "12" })],
      ev("gpt-4o-2024-08-06", 1e6, 1e6, { serviceTier: "priority" }),
      "15.000000000000",
      "override",
    ],
    [
      "tier-free rates with a batch call: 50 % of (1M × 2 + 1M × 8 = 10) = 5",
      [rule({ kind: "rates", inputPerMTokUsd: "2", outputPerMTokUsd: "8" })],
      ev("gpt-4o-2024-08-06", 1e6, 1e6, { serviceTier: "batch" }),
      "5.000000000000",
      "override",
    ],
    [
      "ignore the catalog for openai: no rule with rates → unpriced, 0",
      [rule({ kind: "no_catalog", provider: "openai", model: "*" })],
      e,
      "0.000000000000",
      "unpriced",
    ],
    [
      "ignore the catalog, own rates still price: 1M × 1 + 1M × 4 = 5",
      [
        rule({ id: "a", kind: "no_catalog", provider: "openai", model: "*" }),
        rule({ id: "b", kind: "rates", inputPerMTokUsd: "1", outputPerMTokUsd: "4" }),
      ],
      e,
      "5.000000000000",
      "override",
    ],
    [
      "a discount outside its dates does nothing: 12.5",
      [rule({ kind: "discount", discountPercent: "10", effectiveFrom: new Date("2026-12-01T00:00:00Z") })],
      e,
      "12.500000000000",
      "catalog",
    ],
  ])("%s", (_n, rules, event, cost, source) => {
    const p = price(event, rules);
    expect(toDecimalString(p.costPico)).toBe(cost);
    expect(p.costSource).toBe(source);
    if (p.lines) expect(p.lines.reduce((s, l) => s + l.costPico, 0n)).toBe(p.costPico);
  });

  test.each<[string, PriceOverrideRow[], string | null, string]>([
    [
      "margin 15 % on 12.5 = 1.875, the cost stays 12.5",
      [rule({ kind: "margin", provider: "openai", model: "*", percent: "15" })],
      null,
      "1.875000000000",
    ],
    ["margin on a caller's figure: 15 % of 2 = 0.3", [rule({ kind: "margin", percent: "15" })], "2", "0.300000000000"],
    [
      "margin on the discounted cost: 10 % of (12.5 × 0.9 = 11.25) = 1.125",
      [rule({ id: "d", kind: "discount", discountPercent: "10" }), rule({ id: "m", kind: "margin", percent: "10" })],
      null,
      "1.125000000000",
    ],
  ])("%s", (_n, rules, caller, margin) => {
    const p = price({ ...e, costUsd: caller }, rules);
    expect(toDecimalString(p.marginPico!)).toBe(margin);
    expect(p.costPico).toBe(
      caller ? 2_000_000_000_000n : rules.some((r) => r.kind === "discount") ? 11_250_000_000_000n : 12_500_000_000_000n,
    );
  });
});
