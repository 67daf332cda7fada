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
const per = (p: Pico, n: number) => (n > 0 ? formatUsd6(p / BigInt(n)) : null);

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
 */
export async function getCodingAgents(organizationId: string, month: string, scope: TeamScope, now = new Date()) {
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
      seat_usd: usd(a.seat),
      usage_usd: usd(a.usage),
      total_usd: usd(a.seat + a.usage),
      sessions: a.sessions,
      last_active: a.lastActive?.toISOString() ?? null,
      unused_seat: a.hasSeat && !a.hasUsage && (!a.lastActive || a.lastActive < unusedBefore),
      _total: a.seat + a.usage,
    }))
    .sort((x, y) => (y._total > x._total ? 1 : y._total < x._total ? -1 : x.person.localeCompare(y.person)));

  const teamAcc = new Map<string, { seat: Pico; usage: Pico; people: number }>();
  for (const p of personRows) {
    const k = p.team ?? UNALLOCATED;
    const t = teamAcc.get(k) ?? { seat: 0n, usage: 0n, people: 0 };
    t.seat += parseUsd(p.seat_usd);
    t.usage += parseUsd(p.usage_usd);
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
      merged_prs: merged,
      ci_runs: runs.length,
      ci_minutes: Math.round(runs.reduce((s, o) => s + Number(o.minutes), 0)),
      ci_cost_usd: usd(ci),
      cost_per_ci_run_usd: per(ci, runs.length),
      cost_per_merged_pr_usd: per(ci + prCost, merged),
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
  const weekly: {
    week: string;
    agent_ci_cost_usd: string;
    agent_ci_runs: number;
    agent_merged_prs: number;
    cost_per_run_usd: string | null;
  }[] = [];
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
    weekly.push({ week: w, agent_ci_cost_usd: usd(cost), agent_ci_runs: runs, agent_merged_prs: prs, cost_per_run_usd: per(cost, runs) });
  }

  return {
    month,
    scope_team: scope.all ? null : scope.team,
    totals: {
      seats_usd: usd(totals.seat),
      usage_usd: usd(totals.usage),
      total_usd: usd(totals.seat + totals.usage),
      people: personRows.length,
      seats: [...people.values()].filter((a) => a.hasSeat).length,
      unused_seats: personRows.filter((p) => p.unused_seat).length,
      unused_seats_usd: usd(personRows.filter((p) => p.unused_seat).reduce((s, p) => s + parseUsd(p.seat_usd), 0n)),
    },
    teams: [...teamAcc]
      .map(([team, t]) => ({
        team,
        seats_usd: usd(t.seat),
        usage_usd: usd(t.usage),
        total_usd: usd(t.seat + t.usage),
        people: t.people,
        cost_per_developer_usd: per(t.seat + t.usage, t.people),
      }))
      .sort((a, b) => (a.team === UNALLOCATED ? 1 : b.team === UNALLOCATED ? -1 : a.team.localeCompare(b.team))),
    people: personRows.slice(0, 300).map(({ _total, ...p }) => (void _total, p)),
    unmapped: personRows.filter((p) => p.team === null).map((p) => ({ person: p.person, total_usd: p.total_usd })),
    outcomes: [byActor("agent"), byActor("human")],
    cross_team: [...cross].map(([k, v]) => {
      const [paying_team, author_team] = k.split("|");
      return { paying_team, author_team, ci_runs: v.runs, cost_usd: usd(v.cost) };
    }),
    findings,
    weekly,
  };
}

export type CodingAgentsReport = Awaited<ReturnType<typeof getCodingAgents>>;
