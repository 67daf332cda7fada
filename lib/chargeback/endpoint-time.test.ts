import { describe, expect, test } from "vitest";
import { formatUsd6, parseUsd } from "../money";
import { allocateEndpointTime, timeSegments, type RunningWindow, type TimeRule } from "./endpoint-time";
import { computeChargeback, type TeamUsage } from "./compute-chargeback";
import { chargebackReportFromWire, chargebackReportToWire } from "./chargeback-wire";
import { chargebackCsv } from "./chargeback-csv";

const T = (s: string) => new Date(`2026-10-${s}Z`);
const OCT = { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-11-01T00:00:00Z") };
const win = (id: string, start: Date, end: Date, team: string | null = null, model = "llama-70b"): RunningWindow => ({
  id,
  provider: "selfhost",
  model,
  startedAt: start,
  endedAt: end,
  team,
});
const rule = (id: string, perHour: string, from: Date, to: Date | null = null, extra: Partial<TimeRule> = {}): TimeRule => ({
  id,
  provider: "selfhost",
  model: "llama-70b",
  perHourUsd: perHour,
  allocationRule: "tokens",
  effectiveFrom: from,
  effectiveTo: to,
  ...extra,
});
const H = 3_600_000n;
/** one team's month of usage: one successful event of `cost` */
const usage = (team: string, cost: string): TeamUsage => ({
  team,
  costPico: parseUsd(cost),
  events: 1,
  successes: 1,
  correctTrue: 0,
  correctSet: 0,
  inputTokens: 1n,
  outputTokens: 1n,
});

describe("running windows cut into priced pieces", () => {
  test.each([
    {
      name: "cut at the month's end: 2026-10-31 22:00 → 11-01 02:00 has 2 h in October",
      windows: [win("w", T("31T22:00:00"), new Date("2026-11-01T02:00:00Z"))],
      rules: [rule("r", "2.5", new Date("2026-01-01T00:00:00Z"))],
      pieces: ["r 2026-10-31T22:00 → 2026-11-01T00:00"],
      unpriced: [],
    },
    {
      name: "a price change at 10:00 splits 08:00–12:00 into 2 h at the old and 2 h at the new rule",
      windows: [win("w", T("10T08:00:00"), T("10T12:00:00"))],
      rules: [rule("old", "2", new Date("2026-01-01T00:00:00Z"), T("10T10:00:00")), rule("new", "3", T("10T10:00:00"))],
      pieces: ["old 2026-10-10T08:00 → 2026-10-10T10:00", "new 2026-10-10T10:00 → 2026-10-10T12:00"],
      unpriced: [],
    },
    {
      name: "no rule before the 10th: 1 h unpriced, 1 h priced; the model's rule beats the provider's '*'",
      windows: [win("w", T("09T23:00:00"), T("10T01:00:00"))],
      rules: [rule("named", "2", T("10T00:00:00")), rule("star", "9", T("10T00:00:00"), null, { model: "*" })],
      pieces: ["named 2026-10-10T00:00 → 2026-10-10T01:00"],
      unpriced: ["w 3600000"],
    },
    {
      name: "another model's rule does not price the window",
      windows: [win("w", T("10T00:00:00"), T("10T01:00:00"))],
      rules: [rule("other", "2", T("01T00:00:00"), null, { model: "mistral-7b" })],
      pieces: [],
      unpriced: ["w 3600000"],
    },
  ])("$name", ({ windows, rules, pieces, unpriced }) => {
    const s = timeSegments(windows, rules, OCT.from, OCT.to);
    const short = (d: Date) => d.toISOString().slice(0, 16);
    expect(s.segments.map((x) => `${x.rule.id} ${short(x.from)} → ${short(x.to)}`)).toEqual(pieces);
    expect(s.unpriced.map((u) => `${u.window.id} ${u.ms}`)).toEqual(unpriced);
  });
});

describe("an endpoint's month allocated to the calls it served", () => {
  // 10 h × $2.50 = $25 by tokens: search 3,000 of 4,000 → 18.75, chat 1,000 → 6.25;
  // 4 h × $2.50 = $10 with no call: idle, charged to the window's owner (platform)
  const r = rule("r", "2.50", new Date("2026-01-01T00:00:00Z"));
  const busy = win("busy", T("10T00:00:00"), T("10T10:00:00"), "platform");
  const quiet = win("quiet", T("20T00:00:00"), T("20T04:00:00"), "platform");
  const inputs = allocateEndpointTime([
    {
      segment: { window: busy, rule: r, from: busy.startedAt, to: busy.endedAt },
      calls: [
        { team: "alpha", feature: "search", tokens: 3000n, requests: 2 },
        { team: "beta", feature: "chat", tokens: 1000n, requests: 6 },
      ],
    },
    { segment: { window: quiet, rule: r, from: quiet.startedAt, to: quiet.endedAt }, calls: [] },
  ]);

  test("shares and idle, exactly: 18.75 + 6.25 + 10 = 35 = 14 h × 2.50", () => {
    expect(inputs).toHaveLength(1);
    const e = inputs[0];
    expect(e.ms).toBe(14n * H);
    expect(e.served.map((s) => `${s.team}/${s.feature} ${formatUsd6(s.pico)}`)).toEqual(["alpha/search 18.750000", "beta/chat 6.250000"]);
    expect(e.idle.map((i) => `${i.team} ${formatUsd6(i.pico)}`)).toEqual(["platform 10.000000"]);
  });

  const report = computeChargeback({
    month: "2026-10",
    usage: [usage("alpha", "1"), usage("beta", "2")],
    previousUsage: [],
    knownTeams: ["alpha", "beta", "platform"],
    featureOwner: new Map(),
    featureTeamCost: new Map(),
    fixedCosts: [],
    endpointTime: inputs,
  });

  test("in the chargeback: the served time and the idle time are allocated lines of their own", () => {
    expect(report.allocations.map((a) => `${a.fixedCostId} ${a.team} ${formatUsd6(a.amountPico)}`)).toEqual([
      "endpoint_time:selfhost/llama-70b alpha 18.750000",
      "endpoint_time:selfhost/llama-70b beta 6.250000",
      "endpoint_idle:selfhost/llama-70b platform 10.000000",
    ]);
    const row = (t: string) => report.rows.find((x) => x.team === t)!;
    expect(formatUsd6(row("alpha").allocatedPico)).toBe("18.750000");
    expect(formatUsd6(row("platform").totalPico)).toBe("10.000000");
    // 1 + 2 usage + 35 endpoint time
    expect(formatUsd6(report.totalPico)).toBe("38.000000");
    expect(report.endpointTime![0]).toMatchObject({ costPico: parseUsd("35"), idlePico: parseUsd("10") });
  });

  test("a frozen snapshot reads back to the same report (and wire form)", () => {
    const wire = chargebackReportToWire(report);
    expect(wire.endpoint_time![0]).toMatchObject({ hours: "14.000000", cost_usd: "35.000000", idle_usd: "10.000000" });
    const back = chargebackReportFromWire(JSON.parse(JSON.stringify(wire)));
    expect(JSON.stringify(chargebackReportToWire(back))).toBe(JSON.stringify(wire));
  });

  test("a third of a cent over three equal calls: each team's features add up to its rounded line", () => {
    // 1 h at $0.000010 by requests over three teams' single features: 10 µ$ / 3 → 3.33 µ$ each;
    // the micro-dollar columns round to 4 + 3 + 3 = 10 and each feature equals its team's line
    const w = win("w", T("05T00:00:00"), T("05T01:00:00"));
    const tiny = allocateEndpointTime([
      {
        segment: {
          window: w,
          rule: rule("t", "0.00001", T("01T00:00:00"), null, { allocationRule: "requests" }),
          from: w.startedAt,
          to: w.endedAt,
        },
        calls: ["a", "b", "c"].map((t) => ({ team: t, feature: `${t}_f`, tokens: 0n, requests: 1 })),
      },
    ]);
    const r2 = computeChargeback({
      ...{
        month: "2026-10",
        usage: [],
        previousUsage: [],
        knownTeams: [],
        featureOwner: new Map(),
        featureTeamCost: new Map(),
        fixedCosts: [],
      },
      endpointTime: tiny,
    });
    const features = r2.endpointTime![0].features.map((f) => formatUsd6(f.amountPico));
    expect(features).toEqual(["0.000004", "0.000003", "0.000003"]);
    expect(formatUsd6(r2.fixedCostsPico)).toBe("0.000010");
  });
});

describe("internal margins shown apart", () => {
  const base = {
    month: "2026-10",
    usage: [usage("alpha", "10"), usage("beta", "0.3333333")],
    previousUsage: [],
    knownTeams: ["alpha", "beta"],
    featureOwner: new Map(),
    featureTeamCost: new Map(),
    fixedCosts: [{ id: "f", name: "GPU", amountPico: parseUsd("1"), allocation: { rule: "even" as const } }],
  };

  test("provider cost, margin and recharged total per team: 10 + 0.5 shared = 10.5 provider, + 15 % of 10 = 1.5 margin → 12 recharged", () => {
    const r = computeChargeback({
      ...base,
      marginByTeam: new Map([
        ["alpha", parseUsd("1.5")],
        ["beta", parseUsd("0.04999995")],
      ]),
    });
    const alpha = r.rows.find((x) => x.team === "alpha")!;
    expect([alpha.totalPico, alpha.marginPico, alpha.rechargedPico].map((p) => formatUsd6(p!))).toEqual([
      "10.500000",
      "1.500000",
      "12.000000",
    ]);
    // beta: 0.3333333 + 0.5 = 0.833333; margin 0.04999995 rounds to 0.050000 (column: 1.54999995 → 1.550000)
    const beta = r.rows.find((x) => x.team === "beta")!;
    expect([beta.totalPico, beta.marginPico, beta.rechargedPico].map((p) => formatUsd6(p!))).toEqual(["0.833333", "0.050000", "0.883333"]);
    expect(formatUsd6(r.marginPico!)).toBe("1.550000");
    expect(formatUsd6(r.rechargedPico!)).toBe(formatUsd6(r.totalPico + r.marginPico!));
    expect(r.rows.reduce((s, x) => s + x.rechargedPico!, 0n)).toBe(r.rechargedPico);
    const [head, first] = chargebackCsv(r).split("\r\n");
    expect(head).toBe(
      "team,direct_usd,allocated_usd,total_usd,margin_usd,recharged_usd,events,share,success_rate,correct_rate,ter,ter_change",
    );
    expect(first.startsWith("alpha,10.000000,0.500000,10.500000,1.500000,12.000000,")).toBe(true);
  });

  test("a month without margins carries no margin fields (the API's answer is unchanged)", () => {
    const r = chargebackReportToWire(computeChargeback({ ...base, marginByTeam: new Map() }));
    expect("margin_usd" in r).toBe(false);
    expect(r.rows.some((x) => "margin_usd" in x)).toBe(false);
  });
});
