import { expect, test } from "vitest";
import { formatUsd6, parseUsd } from "../money";
import { forecastMonthEnd } from "./forecast";
import { thresholdsCrossed, thresholdsReached } from "./thresholds";
import { DAY_MS } from "../time";

test.each([
  { spent: "49.99", want: [] },
  { spent: "50", want: [50] },
  { spent: "80", want: [50, 80] },
  { spent: "100.000001", want: [50, 80, 100] },
])("spent $spent of 100 reaches $want", ({ spent, want }) => {
  expect(thresholdsReached(parseUsd(spent), parseUsd("100"), [100, 50, 80])).toEqual(want);
});

test.each([
  { before: "40", after: "85", want: [50, 80] },
  { before: "85", after: "90", want: [] },
  { before: "99", after: "100", want: [100] },
])("crossing $before → $after", ({ before, after, want }) => {
  expect(thresholdsCrossed(parseUsd(before), parseUsd(after), parseUsd("100"), [50, 80, 100])).toEqual(want);
});

function series(from: string, days: number, f: (d: Date) => string) {
  const m = new Map<string, bigint>();
  for (let i = 0; i < days; i++) {
    const d = new Date(Date.parse(`${from}T00:00:00Z`) + i * DAY_MS);
    m.set(d.toISOString().slice(0, 10), parseUsd(f(d)));
  }
  return m;
}

test.each([
  // flat $10/day through Nov 10 (complete), asOf Nov 11 00:00: MTD = 100 (1..10) + today 0, rest = 20 days × 10
  { name: "flat", daily: series("2026-10-01", 41, () => "10"), asOf: "2026-11-11T00:00:00Z", mtd: "100.000000", fc: "300.000000" },
  // weekdays $10, weekends $0: the shape keeps weekends at zero. Nov 2026: Nov 11 is a Wednesday;
  // remaining days Nov 11..30 contain 14 weekdays → forecast ≈ MTD + 14 × level × factor
  {
    name: "weekday shape",
    daily: series("2026-10-01", 41, (d) => (d.getUTCDay() % 6 === 0 ? "0" : "10")),
    asOf: "2026-11-11T00:00:00Z",
    mtd: "70.000000",
    fc: "210.000000",
  },
])("forecast: $name", ({ daily, asOf, mtd, fc }) => {
  const f = forecastMonthEnd(daily, new Date(asOf));
  expect(formatUsd6(f.monthToDatePico)).toBe(mtd);
  // shaped forecasts are estimates: within a dollar
  expect(Math.abs(Number(formatUsd6(f.forecastPico)) - Number(fc))).toBeLessThan(1);
});

test("no history: extrapolates today's pace", () => {
  const f = forecastMonthEnd(new Map([["2026-11-30", parseUsd("6")]]), new Date("2026-11-30T12:00:00Z"));
  expect(formatUsd6(f.forecastPico)).toBe("12.000000");
});
