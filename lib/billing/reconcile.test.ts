import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { matchModel, reconcile, type AttributedCell, type InvoiceCell } from "./reconcile";

const inv = (o: Partial<InvoiceCell>): InvoiceCell => ({
  provider: "openai",
  model: "m",
  day: "2026-10-01",
  kind: "usage",
  costPico: null,
  inputTokens: 0n,
  outputTokens: 0n,
  hasTokens: false,
  ...o,
});
const att = (o: Partial<AttributedCell>): AttributedCell => ({
  provider: "openai",
  model: "m",
  day: "2026-10-01",
  costPico: 0n,
  events: 1,
  unpricedEvents: 0,
  noUsageEvents: 0,
  abortedEvents: 0,
  inputTokens: 100n,
  outputTokens: 100n,
  ...o,
});
const usd = parseUsd;
// $10 per MTok of output
const rate = () => usd("10");

describe("reconcile", () => {
  test.each([
    ["no events at all on an invoiced day", [inv({ costPico: usd("5") })], [], { no_events: "5.000000" }],
    [
      "events the invoice does not cover",
      [inv({ costPico: usd("1"), day: "2026-10-02" })],
      [att({ costPico: usd("2") })],
      { no_events: "1.000000", not_invoiced: "-2.000000" },
    ],
    [
      "unpriced events valued at the invoice's cost per event",
      [inv({ costPico: usd("4") })],
      [att({ costPico: usd("3"), events: 4, unpricedEvents: 1 })],
      { unpriced: "1.000000" },
    ],
    [
      "no-usage events",
      [inv({ costPico: usd("4") })],
      [att({ costPico: usd("2"), events: 4, unpricedEvents: 2, noUsageEvents: 2 })],
      { no_usage: "2.000000" },
    ],
    [
      "undelivered streaming tokens at the price-book output rate, remainder is the rate difference",
      [inv({ costPico: usd("1.5") }), inv({ outputTokens: 150_000n, inputTokens: 0n, hasTokens: true })],
      [att({ costPico: usd("1"), outputTokens: 100_000n, abortedEvents: 3 })],
      { undelivered_stream: "0.500000" },
    ],
    ["a higher effective rate", [inv({ costPico: usd("1.1") })], [att({ costPico: usd("1") })], { rate_difference: "0.100000" }],
    [
      "credits",
      [inv({ costPico: usd("1") }), inv({ model: "", kind: "credit", costPico: usd("-0.25") })],
      [att({ costPico: usd("1") })],
      { credits: "-0.250000" },
    ],
  ])("%s", (_name, invoice, attributed, expected) => {
    const r = reconcile({ month: "2026-10", invoice, attributed, outputRate: rate });
    const p = r.providers[0];
    expect(Object.fromEntries(p.drivers.map((d) => [d.driver, d.amount_usd]))).toEqual(expected);
    expect(p.drivers.reduce((s, d) => s + d.amount_pico, 0n)).toBe(p.invoicedPico - p.attributedPico);
  });

  test("lines without a model reconcile per day, all models together", () => {
    const r = reconcile({
      month: "2026-10",
      invoice: [inv({ model: "", costPico: usd("3") })],
      attributed: [att({ model: "a", costPico: usd("1") }), att({ model: "b", costPico: usd("1") })],
      outputRate: rate,
    });
    expect(r.providers[0].grain).toBe("day");
    expect(r.providers[0].drivers.map((d) => [d.driver, d.amount_usd])).toEqual([["rate_difference", "1.000000"]]);
    expect(r.models[0].model).toBe("(all models)");
  });

  test("threshold: a 10 % gap is flagged at 5 %, not at 20 %", () => {
    const args = { month: "2026-10", invoice: [inv({ costPico: usd("10") })], attributed: [att({ costPico: usd("9") })], outputRate: rate };
    expect(reconcile(args).providers[0]).toMatchObject({ gap_share: 0.1, over_threshold: true, largest_driver: "rate_difference" });
    expect(reconcile({ ...args, thresholdShare: 0.2 }).providers[0].over_threshold).toBe(false);
  });

  test("effective rate per model from the invoice's tokens", () => {
    const r = reconcile({
      month: "2026-10",
      invoice: [inv({ costPico: usd("3") }), inv({ inputTokens: 1_000_000n, outputTokens: 0n, hasTokens: true })],
      attributed: [att({ costPico: usd("2.5"), inputTokens: 1_000_000n, outputTokens: 0n })],
      outputRate: rate,
    });
    expect(r.models[0]).toMatchObject({ effective_rate_per_mtok: "3.000000", attributed_rate_per_mtok: "2.500000" });
  });

  test.each([
    ["gpt-4o-2024-08-06", ["gpt-4o", "gpt-4o-2024-08-06"], "gpt-4o-2024-08-06"],
    ["gpt-4o-2024-08-06", ["gpt-4o", "gpt-4o-mini"], "gpt-4o"],
    ["claude-sonnet-4", ["claude-sonnet-4-20250514"], "claude-sonnet-4-20250514"],
    ["text-embedding-3-large", ["gpt-4o"], "text-embedding-3-large"],
  ])("matchModel(%s)", (m, events, expected) => expect(matchModel(m, events)).toBe(expected));
});
