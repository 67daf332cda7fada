import "server-only";
import { db } from "../db";
import { formatUsd6, parseUsd, type Pico } from "../money";
import { addDays, DAY_MS, monthRange, utcDay } from "../time";
import { UNALLOCATED } from "../costs/schemas";
import { teamsOfPeople } from "./import-agent-usage";
import { detectOwnerShift, detectVolumeShift, shiftWindows, type ShiftFinding } from "./shift-detector";

/** Which people a caller may see: everyone (finance, admin) or one team (an engineering lead). */
export type TeamScope = { team: string | null; all: boolean };

const usd = (p: Pico) => formatUsd6(p);
const usdOrNull = (p: Pico | null) => (p === null ? null : formatUsd6(p));
/** A cost per unit, exact at the picodollar (truncated, as the API has always answered); null for no units. */
const per = (p: Pico, n: number): Pico | null => (n > 0 ? p / BigInt(n) : null);

/** Seat and usage cost of the month per team (unmapped people → unallocated): the chargeback's coding-agent lines. */
export async function agentCostsForMonth(organizationId: string, month: string) {
  const { from, to } = monthRange(month);
  const rows = await db().agentUsageLine.groupBy({
    by: ["person", "kind"],
    where: { organizationId, day: { gte: from, lt: to } },
    _sum: { costUsd: true },
  });
  const teams = await teamsOfPeople(
    organizationId,
    rows.map((r) => r.person),
  );
  const by = new Map<string, Pico>();
  for (const r of rows) {
    const k = `${teams.get(r.person) ?? UNALLOCATED}|${r.kind}`;
    by.set(k, (by.get(k) ?? 0n) + parseUsd(r._sum.costUsd?.toString() ?? "0"));
  }
  return [...by]
    .filter(([, v]) => v !== 0n)
    .map(([k, amountPico]) => {
      const [team, kind] = k.split("|");
      return { team, kind: kind as "seat" | "usage", amountPico };
    });
}

type PersonAcc = {
  person: string;
  tools: Set<string>;
  seat: Pico;
  usage: Pico;
  sessions: number;
  lastActive: Date | null;
  hasSeat: boolean;
  hasUsage: boolean;
};

/**
 * The Coding agents page and API: seats and usage per team and person, unmapped people, outcomes
 * (cost per merged PR / CI run, agent vs human), cross-team payments and the shift findings.
 * A lead's scope is applied here, on the server: other teams' people and runs never leave.
 * Typed (picodollars, Date): the board report composes it; `codingAgentsToWire` is the API's form.
 */
