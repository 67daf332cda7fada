/**
 * The shift detector (the seventh anti-pattern; docs/coding-agents.md "Shift detector"). Pure.
 *
 * 1. Volume-driven growth: a cost line (e.g. agent CI runs) grows fast while its unit cost (per
 *    run, per merged PR, per developer) stays flat — every unit dashboard looks normal while the
 *    bill climbs. Judged on whole ISO weeks (Monday–Sunday, UTC) so that a weekly rhythm (quiet
 *    weekends) never looks like growth: the mean of the last `windowWeeks` whole weeks against the
 *    mean of the `windowWeeks` whole weeks that start `spanWeeks` before the end.
 * 2. Owner shift: the same line's cost moves between budget owners (one team → another, labour →
 *    infrastructure): an owner's share of the line rises by ≥ `ownerShiftPoints` between the windows.
 * Evidence is in figures with units, like lib/metrics/anti-patterns.
 */
import { addDays } from "../time";
import { toChartNumber, type Pico } from "../money";
import type { EvidenceUnit } from "../format";

export type ShiftFinding = {
  detector: "volume_driven_growth" | "owner_shift";
  subject: string;
  fired: boolean;
  severity: "warning" | "critical";
  signal: string;
  evidence: Record<string, number | string | null>;
  evidence_units: Record<string, EvidenceUnit>;
};

export const SHIFT_THRESHOLDS = {
  spanWeeks: 6, // compare the first and last weeks of a six-week span
  windowWeeks: 2, // … two whole weeks each
  costGrowth: 0.5, // the line's cost rose ≥ 50 % …
  volumeGrowth: 0.4, // … its volume ≥ 40 % …
  unitCostFlat: 0.15, // … while its unit cost moved less than ±15 %
  criticalGrowth: 0.7, // up ≥ 70 % window to window (a line that doubles from the first day to the last): critical
  ownerShiftPoints: 0.2, // an owner's share of the line rose ≥ 20 points
  minBaseUnits: 10, // at least 10 units in the earlier window to judge a unit cost
} as const;

export type SeriesPoint = { day: string; costPico: Pico; units: number };
export type OwnerPoint = { day: string; owner: string; costPico: Pico };

const mondayOf = (day: string) => addDays(day, -((new Date(day + "T00:00:00Z").getUTCDay() + 6) % 7));

/** The two windows of whole weeks ending before the week of `asOf` (exclusive). */
export function shiftWindows(asOf: string, t = SHIFT_THRESHOLDS) {
  const end = mondayOf(asOf);
  const start = addDays(end, -7 * t.spanWeeks);
  const baseTo = addDays(start, 7 * t.windowWeeks);
  const recentFrom = addDays(end, -7 * t.windowWeeks);
  return {
    base: { from: start, to: baseTo },
    recent: { from: recentFrom, to: end },
    label: `${start} – ${addDays(baseTo, -1)} vs ${recentFrom} – ${addDays(end, -1)} (whole weeks)`,
  };
}

const inWin = (d: string, w: { from: string; to: string }) => d >= w.from && d < w.to;
const change = (a: number, b: number) => (a > 0 ? (b - a) / a : null);
const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

export function detectVolumeShift(subject: string, points: SeriesPoint[], asOf: string, t = SHIFT_THRESHOLDS): ShiftFinding {
  const w = shiftWindows(asOf, t);
  const agg = (win: { from: string; to: string }) =>
    points
      .filter((p) => inWin(p.day, win))
      .reduce((a, p) => ({ cost: a.cost + p.costPico, units: a.units + p.units }), { cost: 0n, units: 0 });
  const b = agg(w.base),
    r = agg(w.recent);
  const weeks = t.windowWeeks;
  const costB = toChartNumber(b.cost) / weeks,
    costR = toChartNumber(r.cost) / weeks;
  const unitB = b.units > 0 ? toChartNumber(b.cost) / b.units : null;
  const unitR = r.units > 0 ? toChartNumber(r.cost) / r.units : null;
  const costChange = change(costB, costR);
  const volChange = change(b.units / weeks, r.units / weeks);
  const unitChange = unitB !== null && unitR !== null ? change(unitB, unitR) : null;
  const fired =
    b.units >= t.minBaseUnits &&
    costChange !== null &&
    costChange >= t.costGrowth &&
    volChange !== null &&
    volChange >= t.volumeGrowth &&
    unitChange !== null &&
    Math.abs(unitChange) < t.unitCostFlat;
  return {
    detector: "volume_driven_growth",
    subject,
    fired,
    severity: fired && costChange! >= t.criticalGrowth ? "critical" : "warning",
    signal: fired
      ? `Cost per week up ${Math.round(costChange! * 100)} % while the cost per unit moved ${Math.round(unitChange! * 100)} %: the growth is volume, not price — no unit dashboard shows it.`
      : "No volume-driven growth: the cost did not grow fast with a flat unit cost.",
    evidence: {
      compared: w.label,
      weekly_cost_before: r4(costB),
      weekly_cost_after: r4(costR),
      cost_change: r4(costChange),
      weekly_units_before: r4(b.units / weeks),
      weekly_units_after: r4(r.units / weeks),
      volume_change: r4(volChange),
      unit_cost_before: r4(unitB),
      unit_cost_after: r4(unitR),
      unit_cost_change: r4(unitChange),
    },
    evidence_units: {
      compared: "text",
      weekly_cost_before: "usd",
      weekly_cost_after: "usd",
      cost_change: "ratio",
      weekly_units_before: "number",
      weekly_units_after: "number",
      volume_change: "ratio",
      unit_cost_before: "usd",
      unit_cost_after: "usd",
      unit_cost_change: "ratio",
    },
  };
}

