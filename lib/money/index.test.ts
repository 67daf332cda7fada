import { describe, expect, test } from "vitest";
import { divHalfEven, displayUsd, formatUsd6, parseUsd, toDecimalString } from "./index";

describe("parseUsd", () => {
  test.each([
    ["0", 0n],
    ["1", 1_000_000_000_000n],
    ["0.1", 100_000_000_000n],
    ["12.345678901234", 12_345_678_901_234n],
    ["0.0000000000005", 0n], // half-even: 0.5 pico → 0
    ["0.0000000000015", 2n], // 1.5 pico → 2
    ["-2.5", -2_500_000_000_000n],
  ])("%s → %s pico", (input, expected) => {
    expect(parseUsd(input)).toBe(expected);
  });

  test("numbers are read as written, not as binary fractions", () => {
    expect(parseUsd(0.1)).toBe(100_000_000_000n);
    expect(parseUsd(2.5e-7)).toBe(250_000n);
  });

  test.each(["", "abc", "1e5", "1,5", "."])("rejects %j", (bad) => {
    expect(() => parseUsd(bad)).toThrow(RangeError);
  });
});

describe("formatUsd6 rounds half-even once", () => {
  test.each([
    [parseUsd("12.3456785"), "12.345678"], // tie, 8 even → stays
    [parseUsd("12.3456775"), "12.345678"], // tie, 7 odd → up
    [parseUsd("12.34567751"), "12.345678"],
    [parseUsd("0.0000004999"), "0.000000"],
    [parseUsd("-1.0000005"), "-1.000000"],
    [0n, "0.000000"],
  ])("%s → %s", (p, s) => {
    expect(formatUsd6(p)).toBe(s);
  });

  test("0.1 + 0.2 is exactly 0.3", () => {
    expect(formatUsd6(parseUsd("0.1") + parseUsd("0.2"))).toBe("0.300000");
  });
});

test("divHalfEven", () => {
  expect(divHalfEven(5n, 2n)).toBe(2n);
  expect(divHalfEven(7n, 2n)).toBe(4n);
  expect(divHalfEven(-7n, 2n)).toBe(-4n);
});

test("toDecimalString has 12 decimals", () => {
  expect(toDecimalString(parseUsd("3.5"))).toBe("3.500000000000");
  expect(toDecimalString(-1n)).toBe("-0.000000000001");
});

test("displayUsd", () => {
  expect(displayUsd(parseUsd("1234.565"))).toBe("$1,234.56");
  expect(displayUsd(parseUsd("0.00123"))).toBe("$0.0012");
  expect(displayUsd(0n)).toBe("$0.00");
});
