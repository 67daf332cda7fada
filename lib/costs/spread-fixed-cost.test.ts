import { expect, test } from "vitest";
import { formatUsd6, parseUsd } from "../money";
import { amountInRange, spreadByDay } from "./spread-fixed-cost";
import { daysBetween, monthRange, previousMonth } from "../time";

const d = (s: string) => new Date(`${s}T00:00:00Z`);

test.each([
  { start: "2026-01-01", end: "2026-02-01", days: 31 },
  { start: "2026-02-01", end: "2026-03-01", days: 28 },
  { start: "2026-01-31", end: "2026-01-31", days: 0 },
  { start: "2026-03-28", end: "2026-04-02", days: 5 },
])("days in [$start, $end) = $days", ({ start, end, days }) => {
  expect(daysBetween(d(start), d(end))).toHaveLength(days);
});

test.each([
  // 100 over 3 days, 2 of them in January
  { amount: "100", start: "2026-01-30", end: "2026-02-02", from: "2026-01-01", to: "2026-02-01", want: "66.666667" },
  { amount: "100", start: "2026-01-30", end: "2026-02-02", from: "2026-02-01", to: "2026-03-01", want: "33.333333" },
  { amount: "31", start: "2026-01-01", end: "2026-02-01", from: "2026-01-01", to: "2026-02-01", want: "31.000000" },
  { amount: "50", start: "2026-03-01", end: "2026-04-01", from: "2026-01-01", to: "2026-02-01", want: "0.000000" },
])("$amount over [$start,$end) in [$from,$to) = $want", ({ amount, start, end, from, to, want }) => {
  expect(formatUsd6(amountInRange(parseUsd(amount), d(start), d(end), d(from), d(to)))).toBe(want);
});

test("the days add up exactly to the amount", () => {
  const parts = spreadByDay(parseUsd("1000.000000000007"), d("2026-01-01"), d("2026-04-01"));
  expect([...parts.values()].reduce((s, v) => s + v, 0n)).toBe(parseUsd("1000.000000000007"));
});

test("month helpers", () => {
  expect(monthRange("2026-12").to.toISOString()).toBe("2027-01-01T00:00:00.000Z");
  expect(previousMonth("2026-01")).toBe("2025-12");
});
