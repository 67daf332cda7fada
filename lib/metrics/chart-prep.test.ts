import { describe, expect, test } from "vitest";
import { daysBetween, fillDailyNull, fillDailyZero, OTHER, stackedDaily, topNWithOther, weekStart } from "./chart-prep";

describe("chart preparers", () => {
  test("days of [from, to)", () => expect(daysBetween("2026-01-30", "2026-02-02")).toEqual(["2026-01-30", "2026-01-31", "2026-02-01"]));
  test("additive gaps are zero", () => {
    expect(fillDailyZero([{ day: "2026-01-02", value: 5n }], "2026-01-01", "2026-01-04").map((p) => p.value)).toEqual([0n, 5n, 0n]);
  });
  test("rate gaps are null", () => {
    expect(fillDailyNull([{ day: "2026-01-02", value: 0.5 }], "2026-01-01", "2026-01-03").map((p) => p.value)).toEqual([null, 0.5]);
  });
  test("stacked: top N + other, zero-filled, totals kept", () => {
    const s = stackedDaily(
      [
        { day: "2026-01-01", key: "a", value: 10n },
        { day: "2026-01-01", key: "b", value: 5n },
        { day: "2026-01-02", key: "c", value: 1n },
        { day: "2026-01-02", key: "d", value: 2n },
      ],
      "2026-01-01",
      "2026-01-03",
      2,
    );
    expect(s.keys).toEqual(["a", "b", OTHER]);
    expect(s.points[1]).toEqual({ day: "2026-01-02", total: 3n, by: { a: 0n, b: 0n, other: 3n } });
  });
  test.each([
    [3, ["a", "b", "c"]],
    [1, ["a", OTHER]],
  ])("topNWithOther n=%i", (n, keys) => {
    const rows = [
      { key: "b", value: 2n },
      { key: "a", value: 3n },
      { key: "c", value: 1n },
    ];
    const out = topNWithOther(rows, n, (value) => ({ key: OTHER, value }));
    expect(out.map((r) => r.key)).toEqual(keys);
    expect(out.reduce((s, r) => s + r.value, 0n)).toBe(6n);
  });
  test.each([
    ["2026-11-22", "2026-11-16"], // Sunday
    ["2026-11-16", "2026-11-16"], // Monday
  ])("week of %s starts %s", (d, w) => expect(weekStart(d)).toBe(w));
});
