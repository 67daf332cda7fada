import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { forecastCommitment } from "./commitment-forecast";
import { quotaPacing } from "./quota-pacing";
import { capacityMonth } from "./capacity-idle";

const commitment = {
  name: "OpenAI volume",
  provider: "openai",
  periodStart: "2026-07-01",
  periodEnd: "2027-07-01",
  monthlyFloorPico: parseUsd("10000"),
  discount: "0.15",
  lapseAfterMonths: 3,
};
const h = (pairs: [string, string][]) => pairs.map(([month, v]) => ({ month, spendPico: parseUsd(v), source: "invoice" as const }));

describe("forecastCommitment", () => {
  test("a falling run-rate misses the floor and the discount lapses months ahead", () => {
    const f = forecastCommitment(
      commitment,
      h([
        ["2026-07", "14000"],
        ["2026-08", "12500"],
        ["2026-09", "11000"],
        ["2026-10", "5000"],
      ]),
      new Date("2026-10-16T00:00:00Z"),
    );
    // October run-rate: 5000 × 31 / 15 days = 10333.33
    expect(f.months.find((m) => m.kind === "run_rate")?.spend_usd).toBe("10333.333333");
    expect(f.first_miss_month).toBe("2026-11");
    expect(f.lapse_month).toBe("2027-01");
    expect(f.months_ahead).toBe(3);
    expect(f.status).toBe("at_risk");
    expect(f.projected_increase).toBe(0.1765);
    expect(f.warning).toBe(
      "At the current run-rate the floor is missed in 2026-11; the discount lapses in 2027-01; projected bill +17.6 %.",
    );
  });
  test("a steady run-rate above the floor is on track", () => {
    const f = forecastCommitment(
      commitment,
      h([
        ["2026-07", "12000"],
        ["2026-08", "12000"],
        ["2026-09", "12000"],
        ["2026-10", "6000"],
      ]),
      new Date("2026-10-16T00:00:00Z"),
    );
    expect([f.status, f.lapse_month, f.warning]).toEqual(["ok", null, null]);
  });
  test("three actual months under the floor: lapsed", () => {
    const f = forecastCommitment(
      commitment,
      h([
        ["2026-07", "9000"],
        ["2026-08", "9000"],
        ["2026-09", "9000"],
      ]),
      new Date("2026-10-02T00:00:00Z"),
    );
    expect(f.status).toBe("lapsed");
    expect(f.lapse_month).toBe("2026-09");
  });
});

describe("quotaPacing", () => {
  test.each([
    // limit, used, now, action, runs out
    [1_000_000, 500_000, "2026-11-10T00:00:00Z", "downgrade", "2026-11-19T00:00:00.000Z"],
    [1_000_000, 200_000, "2026-11-10T00:00:00Z", "allow", null],
    [1_000_000, 1_000_000, "2026-11-20T00:00:00Z", "block", "2026-11-20T00:00:00.000Z"],
    [1_000_000, 0, "2026-11-02T00:00:00Z", "allow", null],
  ] as const)("limit %d, used %d at %s → %s", (limit, used, now, action, exhaustion) => {
    const p = quotaPacing({ limit, used, now: new Date(now) });
    expect(p.action).toBe(action);
    expect(p.projected_exhaustion).toBe(exhaustion);
  });
});

describe("capacityMonth", () => {
  const cap = {
    id: "c",
    name: "PTU",
    model: "gpt-4o",
    ownerTeam: "platform",
    hourlyCostPico: parseUsd("2"),
    capacityUnits: 1,
    tokensPerMinutePerUnit: 1000,
    startsAt: new Date("2026-10-01T00:00:00Z"),
    endsAt: null,
  };
  const from = new Date("2026-10-01T00:00:00Z");
  const to = new Date("2026-10-02T00:00:00Z");
  test.each([
    [0n, "48.000000", 0],
    [720_000n, "24.000000", 0.5],
    [1_440_000n, "0.000000", 1],
    [9_999_999n, "0.000000", 1],
  ])("%d tokens served in a day of 1.44M capacity: idle %s", (served, idle, util) => {
    const m = capacityMonth(cap, from, to, served);
    expect(m.cost_usd).toBe("48.000000");
    expect(m.idle_cost_usd).toBe(idle);
    expect(m.utilisation).toBe(util);
  });
});
