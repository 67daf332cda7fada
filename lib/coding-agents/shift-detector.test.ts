import { describe, expect, test } from "vitest";
import { parseUsd } from "../money";
import { addDays } from "../time";
import { combineShift, detectOwnerShift, detectVolumeShift, type OwnerPoint, type SeriesPoint } from "./shift-detector";

// 2026-11-30 is a Monday: the six whole weeks judged are 2026-10-19 … 2026-11-29
const AS_OF = "2026-11-30";
const START = "2026-10-19";
const DAYS = Array.from({ length: 42 }, (_, i) => addDays(START, i));
const weekday = (d: string) => (new Date(d + "T00:00:00Z").getUTCDay() + 6) % 7; // 0 = Monday

/** runs per day × unit cost; growth = total factor over the six weeks (linear), weekly rhythm optional */
function series(o: { runs: number; unitUsd: string; growth?: number; unitGrowth?: number; weekends?: boolean }): SeriesPoint[] {
  return DAYS.map((day, i) => {
    const f = 1 + ((o.growth ?? 1) - 1) * (i / 41);
    const rhythm = o.weekends ? (weekday(day) >= 5 ? 0.2 : 1.32) : 1;
    const units = Math.round(o.runs * f * rhythm);
    const unitF = 1 + ((o.unitGrowth ?? 1) - 1) * (i / 41);
    const unit = (parseUsd(o.unitUsd) * BigInt(Math.round(unitF * 1000))) / 1000n;
    return { day, costPico: unit * BigInt(units), units };
  });
}

describe("volume-driven growth", () => {
  test.each([
    {
      name: "CI bill doubles, per-run cost flat (the field story)",
      s: series({ runs: 40, unitUsd: "0.80", growth: 2.3 }),
      fired: true,
      severity: "critical",
    },
    {
      name: "same story with a weekly rhythm",
      s: series({ runs: 40, unitUsd: "0.80", growth: 2.3, weekends: true }),
      fired: true,
      severity: "critical",
    },
    {
      name: "+55 % volume between the windows, flat unit cost",
      s: series({ runs: 40, unitUsd: "0.80", growth: 1.9 }),
      fired: true,
      severity: "warning",
    },
    { name: "flat traffic", s: series({ runs: 40, unitUsd: "0.80" }), fired: false },
    { name: "weekly seasonal traffic, no trend (no false alarm)", s: series({ runs: 40, unitUsd: "0.80", weekends: true }), fired: false },
    {
      name: "cost doubles because the unit cost doubled (price, not volume)",
      s: series({ runs: 40, unitUsd: "0.80", unitGrowth: 2.2 }),
      fired: false,
    },
    {
      name: "volume doubles but unit cost halves (cost flat)",
      s: series({ runs: 40, unitUsd: "0.80", growth: 2.2, unitGrowth: 0.45 }),
      fired: false,
    },
    { name: "too few runs to judge", s: series({ runs: 0.2, unitUsd: "0.80", growth: 3 }), fired: false },
  ])("$name", ({ s, fired, severity }) => {
    const f = detectVolumeShift("ci", s, AS_OF);
    expect(f.fired).toBe(fired);
    if (severity) expect(f.severity).toBe(severity);
    expect(Object.keys(f.evidence_units)).toEqual(Object.keys(f.evidence));
  });

  test("the evidence gives the figures", () => {
    const f = detectVolumeShift("ci", series({ runs: 40, unitUsd: "0.80", growth: 2 }), AS_OF);
    expect(f.evidence.compared).toBe("2026-10-19 – 2026-11-01 vs 2026-11-16 – 2026-11-29 (whole weeks)");
    expect(f.evidence.unit_cost_before).toBeCloseTo(0.8, 6);
    expect(f.evidence.unit_cost_after).toBeCloseTo(0.8, 6);
    expect(Number(f.evidence.cost_change)).toBeGreaterThan(0.5);
  });
});