export async function readCodingAgents(organizationId: string, month: string, scope: TeamScope, now = new Date()) {
  const { from, to } = monthRange(month);
  const asOfDay = utcDay(Math.min(now.getTime() + DAY_MS, to.getTime()));
  const win = shiftWindows(asOfDay);
  const [lines, outcomes] = await Promise.all([
    db().agentUsageLine.findMany({
      where: { organizationId, day: { gte: from, lt: to } },
      select: { person: true, tool: true, kind: true, costUsd: true, sessions: true, lastActiveAt: true },
    }),
    db().agentOutcome.findMany({
      where: {
        organizationId,
        at: { gte: new Date(`${win.base.from}T00:00:00Z`), lt: new Date(Math.max(to.getTime(), Date.parse(`${win.recent.to}T00:00:00Z`))) },
      },
      select: { kind: true, author: true, actor: true, costUsd: true, merged: true, minutes: true, at: true, payingTeam: true },
    }),
  ]);
  const teams = await teamsOfPeople(organizationId, [...lines.map((l) => l.person), ...outcomes.map((o) => o.author)]);
  const teamOf = (p: string) => teams.get(p) ?? null;
  const visible = (team: string | null) => scope.all || (scope.team !== null && team === scope.team);

  const people = new Map<string, PersonAcc>();
  for (const l of lines) {
    if (!visible(teamOf(l.person))) continue;
    const a = people.get(l.person) ?? {
      person: l.person,
      tools: new Set(),
      seat: 0n,
      usage: 0n,
      sessions: 0,
      lastActive: null,
      hasSeat: false,
      hasUsage: false,
    };
    a.tools.add(l.tool);
    const c = parseUsd(l.costUsd.toString());
    if (l.kind === "seat") {
      a.seat += c;
      a.hasSeat = true;
      if (l.lastActiveAt && (!a.lastActive || l.lastActiveAt > a.lastActive)) a.lastActive = l.lastActiveAt;
    } else {
      a.usage += c;
      a.hasUsage = a.hasUsage || c > 0n || l.sessions > 0;
      a.sessions += l.sessions;
    }
    people.set(l.person, a);
  }
  // a seat is unused when its holder showed no activity in the 30 days before the month's end and had no usage lines
  const unusedBefore = new Date(Math.min(to.getTime(), now.getTime()) - 30 * DAY_MS);
  const personRows = [...people.values()]
    .map((a) => ({
      person: a.person || "(no person: organisation total)",
      team: teamOf(a.person),
      tools: [...a.tools].sort(),
      seatCost: a.seat,
      usageCost: a.usage,
      sessions: a.sessions,
      lastActive: a.lastActive,
      unusedSeat: a.hasSeat && !a.hasUsage && (!a.lastActive || a.lastActive < unusedBefore),
    }))
    .sort((x, y) => {
      const tx = x.seatCost + x.usageCost,
        ty = y.seatCost + y.usageCost;
      return ty > tx ? 1 : ty < tx ? -1 : x.person.localeCompare(y.person);
    });

  // a team's figures are the exact sums of its people's (rounded once, in the answer)
  const teamAcc = new Map<string, { seat: Pico; usage: Pico; people: number }>();
  for (const p of personRows) {
    const k = p.team ?? UNALLOCATED;
    const t = teamAcc.get(k) ?? { seat: 0n, usage: 0n, people: 0 };
    t.seat += p.seatCost;
    t.usage += p.usageCost;
    t.people++;
    teamAcc.set(k, t);
  }
  const totals = [...teamAcc.values()].reduce((s, t) => ({ seat: s.seat + t.seat, usage: s.usage + t.usage }), { seat: 0n, usage: 0n });

  // outcomes: the month's rows for the per-unit figures; the six weeks for the detector
  const scopedOutcomes = outcomes.filter(
    (o) => visible(teamOf(o.author)) || (!scope.all && o.payingTeam !== "" && o.payingTeam === scope.team),
  );
  const inMonth = scopedOutcomes.filter((o) => o.at >= from && o.at < to);
  const byActor = (actor: "agent" | "human") => {
    const rs = inMonth.filter((o) => o.actor === actor);
    const runs = rs.filter((o) => o.kind === "ci_run");
    const prs = rs.filter((o) => o.kind === "pr");
    const ci = runs.reduce((s, o) => s + parseUsd(o.costUsd.toString()), 0n);
    const prCost = prs.reduce((s, o) => s + parseUsd(o.costUsd.toString()), 0n);
    const merged = prs.filter((o) => o.merged).length;
    return {
      actor,
      prs: prs.length,
      mergedPrs: merged,
      ciRuns: runs.length,
      ciMinutes: Math.round(runs.reduce((s, o) => s + Number(o.minutes), 0)),
      ciCost: ci,
      costPerCiRun: per(ci, runs.length),
      costPerMergedPr: per(ci + prCost, merged),
    };
  };
  const cross = new Map<string, { runs: number; cost: Pico }>();
  for (const o of inMonth) {
    const authorTeam = teamOf(o.author) ?? UNALLOCATED;
    if (o.kind !== "ci_run" || !o.payingTeam || o.payingTeam === authorTeam) continue;
    const k = `${o.payingTeam}|${authorTeam}`;
    const c = cross.get(k) ?? { runs: 0, cost: 0n };
    c.runs++;
    c.cost += parseUsd(o.costUsd.toString());
    cross.set(k, c);
  }

  // the shift detector over the six whole weeks ending by the month's end (or today)
  const agentRuns = scopedOutcomes.filter((o) => o.actor === "agent" && o.kind === "ci_run");
  const agentPrs = scopedOutcomes.filter((o) => o.actor === "agent" && o.kind === "pr" && o.merged);
  const day = (d: Date) => utcDay(d);
  const daily = new Map<string, { cost: Pico; runs: number; prs: number }>();
  for (const o of agentRuns) {
    const d = daily.get(day(o.at)) ?? { cost: 0n, runs: 0, prs: 0 };
    d.cost += parseUsd(o.costUsd.toString());
    d.runs++;
    daily.set(day(o.at), d);
  }
  for (const o of agentPrs) {
    const d = daily.get(day(o.at)) ?? { cost: 0n, runs: 0, prs: 0 };
    d.prs++;
    daily.set(day(o.at), d);
  }
  const findings: ShiftFinding[] = [
    detectVolumeShift(
      "Agent CI runs (per run)",
      [...daily].map(([d, v]) => ({ day: d, costPico: v.cost, units: v.runs })),
      asOfDay,
    ),
    detectVolumeShift(
      "Agent CI runs (per merged PR)",
      [...daily].map(([d, v]) => ({ day: d, costPico: v.cost, units: v.prs })),
      asOfDay,
    ),
    detectOwnerShift(
      "Agent CI runs (who pays)",
      agentRuns.map((o) => ({
        day: day(o.at),
        owner: o.payingTeam || (teamOf(o.author) ?? UNALLOCATED),
        costPico: parseUsd(o.costUsd.toString()),
      })),
      asOfDay,
    ),
  ];
  const weekly: { week: string; agentCiCost: Pico; agentCiRuns: number; agentMergedPrs: number; costPerRun: Pico | null }[] = [];
  for (let w = win.base.from; w < win.recent.to; w = addDays(w, 7)) {
    let cost = 0n,
      runs = 0,
      prs = 0;
    for (let i = 0; i < 7; i++) {
      const v = daily.get(addDays(w, i));
      if (v) {
        cost += v.cost;
        runs += v.runs;
        prs += v.prs;
      }
    }
    weekly.push({ week: w, agentCiCost: cost, agentCiRuns: runs, agentMergedPrs: prs, costPerRun: per(cost, runs) });
  }

  const unused = personRows.filter((p) => p.unusedSeat);
  return {
    month,
    scopeTeam: scope.all ? null : scope.team,
    totals: {
      seatCost: totals.seat,
      usageCost: totals.usage,
      people: personRows.length,
      seats: [...people.values()].filter((a) => a.hasSeat).length,
      unusedSeats: unused.length,
      unusedSeatCost: unused.reduce((s, p) => s + p.seatCost, 0n),
    },
    teams: [...teamAcc]
      .map(([team, t]) => ({ team, seatCost: t.seat, usageCost: t.usage, people: t.people }))
      .sort((a, b) => (a.team === UNALLOCATED ? 1 : b.team === UNALLOCATED ? -1 : a.team.localeCompare(b.team))),
    /** every visible person, costliest first (the API lists the first 300) */
    people: personRows,
    outcomes: [byActor("agent"), byActor("human")],
    crossTeam: [...cross].map(([k, v]) => {
      const [payingTeam, authorTeam] = k.split("|");
      return { payingTeam, authorTeam, ciRuns: v.runs, cost: v.cost };
    }),
    findings,
    weekly,
  };
}

