import { expect, test } from "vitest";
import { changeRatio, monthLabel, niceAxis, pct, shortUsd, usd } from "./format";

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

test("formatting", () => {
  expect(usd("1234.5")).toBe("$1,234.50");
  expect(usd(null)).toBe("—");
  expect(pct(0.1234)).toBe("12.3%");
  expect(pct(null)).toBe("—");
  expect(monthLabel("2026-10")).toBe("October 2026");
  expect(changeRatio("150", "100")).toBe(0.5);
  expect(changeRatio("1", "0")).toBeNull();
  expect(shortUsd(12500)).toBe("$13k");
  expect(shortUsd(1500)).toBe("$1.5k");
});
