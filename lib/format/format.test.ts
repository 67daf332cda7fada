import { describe, expect, test } from "vitest";
import {
  changeRatio,
  moneyCell,
  compact,
  duration,
  evidenceValue,
  int,
  monthLabel,
  niceAxis,
  num,
  pct,
  shortDay,
  shortUsd,
  usd,
  usdTick,
  usdUnit,
} from ".";
import { DAY_MS } from "../time";

describe("money", () => {
  test.each([
    ["1234.5", undefined, "$1,234.50"],
    ["0.004567", undefined, "$0.0046"],
    ["1234.5", 0, "$1,234"], // half to even, as the money module rounds
    [null, undefined, "—"],
  ])("usd(%s, %s) → %s", (v, d, e) => expect(usd(v, d)).toBe(e));
  test.each([
    ["0.123456", "$0.1235"],
    ["12.5", "$12.50"],
    [null, "—"],
  ])("usdUnit(%s) → %s", (v, e) => expect(usdUnit(v)).toBe(e));
  test.each([
    [1500, "$1.5k"],
    [35, "$35"],
    [0.12, "$0.12"],
    [0.0042, "$0.0042"],
  ])("usdTick(%s) → %s", (v, e) => expect(usdTick(v)).toBe(e));
  test.each([
    [12500, "$13k"],
    [1500, "$1.5k"],
    [2_400_000, "$2.4M"],
    [7.5, "$7.50"],
  ])("shortUsd(%s) → %s", (v, e) => expect(shortUsd(v)).toBe(e));
  test("changeRatio", () => {
    expect(changeRatio("150", "100")).toBe(0.5);
    expect(changeRatio("50", "100")).toBe(-0.5);
    expect(changeRatio("1", "0")).toBeNull();
  });
});

describe("numbers", () => {
  test.each([
    [0.256, 1, "25.6%"],
    [0.1234, 1, "12.3%"],
    [1.5, 0, "150%"],
    [null, 1, "—"],
  ])("pct(%s, %s) → %s", (v, d, e) => expect(pct(v, d)).toBe(e));
  test.each([
    [1234.5, 0, "1,235"],
    [1234.5, 2, "1,234.50"],
    [0.1234, 3, "0.123"],
    [undefined, 2, "—"],
  ])("num(%s, %s) → %s", (v, d, e) => expect(num(v, d)).toBe(e));
  test("int and compact", () => {
    expect(int(12345.6)).toBe("12,346");
    expect(int(null)).toBe("—");
    expect(compact(1_250_000)).toBe("1.3M");
    expect(compact(950)).toBe("950");
  });
});

describe("anti-pattern evidence, by unit", () => {
  test.each([
    [0.256, "ratio", "25.6 %"],
    [-0.5, "ratio", "-50.0 %"],
    [2.345, "ratio", "234.5 %"], // a coefficient of variation may pass 1
    [3.61572, "usd", "$3.6157"],
    [-0.0123, "usd", "−$0.0123"],
    [1234.5678, "usd", "$1234.5678"],
    [1234, "number", "1,234"],
    [3.5678, "number", "3.57"],
    [0.004, "number", "0"],
    ["2026-11-05", "day", "2026-11-05"],
    ["gpt-4o", "text", "gpt-4o"],
    [null, "ratio", "—"],
    [null, "usd", "—"],
  ] as const)("evidenceValue(%s, %s) → %s", (v, unit, e) => expect(evidenceValue(v, unit)).toBe(e));
});

describe("time", () => {
  test.each([
    [500, "500 ms"],
    [0.4, "0 ms"],
    [1500, "1.5 s"],
    [90_000, "90.0 s"],
    [150_000, "3 min"],
    [5_400_000, "90 min"],
    [9_000_000, "2.5 h"],
    [3 * DAY_MS, "3 d"],
    [-2000, "−2.0 s"],
    [null, "—"],
  ])("duration(%s) → %s", (ms, e) => expect(duration(ms)).toBe(e));
  test("days and months", () => {
    expect(shortDay("2026-11-05")).toBe("Nov 5");
    expect(monthLabel("2026-10")).toBe("October 2026");
  });
  test.each([
    [0, 1],
    [0.8, 1],
    [1.2, 2],
    [2.2, 2.5],
    [4100, 5000],
    [7300, 10000],
    [10000, 10000],
  ])("niceAxis(%s).max = %s", (max, nice) => {
    expect(niceAxis(max).max).toBe(nice);
    expect(niceAxis(max).ticks).toHaveLength(5);
  });
});

describe("moneyCell: chart tables show a currency", () => {
  test.each([
    ["0.012345", "$0.0123"],
    ["1234.500000", "$1,234.50"],
    [0.5, "$0.5000"],
    ["—", "—"],
    ["∞", "∞"],
  ] as [string | number, string][])("%s → %s", (v, out) => expect(moneyCell(v)).toBe(out));
});