/** The coding agents of a month, typed (picodollars, Date). */
export type CodingAgents = Awaited<ReturnType<typeof readCodingAgents>>;

/** GET /api/v1/coding-agents's form (snake_case, 6-decimal money), beside the reader (decision 052). */
export function codingAgentsToWire(r: CodingAgents) {
  const person = (p: CodingAgents["people"][number]) => ({
    person: p.person,
    team: p.team,
    tools: p.tools,
    seat_usd: usd(p.seatCost),
    usage_usd: usd(p.usageCost),
    total_usd: usd(p.seatCost + p.usageCost),
    sessions: p.sessions,
    last_active: p.lastActive?.toISOString() ?? null,
    unused_seat: p.unusedSeat,
  });
  return {
    month: r.month,
    scope_team: r.scopeTeam,
    totals: {
      seats_usd: usd(r.totals.seatCost),
      usage_usd: usd(r.totals.usageCost),
      total_usd: usd(r.totals.seatCost + r.totals.usageCost),
      people: r.totals.people,
      seats: r.totals.seats,
      unused_seats: r.totals.unusedSeats,
      unused_seats_usd: usd(r.totals.unusedSeatCost),
    },
    teams: r.teams.map((t) => ({
      team: t.team,
      seats_usd: usd(t.seatCost),
      usage_usd: usd(t.usageCost),
      total_usd: usd(t.seatCost + t.usageCost),
      people: t.people,
      cost_per_developer_usd: usdOrNull(per(t.seatCost + t.usageCost, t.people)),
    })),
    people: r.people.slice(0, 300).map(person),
    unmapped: r.people.filter((p) => p.team === null).map((p) => ({ person: p.person, total_usd: usd(p.seatCost + p.usageCost) })),
    outcomes: r.outcomes.map((o) => ({
      actor: o.actor,
      prs: o.prs,
      merged_prs: o.mergedPrs,
      ci_runs: o.ciRuns,
      ci_minutes: o.ciMinutes,
      ci_cost_usd: usd(o.ciCost),
      cost_per_ci_run_usd: usdOrNull(o.costPerCiRun),
      cost_per_merged_pr_usd: usdOrNull(o.costPerMergedPr),
    })),
    cross_team: r.crossTeam.map((c) => ({
      paying_team: c.payingTeam,
      author_team: c.authorTeam,
      ci_runs: c.ciRuns,
      cost_usd: usd(c.cost),
    })),
    findings: r.findings,
    weekly: r.weekly.map((w) => ({
      week: w.week,
      agent_ci_cost_usd: usd(w.agentCiCost),
      agent_ci_runs: w.agentCiRuns,
      agent_merged_prs: w.agentMergedPrs,
      cost_per_run_usd: usdOrNull(w.costPerRun),
    })),
  };
}

/** The route's (and MCP's) reader: the typed value on the wire. */
export async function getCodingAgents(organizationId: string, month: string, scope: TeamScope, now = new Date()) {
  return codingAgentsToWire(await readCodingAgents(organizationId, month, scope, now));
}

export type CodingAgentsReport = Awaited<ReturnType<typeof getCodingAgents>>;
