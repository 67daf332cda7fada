import { describe, expect, test } from "vitest";
import { addDays, dayCount, daysBetween, DAY_MS, monthRange, previousMonth, resolvePeriod, utcDay, utcMonth } from ".";

describe("days", () => {
  test.each([
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2024-03-01", -1, "2024-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-29", 1, "2026-03-30"], // DST in Europe: UTC has none
  ])("addDays(%s, %i) = %s", (d, n, want) => expect(addDays(d, n)).toBe(want));

  test("utcDay and utcMonth read UTC, not local time", () => {
    expect(utcDay(Date.UTC(2026, 0, 31, 23, 59, 59))).toBe("2026-01-31");
    expect(utcMonth(new Date(Date.UTC(2026, 11, 31, 23)))).toBe("2026-12");
    expect(DAY_MS).toBe(24 * 60 * 60 * 1000);
  });

  test.each<[string | Date, string | Date, string[]]>([
    ["2026-01-30", "2026-02-02", ["2026-01-30", "2026-01-31", "2026-02-01"]],
    ["2026-01-30", "2026-01-30", []],
    ["2026-02-02", "2026-01-30", []],
    [new Date("2026-01-30T15:00:00Z"), new Date("2026-02-01T00:00:00Z"), ["2026-01-30", "2026-01-31"]],
    [new Date("2026-01-30T00:00:00Z"), new Date("2026-01-31T06:00:00Z"), ["2026-01-30", "2026-01-31"]],
  ])("daysBetween(%s, %s)", (from, to, want) => expect(daysBetween(from, to)).toEqual(want));

  test("dayCount", () => {
    expect(dayCount("2026-01-01", "2026-02-01")).toBe(31);
    expect(dayCount("2026-02-01", "2026-01-01")).toBe(-31);
    expect(dayCount(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-08T00:00:00Z"))).toBe(7);
  });
});

describe("months", () => {
  test.each([
    ["2026-01", "2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z", "2025-12"],
    ["2026-12", "2026-12-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z", "2026-11"],
    ["2024-03", "2024-03-01T00:00:00.000Z", "2024-04-01T00:00:00.000Z", "2024-02"],
  ])("%s", (m, from, to, prev) => {
    const r = monthRange(m);
    expect([r.from.toISOString(), r.to.toISOString(), previousMonth(m)]).toEqual([from, to, prev]);
  });
  test("not a month", () => expect(() => monthRange("2026-1")).toThrow(RangeError));
});

describe("resolvePeriod (server and filter bar)", () => {
  const now = new Date("2026-03-15T23:30:00Z");
  test.each([
    [{}, { from: "2026-02-14", to: "2026-03-16", days: 30 }],
    [{ from: "2026-01-01" }, { from: "2026-01-01", to: "2026-01-31", days: 30 }],
    [{ to: "2026-01-31" }, { from: "2026-01-01", to: "2026-01-31", days: 30 }],
    [
      { from: "2026-01-01", to: "2026-04-01" },
      { from: "2026-01-01", to: "2026-04-01", days: 90 },
    ],
  ])("%j", (q, want) => expect(resolvePeriod(q, now)).toEqual(want));
  test("at midnight UTC the default period ends with the new day", () => {
    expect(resolvePeriod({}, new Date("2026-03-16T00:00:00Z")).to).toBe("2026-03-17");
  });
});
