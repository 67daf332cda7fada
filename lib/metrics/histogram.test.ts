import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { bucketIndex, histogram } from "./histogram";

const u = parseUsd;

describe("bucketIndex = width_bucket(v, 0, upper, n)", () => {
  test.each([
    [u("0"), u("1"), 10, 1],
    [u("0.099999"), u("1"), 10, 1],
    [u("0.1"), u("1"), 10, 2], // lower edge inclusive
    [u("0.999999"), u("1"), 10, 10],
    [u("1"), u("1"), 10, 11], // upper edge → overflow bucket
    [u("5"), u("1"), 10, 11],
    [u("0.3"), u("0"), 10, 1], // degenerate upper: single bucket
  ])("%s in [0,%s) with %i buckets → %i", (v, upper, n, expected) => {
    expect(bucketIndex(v, upper, n)).toBe(expected);
  });
});

describe("histogram", () => {
  test("counts per bucket, overflow kept when used", () => {
    const h = histogram([u("0.05"), u("0.15"), u("0.15"), u("2")], u("1"), 10);
    expect(h).toHaveLength(11);
    expect(h.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(h[1]).toMatchObject({ from: u("0.1"), to: u("0.2") });
    expect(h[10].to).toBeNull();
  });
  test("empty overflow bucket is dropped", () => {
    expect(histogram([u("0.5")], u("1"), 4)).toHaveLength(4);
  });
  test("every value lands in exactly one bucket", () => {
    const values = Array.from({ length: 50 }, (_, i) => u(String(i / 7).slice(0, 10)));
    expect(histogram(values, u("5"), 7).reduce((s, b) => s + b.count, 0)).toBe(50);
  });
});
