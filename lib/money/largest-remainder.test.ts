import { describe, expect, test } from "vitest";
import { parseUsd, formatUsd6 } from "./index";
import { roundLargestRemainder, splitByWeights } from "./largest-remainder";

const MICRO = 1_000_000n;
const usd = (s: string) => parseUsd(s);

describe("roundLargestRemainder at 6 decimals", () => {
  test.each([
    {
      name: "thirds of one dollar: the extra micro goes to the alphabetically first on a tie",
      parts: { b: "0.333333333333", a: "0.333333333333", c: "0.333333333334" },
      want: { a: "0.333333", b: "0.333333", c: "0.333334" },
    },
    {
      name: "largest remainder wins over name",
      parts: { a: "1.0000001", z: "1.0000009" },
      want: { a: "1.000000", z: "1.000001" },
    },
    {
      name: "exact values stay untouched",
      parts: { a: "2.5", b: "0.000001" },
      want: { a: "2.500000", b: "0.000001" },
    },
    {
      name: "three equal halves of a micro: sum 1.5 micro rounds half-even to 2, ties alphabetical",
      parts: { c: "0.0000005", b: "0.0000005", a: "0.0000005" },
      want: { a: "0.000001", b: "0.000001", c: "0.000000" },
    },
  ])("$name", ({ parts, want }) => {
    const out = roundLargestRemainder(
      Object.entries(parts).map(([key, v]) => ({ key, value: usd(v) })),
      MICRO,
    );
    const got = Object.fromEntries([...out].map(([k, v]) => [k, formatUsd6(v)]));
    expect(got).toEqual(want);
    const exact = Object.values(parts).reduce((s, v) => s + usd(v), 0n);
    const sum = [...out.values()].reduce((s, v) => s + v, 0n);
    expect(formatUsd6(sum)).toBe(formatUsd6(exact));
  });

  test("rejects a target that the parts cannot reach", () => {
    expect(() => roundLargestRemainder([{ key: "a", value: 1n }], MICRO, 5n * MICRO)).toThrow();
  });
});

describe("splitByWeights", () => {
  test.each([
    { amount: "100", weights: { a: 1n, b: 1n, c: 1n }, want: { a: "33.333333333334", b: "33.333333333333", c: "33.333333333333" } },
    { amount: "10", weights: { a: 3n, b: 1n }, want: { a: "7.500000000000", b: "2.500000000000" } },
    { amount: "0.000000000001", weights: { b: 1n, a: 1n }, want: { a: "0.000000000001", b: "0.000000000000" } },
  ])("$amount over $weights", ({ amount, weights, want }) => {
    const out = splitByWeights(
      usd(amount),
      Object.entries(weights).map(([key, value]) => ({ key, value })),
    );
    const got = Object.fromEntries([...out].map(([k, v]) => [k, (Number(v) / 1e12).toFixed(12)]));
    expect(got).toEqual(want);
    expect([...out.values()].reduce((s, v) => s + v, 0n)).toBe(usd(amount));
  });
});