export function detectOwnerShift(subject: string, points: OwnerPoint[], asOf: string, t = SHIFT_THRESHOLDS): ShiftFinding {
  const w = shiftWindows(asOf, t);
  const shares = (win: { from: string; to: string }) => {
    const by = new Map<string, bigint>();
    let total = 0n;
    for (const p of points) {
      if (!inWin(p.day, win)) continue;
      by.set(p.owner, (by.get(p.owner) ?? 0n) + p.costPico);
      total += p.costPico;
    }
    return {
      total,
      share: (o: string) => (total > 0n ? toChartNumber(by.get(o) ?? 0n) / toChartNumber(total) : 0),
      owners: [...by.keys()],
    };
  };
  const b = shares(w.base),
    r = shares(w.recent);
  let best: { owner: string; before: number; after: number } | null = null;
  if (b.total > 0n && r.total > 0n) {
    for (const o of new Set([...b.owners, ...r.owners])) {
      const d = r.share(o) - b.share(o);
      if (!best || d > best.after - best.before) best = { owner: o, before: b.share(o), after: r.share(o) };
    }
  }
  const moved = best ? best.after - best.before : 0;
  const fired = !!best && moved >= t.ownerShiftPoints;
  const from = fired
    ? ([...new Set([...b.owners])].filter((o) => o !== best!.owner).sort((x, y) => b.share(y) - b.share(x))[0] ?? null)
    : null;
  return {
    detector: "owner_shift",
    subject,
    fired,
    severity: fired && moved >= 2 * t.ownerShiftPoints ? "critical" : "warning",
    signal: fired
      ? `${Math.round(moved * 100)} points of this cost moved to ${best!.owner}${from ? ` (from ${from})` : ""}: a budget owner now pays for work that another owns.`
      : "No shift between budget owners.",
    evidence: {
      compared: w.label,
      owner: best?.owner ?? null,
      previous_owner: from,
      share_before: r4(best?.before ?? null),
      share_after: r4(best?.after ?? null),
      line_cost_before: r4(toChartNumber(b.total)),
      line_cost_after: r4(toChartNumber(r.total)),
    },
    evidence_units: {
      compared: "text",
      owner: "text",
      previous_owner: "text",
      share_before: "ratio",
      share_after: "ratio",
      line_cost_before: "usd",
      line_cost_after: "usd",
    },
  };
}

/**
 * The seventh anti-pattern as one finding per coding-agent cost line (e.g. one team's agent CI
 * runs), for the Anti-patterns read and the board report: the volume check per run and per merged
 * PR and the owner check, with all their figures. Fires when any of the three fires. No saving is
 * priced (a shift is not an opportunity: the cost is real work, moved or multiplied), and the
 * signal says so.
 */
export type CombinedShift = Omit<ShiftFinding, "detector"> & { detector: "coding_agent_shift" };

export const NO_SAVING_NOTE =
  "No saving is priced, so it is not in the opportunities list: the runs are real work — decide whether the volume is wanted and which budget should carry it.";

export function combineShift(subject: string, perRun: ShiftFinding, perPr: ShiftFinding, owner: ShiftFinding): CombinedShift {
  const parts = [perRun, perPr, owner];
  const fired = parts.some((p) => p.fired);
  const critical = parts.some((p) => p.fired && p.severity === "critical");
  // the volume check in words, per CI run when it fired so, else per merged PR
  const volumeSignal = perRun.fired
    ? perRun.signal.replace("cost per unit", "cost per CI run")
    : perPr.fired
      ? perPr.signal.replace("cost per unit", "cost per merged PR")
      : null;
  const signal = fired
    ? [volumeSignal, owner.fired ? owner.signal : null, NO_SAVING_NOTE].filter(Boolean).join(" ")
    : "No shift: the line did not grow fast with a flat unit cost, and no budget owner took over a larger share.";
  const v = perRun.evidence,
    p = perPr.evidence,
    o = owner.evidence;
  const evidence: Record<string, number | string | null> = {
    compared: v.compared,
    weekly_cost_before: v.weekly_cost_before,
    weekly_cost_after: v.weekly_cost_after,
    cost_change: v.cost_change,
    runs_per_week_before: v.weekly_units_before,
    runs_per_week_after: v.weekly_units_after,
    volume_change: v.volume_change,
    cost_per_run_before: v.unit_cost_before,
    cost_per_run_after: v.unit_cost_after,
    cost_per_run_change: v.unit_cost_change,
    merged_prs_per_week_before: p.weekly_units_before,
    merged_prs_per_week_after: p.weekly_units_after,
    cost_per_merged_pr_before: p.unit_cost_before,
    cost_per_merged_pr_after: p.unit_cost_after,
    cost_per_merged_pr_change: p.unit_cost_change,
    owner: o.owner,
    previous_owner: o.previous_owner,
    owner_share_before: o.share_before,
    owner_share_after: o.share_after,
  };
  const evidence_units: Record<string, EvidenceUnit> = {
    compared: "text",
    weekly_cost_before: "usd",
    weekly_cost_after: "usd",
    cost_change: "ratio",
    runs_per_week_before: "number",
    runs_per_week_after: "number",
    volume_change: "ratio",
    cost_per_run_before: "usd",
    cost_per_run_after: "usd",
    cost_per_run_change: "ratio",
    merged_prs_per_week_before: "number",
    merged_prs_per_week_after: "number",
    cost_per_merged_pr_before: "usd",
    cost_per_merged_pr_after: "usd",
    cost_per_merged_pr_change: "ratio",
    owner: "text",
    previous_owner: "text",
    owner_share_before: "ratio",
    owner_share_after: "ratio",
  };
  return { detector: "coding_agent_shift", subject, fired, severity: critical ? "critical" : "warning", signal, evidence, evidence_units };
}
