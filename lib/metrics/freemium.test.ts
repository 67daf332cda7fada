import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { cost30d, freemiumWindow, inFreemiumWindow, isTrapped, paidRevenue, subsidyRatio, trappedShare } from "./freemium";

const first = new Date("2026-01-10T15:30:00Z");

describe("window [first, first + 30 × 24 h)", () => {
  test.each([
    ["2026-01-10T15:30:00Z", true], // the first event itself
    ["2026-01-10T15:29:59Z", false],
    ["2026-02-09T15:29:59.999Z", true],
    ["2026-02-09T15:30:00Z", false], // end is exclusive
    ["2026-02-09T10:00:00Z", true], // same calendar day as the end, before the cut
  ])("%s inside: %s", (at, inside) => expect(inFreemiumWindow(first, new Date(at))).toBe(inside));
  test("end = start + 720 h", () => expect(freemiumWindow(first).end.toISOString()).toBe("2026-02-09T15:30:00.000Z"));
  test("cost30d sums only the window", () => {
    expect(
      cost30d(first, [
        { at: new Date("2026-01-10T15:30:00Z"), cost: parseUsd("1") },
        { at: new Date("2026-02-09T15:30:00Z"), cost: parseUsd("5") },
        { at: new Date("2026-02-01T00:00:00Z"), cost: parseUsd("0.5") },
      ]),
    ).toBe(parseUsd("1.5"));
  });
});

describe("trapped = cost30d > LTV strictly", () => {
  test.each([
    ["2.000001", "2", true],
    ["2", "2", false],
    ["1.99", "2", false],
  ])("%s vs %s → %s", (c, l, e) => expect(isTrapped(parseUsd(c), parseUsd(l))).toBe(e));
  test("share", () => {
    expect(trappedShare(1, 4)).toBe(0.25);
    expect(trappedShare(0, 0)).toBeNull();
  });
});

describe("subsidy ratio = free-tier cost / paid revenue", () => {
  test("revenue is monthly price × active tenants × days/30", () => {
    expect(
      paidRevenue(
        [
          { monthlyPrice: parseUsd("20"), activeTenants: 3 },
          { monthlyPrice: parseUsd("400"), activeTenants: 1 },
        ],
        15,
      ),
    ).toBe(parseUsd("230"));
  });
  test.each([
    ["50", "200", 0.25],
    ["50", "0", null],
  ])("%s / %s → %s", (f, r, e) => expect(subsidyRatio(parseUsd(f), parseUsd(r))).toBe(e));
});
