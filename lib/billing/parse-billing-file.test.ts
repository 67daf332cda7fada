import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { modelOfLineItem, parseBillingFile, readBillingFile } from "./parse-billing-file";
import { toDecimalString } from "../money";

const fx = (f: string) => fs.readFileSync(path.join(__dirname, "../../tests/billing/fixtures", f), "utf8");

describe("parseBillingFile", () => {
  test("OpenAI costs: daily buckets, dollars as JSON numbers, credits by sign", () => {
    const lines = parseBillingFile("openai_costs", fx("openai-costs.json"));
    expect(lines.map((l) => [l.day, l.model, l.kind, l.costPico])).toEqual([
      ["2026-10-10", "gpt-4o-2024-08-06", "usage", 500_000_000_000n],
      ["2026-10-10", "gpt-4o-2024-08-06", "usage", 1_600_000_000_000n],
      ["2026-10-11", "gpt-4o-2024-08-06", "usage", 1_000_000_000_000n],
      ["2026-10-11", "gpt-4o-2024-08-06", "usage", 1_000_000_100_000n],
      ["2026-10-12", "", "credit", -500_000_000_000n],
      ["2026-10-12", "text-embedding-3-large", "usage", 3_333_333_300_000n],
    ]);
  });
  test("Anthropic cost_report: amounts are cents as decimal strings", () => {
    const lines = parseBillingFile("anthropic_cost_report", fx("anthropic-cost-report.json"));
    expect(lines.map((l) => l.costPico)).toEqual([1_505_000_000_000n, 3_002_500_000_000n]);
    expect(lines[0].model).toBe("claude-sonnet-4-20250514");
  });
  test("Anthropic usage: input counts uncached + cache reads + cache writes", () => {
    const [l] = parseBillingFile("anthropic_usage", fx("anthropic-usage.json"));
    expect([l.inputTokens, l.cachedInputTokens, l.cacheWriteTokens, l.outputTokens, l.costPico]).toEqual([1700n, 500n, 200n, 300n, null]);
  });
  test("OpenAI usage: tokens per model, no money", () => {
    const lines = parseBillingFile("openai_usage", fx("openai-usage.json"));
    expect(lines.map((l) => [l.day, l.outputTokens, l.requests])).toEqual([
      ["2026-10-10", 210n, 2n],
      ["2026-10-11", 200n, 1n],
    ]);
  });
  test("FOCUS: provider from ProviderName, model from x_Model, tokens by direction, tax kept apart", () => {
    const lines = parseBillingFile("focus", fx("focus-bedrock.csv"));
    expect(lines.map((l) => [l.provider, l.model, l.kind, l.inputTokens, l.outputTokens])).toEqual([
      ["aws", "", "tax", 0n, 0n],
      ["aws", "anthropic.claude-3-haiku", "usage", 1_000_000n, 0n],
      ["aws", "anthropic.claude-3-haiku", "usage", 0n, 400_000n],
    ]);
  });
  test("an array of saved pages is read as one file; duplicate keys are summed", () => {
    const page = JSON.parse(fx("openai-costs.json"));
    const lines = parseBillingFile("openai_costs", JSON.stringify([page, page]));
    expect(lines).toHaveLength(6);
    expect(lines[0].costPico).toBe(1_000_000_000_000n);
  });
  test.each([
    ["openai_costs", "not json", /not JSON/],
    ["openai_costs", '{"data":[{"results":[]}]}', /start_time/],
    ["focus", "a,b\n1,2", /no ChargePeriodStart column/],
    [
      "anthropic_cost_report",
      '{"data":[{"starting_at":"2026-10-01T00:00:00Z","results":[{"amount":"1","currency":"EUR"}]}]}',
      /amounts are in EUR but the account is billed in USD/,
    ],
  ] as const)("%s refuses %s", (source, text, msg) => {
    expect(() => parseBillingFile(source, text)).toThrow(msg);
  });
  test.each([
    {
      source: "anthropic_cost_report" as const,
      text: '{"data":[{"starting_at":"2026-10-01T00:00:00Z","results":[{"amount":"123.4567","currency":"EUR","model":"m"}]}]}',
      cost: "1.234567000000",
    },
    {
      source: "openai_costs" as const,
      text: '{"data":[{"start_time":1790812800,"results":[{"amount":{"value":0.1,"currency":"eur"},"line_item":"gpt-4o, input"}]}]}',
      cost: "0.100000000000",
    },
    {
      source: "focus" as const,
      text: "ChargePeriodStart,ChargeCategory,BilledCost,BillingCurrency,ProviderName\n2026-10-01T00:00:00Z,Usage,2.5,EUR,Mistral AI\n",
      cost: "2.500000000000",
    },
  ])("$source: an account billed in EUR keeps the invoice's EUR amounts as issued", ({ source, text, cost }) => {
    const [l] = parseBillingFile(source, text, "EUR");
    expect(l.currency).toBe("EUR");
    expect(toDecimalString(l.costPico!)).toBe(cost);
    // the same file for a USD account is refused, never read as dollars
    expect(() => parseBillingFile(source, text)).toThrow(/in EUR but the account is billed in USD/);
  });
  test.each([
    ["gpt-4o-2024-08-06, input", "gpt-4o-2024-08-06"],
    ["o3-mini, output", "o3-mini"],
    ["Credit", ""],
    ["web search tool calls", ""],
  ])("line item %s names model %s", (item, model) => expect(modelOfLineItem(item)).toBe(model));
});

describe("readBillingFile: the period a file reports on", () => {
  const openai = (buckets: [string, number][]) =>
    JSON.stringify({
      data: buckets.map(([d, value]) => {
        const start = Date.parse(`${d}T00:00:00Z`) / 1000;
        return {
          start_time: start,
          end_time: start + 86_400,
          results: value ? [{ amount: { value, currency: "usd" }, line_item: "x" }] : [],
        };
      }),
    });
  test.each([
    [
      "empty first and last buckets widen the period",
      [
        ["2026-10-01", 0],
        ["2026-10-02", 1],
        ["2026-10-03", 0],
      ] as [string, number][],
      { first: "2026-10-01", last: "2026-10-03" },
      1,
    ],
    ["one billed day", [["2026-10-05", 2]] as [string, number][], { first: "2026-10-05", last: "2026-10-05" }, 1],
  ])("%s", (_, buckets, period, lines) => {
    const r = readBillingFile("openai_costs", openai(buckets));
    expect(r.period).toEqual(period);
    expect(r.lines).toHaveLength(lines);
  });
  test("a bucket without an end is one day; an end before its start is refused", () => {
    expect(readBillingFile("openai_costs", JSON.stringify({ data: [{ start_time: 1_791_763_200, results: [] }] })).period).toEqual({
      first: "2026-10-12",
      last: "2026-10-12",
    });
    expect(() =>
      readBillingFile("openai_costs", JSON.stringify({ data: [{ start_time: 1_791_763_200, end_time: 1_791_763_100, results: [] }] })),
    ).toThrow(/end_time/);
  });
  test("FOCUS: ChargePeriodEnd is exclusive", () => {
    const csv = "ChargePeriodStart,ChargePeriodEnd,ChargeCategory,BilledCost\n2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,Usage,1.5\n";
    expect(readBillingFile("focus", csv).period).toEqual({ first: "2026-10-01", last: "2026-10-31" });
  });
});
