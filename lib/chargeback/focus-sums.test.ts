/**
 * Property test (issue 23 item 10): every FOCUS export sums to the chargeback to the
 * cent-millionth, per team and in total, for any month, usage, allocation and true-up —
 * including a closed month whose frozen snapshot no longer matches the rollups (late
 * arrivals, restated events). Seeded pseudo-random cases; pure, no database.
 */
import { describe, expect, test } from "vitest";
import { formatUsd6, parseUsd } from "../money";
import type { AllocationRule } from "../costs/schemas";
import { computeChargeback, type ChargebackReport, type FixedCostInMonth, type TeamUsage } from "./compute-chargeback";
import { chargebackReportFromWire, chargebackReportToWire, type ChargebackReportWire } from "./chargeback-wire";
import { buildFocusRows, FOCUS_13_COLUMNS, type FocusRow, type FocusUsageInput } from "./focus-rows";
import { checkFocus } from "./focus-conformance";

/** mulberry32: a small deterministic PRNG, so a failing case can be replayed from its seed */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const big = (digits: number) => {
    let s = "";
    for (let i = 0; i < digits; i++) s += String(int(0, 9));
    return BigInt(s || "0");
  };
  return { next, int, pick, big };
}
type R = ReturnType<typeof prng>;

const TEAMS = ["alpha", "beta", "gamma", "delta", "epsilon", "unallocated"] as const;
const FEATURES = ["search", "support", "summarise", "triage"] as const;
const MODELS = ["gpt-4o", "claude-sonnet-4-5", "gemini-2.5-pro"] as const;
const PROVIDERS = ["openai", "anthropic", "google"] as const;

/** a cost in picodollars: sub-micro dust, half-micro ties, whole micros or anything up to $100k */
function cost(r: R): bigint {
  switch (r.int(0, 4)) {
    case 0:
      return BigInt(r.int(0, 1_999_999)); // < 2 micro-dollars
    case 1:
      return BigInt(r.int(0, 50)) * 1_000_000n + 500_000n; // exactly half a micro-dollar over
    case 2:
      return BigInt(r.int(0, 10_000_000)) * 1_000_000n; // whole micro-dollars
    default:
      return r.big(r.int(1, 17));
  }
}

function rule(r: R, features: string[]): AllocationRule {
  switch (r.int(0, 4)) {
    case 0:
      return { rule: "proportional" };
    case 1:
      return { rule: "even" };
    case 2: {
      const teams = [...new Set(Array.from({ length: r.int(1, 4) }, () => r.pick(TEAMS.slice(0, 5))))];
      let left = 100_000_000; // percent in millionths
      const percentages: Record<string, string> = {};
      for (const t of teams) {
        const p = r.int(0, left);
        left -= p;
        percentages[t] =
          formatUsd6(BigInt(p) * 1_000_000n)
            .replace(/0+$/, "")
            .replace(/\.$/, "") || "0";
      }
      return { rule: "percentages", percentages };
    }
    case 3:
      return { rule: "direct", team: r.pick(TEAMS.slice(0, 5)) };
    default:
      return { rule: "direct", feature: r.pick(features) };
  }
}

type Case = { usage: FocusUsageInput[]; report: ChargebackReport; from: Date; to: Date; month: string; changed: boolean };

