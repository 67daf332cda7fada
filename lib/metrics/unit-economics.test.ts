import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { roiAndPayback, unitEconomics } from "./unit-economics";

const base = {
  units: 1000,
  successes: 900,
  events: 1000,
  inferenceCost: parseUsd("100"),
  harnessCost: parseUsd("300"),
  valuePerUnit: parseUsd("1"),
  periodDays: 30,
};

describe("unit economics formula", () => {
  test("margin = value × success − inference cost per unit; profit = margin × volume − fixed", () => {
    const r = unitEconomics(base);
    expect(r.inferencePerUnit).toBe(parseUsd("0.1"));
    expect(r.harnessPerUnit).toBe(parseUsd("0.3"));
    expect(r.totalPerUnit).toBe(parseUsd("0.4"));
    expect(r.unitMargin).toBe(parseUsd("0.8"));
    expect(r.monthlyProfit).toBe(parseUsd("500"));
    expect(r.roiPercent).toBeCloseTo(166.666666, 5);
    expect(r.paybackMonths).toBeCloseTo(0.6, 6);
  });
  test("a 15-day period is scaled to 30 days", () => {
    const r = unitEconomics({ ...base, periodDays: 15 });
    expect(r.monthlyVolume).toBe(2000);
    expect(r.monthlyFixedCosts).toBe(parseUsd("600"));
    expect(r.monthlyProfit).toBe(parseUsd("1000"));
  });
  test("no value per unit → no margin, profit, ROI, payback", () => {
    expect(unitEconomics({ ...base, valuePerUnit: null })).toMatchObject({
      unitMargin: null,
      monthlyProfit: null,
      roiPercent: null,
      paybackMonths: null,
    });
  });
  test("no units → per-unit terms null", () => {
    expect(unitEconomics({ ...base, units: 0, events: 0 })).toMatchObject({ inferencePerUnit: null, unitMargin: null, successRate: null });
  });
});

describe("ROI and payback at the edges", () => {
  test.each([
    ["500", "300", 166.666666, 0.6],
    ["100", "0", null, 0], // no fixed costs: nothing to pay back
    ["0", "300", 0, null], // zero profit never pays back
    ["-300", "300", -100, null],
    ["-50", "0", null, null],
  ])("profit %s, fixed %s → ROI %s %%, payback %s", (p, f, roi, payback) => {
    const r = roiAndPayback(parseUsd(p), parseUsd(f));
    if (roi === null) expect(r.roiPercent).toBeNull();
    else expect(r.roiPercent).toBeCloseTo(roi, 5);
    expect(r.paybackMonths).toBe(payback);
  });
});
