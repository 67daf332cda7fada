import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { distribution, percentileCont, percentileContNumber } from "./percentile";

const usd = (...xs: string[]) => xs.map((x) => parseUsd(x));
const S = (...xs: string[]) => xs;

// Expected values computed with PostgreSQL: SELECT percentile_cont(p) WITHIN GROUP (ORDER BY v) FROM unnest(...)
describe("percentileCont = PostgreSQL percentile_cont", () => {
  test.each([
    [S("1"), 0.5, "1"],
    [S("1", "2"), 0.5, "1.5"],
    [S("1", "2", "3", "4"), 0.9, "3.7"],
    [S("1", "2", "3", "4"), 0.5, "2.5"],
    [S("4", "1", "3", "2"), 0.5, "2.5"], // order does not matter
    [S("0.01", "0.02", "0.03", "0.10", "1.00"), 0.99, "0.964"],
    [S("0", "10"), 0.99, "9.9"],
    [S("5", "7"), 0, "5"],
    [S("5", "7"), 1, "7"],
    [S("0.000001", "0.000002", "0.000004"), 0.9, "0.0000036"],
  ])("%j at p=%s → %s", (values, p, expected) => {
    expect(percentileCont(usd(...values), p)).toBe(parseUsd(expected));
  });

  test("empty → null, like SQL", () => expect(percentileCont([], 0.5)).toBeNull());
  test("rejects p outside [0, 1]", () => expect(() => percentileCont(usd("1"), 1.5)).toThrow(RangeError));
  test("number variant", () => expect(percentileContNumber([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12));
});

describe("distribution", () => {
  test("count, total, mean half-even, p50/p90/p99, max", () => {
    const d = distribution(usd("0.10", "0.20", "0.30", "1.00"));
    expect(d.count).toBe(4);
    expect(d.total).toBe(parseUsd("1.60"));
    expect(d.mean).toBe(parseUsd("0.40"));
    expect(d.p50).toBe(parseUsd("0.25"));
    expect(d.p90).toBe(parseUsd("0.79"));
    expect(d.p99).toBe(parseUsd("0.979"));
    expect(d.max).toBe(parseUsd("1.00"));
  });
  test("empty has nulls", () => expect(distribution([])).toMatchObject({ count: 0, mean: null, max: null }));
});
