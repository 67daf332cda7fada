import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { allocateHarnessCost, proRata, splitByWeights } from "./harness-cost";

const d = (s: string) => new Date(s + "T00:00:00Z");
const fc = (amount: string, start: string, end: string, rule = "proportional", allocation: unknown = null) => ({
  id: amount + start,
  amount: parseUsd(amount),
  periodStart: d(start),
  periodEnd: d(end),
  allocationRule: rule,
  allocation,
});

describe("pro-rata by day", () => {
  test.each([
    ["300", "2026-01-01", "2026-01-31", "2026-01-01", "2026-01-31", "300"],
    ["300", "2026-01-01", "2026-01-31", "2026-01-11", "2026-01-21", "100"],
    ["300", "2026-01-01", "2026-01-31", "2026-02-01", "2026-03-01", "0"],
    ["100", "2026-01-01", "2026-01-04", "2026-01-01", "2026-01-02", "33.333333333333"],
  ])("%s over [%s,%s) in [%s,%s) → %s", (a, s, e, f, t, expected) => {
    expect(proRata(fc(a, s, e), d(f), d(t))).toBe(parseUsd(expected));
  });
});

describe("allocation to features", () => {
  test("direct to a feature goes to it; the rest by share of direct cost, adding up exactly", () => {
    const r = allocateHarnessCost(
      [fc("30", "2026-01-01", "2026-01-31", "direct", { feature: "search" }), fc("0.000000000010", "2026-01-01", "2026-01-31")],
      new Map([
        ["chat", parseUsd("1")],
        ["search", parseUsd("2")],
      ]),
      d("2026-01-01"),
      d("2026-01-31"),
    );
    expect(r.byFeature.get("search")).toBe(parseUsd("30") + 7n);
    expect(r.byFeature.get("chat")).toBe(3n);
    expect(r.total).toBe(parseUsd("30") + 10n);
    expect(r.unallocated).toBe(0n);
  });
  test("no direct cost: shared part stays unallocated", () => {
    const r = allocateHarnessCost([fc("10", "2026-01-01", "2026-01-11")], new Map(), d("2026-01-01"), d("2026-01-11"));
    expect(r.unallocated).toBe(parseUsd("10"));
  });
  test("largest remainder sums exactly", () => {
    const s = splitByWeights(
      10n,
      new Map([
        ["a", 1n],
        ["b", 1n],
        ["c", 1n],
      ]),
    );
    expect([...s.values()].reduce((x, y) => x + y, 0n)).toBe(10n);
    expect(s.get("a")).toBe(4n);
  });
});