describe("owner shift", () => {
  const owners = (split: (i: number) => number): OwnerPoint[] =>
    DAYS.flatMap((day, i) => [
      { day, owner: "platform", costPico: (parseUsd("100") * BigInt(Math.round(split(i) * 1000))) / 1000n },
      { day, owner: "payments", costPico: (parseUsd("100") * BigInt(Math.round((1 - split(i)) * 1000))) / 1000n },
    ]);
  test.each([
    { name: "platform's share goes from 10 % to 70 %", pts: owners((i) => 0.1 + 0.6 * (i / 41)), fired: true, owner: "platform" },
    { name: "stable 30/70 split", pts: owners(() => 0.3), fired: false },
    { name: "stable split with a weekly rhythm in both", pts: owners((i) => (weekday(DAYS[i]) >= 5 ? 0.35 : 0.3)), fired: false },
    { name: "a 10-point drift is not a shift", pts: owners((i) => 0.3 + 0.1 * (i / 41)), fired: false },
    { name: "no cost at all", pts: [] as OwnerPoint[], fired: false },
  ])("$name", ({ pts, fired, owner }) => {
    const f = detectOwnerShift("ci", pts, AS_OF);
    expect(f.fired).toBe(fired);
    if (owner) {
      expect(f.evidence.owner).toBe(owner);
      expect(f.evidence.previous_owner).toBe("payments");
    }
  });
});

describe("one finding per coding-agent line (the Anti-patterns read and the board report)", () => {
  const flatOwners = (pts: SeriesPoint[], owner: (i: number) => string): OwnerPoint[] =>
    pts.map((p, i) => ({ day: p.day, owner: owner(i), costPico: p.costPico }));
  const prs = (pts: SeriesPoint[]) => pts.map((p) => ({ ...p, units: Math.round(p.units / 3) }));
  test.each([
    {
      name: "volume-driven growth and a move to platform (the demo story)",
      runs: series({ runs: 18, unitUsd: "0.85", growth: 2.3, weekends: true }),
      owner: (i: number) => (i < 14 ? "support" : "platform"),
      fired: true,
      severity: "critical",
      says: ["cost per CI run moved", "moved to platform (from support)", "No saving is priced"],
    },
    {
      name: "volume-driven growth only",
      runs: series({ runs: 40, unitUsd: "0.80", growth: 1.9 }),
      owner: () => "support",
      fired: true,
      severity: "warning",
      says: ["cost per CI run moved", "No saving is priced"],
    },
    {
      name: "owner shift only, flat line",
      runs: series({ runs: 40, unitUsd: "0.80" }),
      owner: (i: number) => (i < 21 ? "support" : "platform"),
      fired: true,
      severity: "critical",
      says: ["moved to platform", "No saving is priced"],
    },
    {
      name: "seasonal, one owner: no finding",
      runs: series({ runs: 40, unitUsd: "0.80", weekends: true }),
      owner: () => "support",
      fired: false,
      severity: "warning",
      says: ["No shift"],
    },
  ])("$name", ({ runs, owner, fired, severity, says }) => {
    const f = combineShift(
      "Agent CI runs — support",
      detectVolumeShift("r", runs, AS_OF),
      detectVolumeShift("p", prs(runs), AS_OF),
      detectOwnerShift("o", flatOwners(runs, owner), AS_OF),
    );
    expect(f.detector).toBe("coding_agent_shift");
    expect(f.fired).toBe(fired);
    expect(f.severity).toBe(severity);
    for (const s of says) expect(f.signal).toContain(s);
    if (!fired) expect(f.signal).not.toContain("No saving");
    expect(Object.keys(f.evidence_units)).toEqual(Object.keys(f.evidence));
  });

  test("the evidence: cost, unit cost per run and per merged PR, volume, owner shares", () => {
    const runs = series({ runs: 30, unitUsd: "0.85", growth: 2.3 });
    const f = combineShift(
      "x",
      detectVolumeShift("r", runs, AS_OF),
      detectVolumeShift("p", prs(runs), AS_OF),
      detectOwnerShift(
        "o",
        flatOwners(runs, (i) => (i < 14 ? "support" : "platform")),
        AS_OF,
      ),
    );
    const e = f.evidence;
    expect(e.cost_per_run_before).toBeCloseTo(0.85, 6);
    expect(e.cost_per_run_after).toBeCloseTo(0.85, 6);
    expect(Number(e.weekly_cost_after)).toBeGreaterThan(1.5 * Number(e.weekly_cost_before));
    expect(Number(e.volume_change)).toBeGreaterThan(0.4);
    expect(Number(e.cost_per_merged_pr_before)).toBeCloseTo(2.55, 1);
    expect(e).toMatchObject({ owner: "platform", previous_owner: "support", owner_share_before: 0, owner_share_after: 1 });
    expect(f.evidence_units).toMatchObject({
      weekly_cost_before: "usd",
      volume_change: "ratio",
      owner_share_after: "ratio",
      owner: "text",
    });
  });
});