function makeCase(seed: number): Case {
  const r = prng(seed);
  const year = r.int(2020, 2030);
  const m = r.int(1, 12);
  const month = `${year}-${String(m).padStart(2, "0")}`;
  const from = new Date(Date.UTC(year, m - 1, 1));
  const to = new Date(Date.UTC(year, m, 1));
  const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);

  const seen = new Set<string>();
  const usage: FocusUsageInput[] = [];
  const nRows = r.int(0, 60);
  for (let i = 0; i < nRows; i++) {
    const row = {
      day: new Date(Date.UTC(year, m - 1, r.int(1, days))),
      feature: r.pick(FEATURES),
      team: r.pick(TEAMS),
      tier: r.pick(["free", "pro", "enterprise"]),
      model: r.pick(MODELS),
      environment: r.pick(["production", "staging"]),
      provider: r.pick(PROVIDERS),
    };
    const k = JSON.stringify(row);
    if (seen.has(k)) continue; // one rollup row per key
    seen.add(k);
    usage.push({
      ...row,
      events: r.int(1, 500),
      input: BigInt(r.int(0, 1e6)),
      output: BigInt(r.int(0, 1e5)),
      cached: 0n,
      cacheWrite: 0n,
      reasoning: 0n,
      costPico: cost(r),
      catalogPico: cost(r),
    });
  }

  const byTeam = new Map<string, TeamUsage>();
  const featureTeamCost = new Map<string, Map<string, bigint>>();
  for (const u of usage) {
    const t = byTeam.get(u.team) ?? {
      team: u.team,
      costPico: 0n,
      events: 0,
      successes: 0,
      correctTrue: 0,
      correctSet: 0,
      inputTokens: 0n,
      outputTokens: 0n,
    };
    t.costPico += u.costPico;
    t.events += u.events;
    t.inputTokens += u.input;
    t.outputTokens += u.output;
    byTeam.set(u.team, t);
    const f = featureTeamCost.get(u.feature) ?? new Map<string, bigint>();
    f.set(u.team, (f.get(u.team) ?? 0n) + u.costPico);
    featureTeamCost.set(u.feature, f);
  }
  const features = [...FEATURES];
  const fixedCosts: FixedCostInMonth[] = Array.from({ length: r.int(0, 6) }, (_, i) => ({
    id: `fc${i}`,
    name: `Fixed ${i}`,
    amountPico: cost(r),
    allocation: rule(r, features),
  }));
  const trueUp =
    r.int(0, 2) === 0
      ? { amountPico: BigInt(r.int(-5_000_000, 5_000_000)) * 1_000_000n + (r.int(0, 1) ? 0n : 7_000_000n), allocation: rule(r, features) }
      : null;

  const report = computeChargeback({
    month,
    usage: [...byTeam.values()],
    previousUsage: [],
    knownTeams: TEAMS.slice(0, r.int(0, 5)),
    featureOwner: new Map(features.map((f) => [f, r.int(0, 1) ? r.pick(TEAMS.slice(0, 5)) : null])),
    featureTeamCost,
    fixedCosts,
    trueUp,
  });
  // a closed month is a JSON snapshot; a third of the cases also see the rollups change after the close
  const snapshot = chargebackReportFromWire(JSON.parse(JSON.stringify(chargebackReportToWire(report))) as ChargebackReportWire);
  const changed = r.int(0, 2) === 0;
  if (changed) {
    const closed = [...usage];
    for (let i = r.int(1, 4); i > 0; i--) {
      const late = { ...r.pick(closed.length ? closed : [undefined])! };
      if (!late.team) break;
      if (r.int(0, 1)) late.team = "zeta"; // a team the frozen chargeback never saw
      late.environment = `late-${i}`; // another rollup key (unique, like the rollups' primary key)
      late.costPico = cost(r);
      usage.push(late);
    }
    if (usage.length && r.int(0, 1)) usage.splice(r.int(0, usage.length - 1), 1); // an event deleted after the close
  }
  return { usage, report: snapshot, from, to, month, changed };
}

function focus(c: Case): FocusRow[] {
  return buildFocusRows({
    organizationId: "org",
    organizationName: "Org",
    month: c.month,
    from: c.from,
    to: c.to,
    usage: c.usage,
    report: c.report,
    daysInMonth: new Map(),
    invoiceIds: new Map([["openai", "acct:m"]]),
    rates: () => null,
  });
}

const sum = (xs: (string | null)[]) => xs.reduce((s, x) => s + parseUsd(x ?? "0"), 0n);
const CASES = 1000;

describe("FOCUS BilledCost sums to the chargeback (property, seeded)", () => {
  test(`${CASES} random months, allocations, true-ups and late arrivals: per team and in total, to the cent-millionth`, () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= CASES && failures.length < 5; seed++) {
      const c = makeCase(seed);
      let rows: FocusRow[];
      try {
        rows = focus(c);
      } catch (e) {
        failures.push(`seed ${seed}: threw ${(e as Error).message}`);
        continue;
      }
      for (const row of rows) if (!/^-?\d+\.\d{6}$/.test(row.BilledCost ?? "")) failures.push(`seed ${seed}: BilledCost ${row.BilledCost}`);
      // every row set also passes the FOCUS 1.3 checker (the first cases: the checker is the slow part)
      if (seed <= 200) {
        const text = rows.map((x) => Object.fromEntries(FOCUS_13_COLUMNS.map((k) => [k, x[k] ?? ""])));
        for (const v of checkFocus("1.3", [...FOCUS_13_COLUMNS], text)) failures.push(`seed ${seed}: ${v.column} ${v.rule} (${v.value})`);
      }
      // the reconciliation row is for a frozen month whose rollups changed, never for rounding
      if (!c.changed && rows.some((x) => x.ServiceName === "Chargeback reconciliation"))
        failures.push(`seed ${seed}: a reconciliation row although the rollups match the chargeback`);
      const total = sum(rows.map((x) => x.BilledCost));
      if (total !== c.report.totalPico)
        failures.push(`seed ${seed}: total ${formatUsd6(total)} != chargeback ${formatUsd6(c.report.totalPico)}`);
      const teams = new Set([...c.report.rows.map((t) => t.team), ...rows.map((x) => x.x_Team ?? "")]);
      for (const team of teams) {
        const got = sum(rows.filter((x) => x.x_Team === team).map((x) => x.BilledCost));
        const want = c.report.rows.find((t) => t.team === team)?.totalPico ?? 0n;
        if (got !== want) failures.push(`seed ${seed}: team ${team} ${formatUsd6(got)} != chargeback ${formatUsd6(want)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  test("the chargeback's own allocation lines add up to each team's allocated_usd", () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= CASES && failures.length < 5; seed++) {
      const { report } = makeCase(seed);
      for (const row of report.rows) {
        const got = report.allocations.filter((a) => a.team === row.team).reduce((s, a) => s + a.amountPico, 0n);
        if (got !== row.allocatedPico)
          failures.push(`seed ${seed}: ${row.team} allocations ${formatUsd6(got)} != allocated ${formatUsd6(row.allocatedPico)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
