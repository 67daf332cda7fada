import "server-only";
import { dbRead } from "../db";
import { parseUsd, type Pico } from "../money";
import { utcDay } from "../time";
import { UNALLOCATED } from "../costs/schemas";
import { teamsOfPeople } from "./import-agent-usage";
import { combineShift, detectOwnerShift, detectVolumeShift, shiftWindows, type CombinedShift } from "./shift-detector";
import type { TeamScope } from "./get-coding-agents";

/**
 * The shift detector over the coding-agent cost lines: one line per team whose agent authored CI
 * runs (the team's "agent CI bill"), judged over the six whole weeks before the week of `asOf`
 * (exclusive day). Who pays a run is its `paying_team`, else the author's team. An engineering
 * lead sees the lines of their own team and the lines their team paid any part of (they are one
 * of its budget owners); finance, admins and admin keys all lines. Also answers each line's daily
 * cost over [from, to) for a sparkline.
 */
export async function agentShiftLines(organizationId: string, asOf: string, scope: TeamScope, span?: { from: string; to: string }) {
  const w = shiftWindows(asOf);
  const from = span && span.from < w.base.from ? span.from : w.base.from;
  const to = span && span.to > w.recent.to ? span.to : w.recent.to;
  const rows = await dbRead().agentOutcome.findMany({
    where: {
      organizationId,
      actor: "agent",
      OR: [{ kind: "ci_run" }, { kind: "pr", merged: true }],
      at: { gte: new Date(`${from}T00:00:00Z`), lt: new Date(`${to}T00:00:00Z`) },
    },
    select: { kind: true, author: true, costUsd: true, at: true, payingTeam: true },
  });
  const teams = await teamsOfPeople(
    organizationId,
    rows.map((r) => r.author),
  );
  type Line = { days: Map<string, { cost: Pico; runs: number; prs: number }>; owners: { day: string; owner: string; costPico: Pico }[] };
  const lines = new Map<string, Line>();
  const paidBy = new Map<string, Set<string>>();
  for (const r of rows) {
    const team = teams.get(r.author) ?? UNALLOCATED;
    const line: Line = lines.get(team) ?? { days: new Map(), owners: [] };
    lines.set(team, line);
    const day = utcDay(r.at);
    const d = line.days.get(day) ?? { cost: 0n, runs: 0, prs: 0 };
    line.days.set(day, d);
    if (r.kind === "pr") {
      d.prs++;
      continue;
    }
    const cost = parseUsd(r.costUsd.toString());
    d.cost += cost;
    d.runs++;
    const owner = r.payingTeam || team;
    line.owners.push({ day, owner, costPico: cost });
    (paidBy.get(team) ?? paidBy.set(team, new Set()).get(team)!).add(owner);
  }
  const visible = (team: string) => scope.all || (scope.team !== null && (team === scope.team || !!paidBy.get(team)?.has(scope.team)));
  return [...lines]
    .filter(([team, l]) => visible(team) && l.owners.length > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([team, l]) => {
      const days = [...l.days];
      const finding: CombinedShift = combineShift(
        `Agent CI runs — ${team}`,
        detectVolumeShift(
          "runs",
          days.map(([day, v]) => ({ day, costPico: v.cost, units: v.runs })),
          asOf,
        ),
        detectVolumeShift(
          "merged PRs",
          days.map(([day, v]) => ({ day, costPico: v.cost, units: v.prs })),
          asOf,
        ),
        detectOwnerShift("owners", l.owners, asOf),
      );
      return { team, finding, dailyCost: new Map(days.map(([day, v]) => [day, v.cost])) };
    });
}
