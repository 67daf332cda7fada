import { describe, expect, test } from "vitest";
import { moneyCell, pct, shortDay, usd, usdTick, usdUnit } from "./format";

describe("display formatting", () => {
  test.each([
    ["1234.5", "$1,234.50"],
    ["0.004567", "$0.0046"],
    [null, "—"],
  ])("usd(%s) → %s", (v, e) => expect(usd(v)).toBe(e));
  test.each([
    ["0.123456", "$0.1235"],
    ["12.5", "$12.50"],
  ])("usdUnit(%s) → %s", (v, e) => expect(usdUnit(v)).toBe(e));
  test.each([
    [1500, "$1.5k"],
    [35, "$35"],
    [0.12, "$0.12"],
    [0.0042, "$0.0042"],
  ])("usdTick(%s) → %s", (v, e) => expect(usdTick(v)).toBe(e));
  test("pct and days", () => {
    expect(pct(0.256)).toBe("25.6 %");
    expect(pct(null)).toBe("—");
    expect(shortDay("2026-11-05")).toBe("Nov 5");
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
