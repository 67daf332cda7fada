import "server-only";
import { getCodingAgents } from "../coding-agents/get-coding-agents";
import { agentShiftLines } from "../coding-agents/agent-shift";
import { getShadowAi } from "../shadow-ai/shadow-ai";
import { monthRange, DAY_MS } from "../time";

/**
 * The board report's "Coding agents and shadow AI" section (docs/coding-agents.md, docs/shadow-ai.md):
 * read through the Coding agents and Shadow AI pages' own functions, whole organisation, so the
 * figures agree with those pages; frozen with a closed month like every other section.
 */
export async function loadBoardCodingAgents(organizationId: string, month: string, now: Date) {
  const r = await getCodingAgents(organizationId, month, { all: true, team: null }, now);
  // the shift detector's weeks: the six whole weeks before the week of the month's end (or today), as on the page
  const { to } = monthRange(month);
  const asOf = new Date(Math.min(now.getTime() + DAY_MS, to.getTime())).toISOString().slice(0, 10);
  const lines = await agentShiftLines(organizationId, asOf, { all: true, team: null });
  const pick = (e: Record<string, number | string | null>, k: string) => e[k] ?? null;
  return {
    seats_usd: r.totals.seats_usd,
    usage_usd: r.totals.usage_usd,
    total_usd: r.totals.total_usd,
    people: r.totals.people,
    seats: r.totals.seats,
    unused_seats: r.totals.unused_seats,
    unused_seats_usd: r.totals.unused_seats_usd,
    teams: r.teams.map((t) => ({ team: t.team, seats_usd: t.seats_usd, usage_usd: t.usage_usd, total_usd: t.total_usd })),
    outcomes: r.outcomes,
    shifts: lines
      .filter((l) => l.finding.fired)
      .map(({ finding: f }) => ({
        subject: f.subject,
        severity: f.severity,
        signal: f.signal,
        compared: String(f.evidence.compared),
        weekly_cost_before: pick(f.evidence, "weekly_cost_before") as number | null,
        weekly_cost_after: pick(f.evidence, "weekly_cost_after") as number | null,
        volume_change: pick(f.evidence, "volume_change") as number | null,
        cost_per_run_before: pick(f.evidence, "cost_per_run_before") as number | null,
        cost_per_run_after: pick(f.evidence, "cost_per_run_after") as number | null,
        owner: pick(f.evidence, "owner") as string | null,
        previous_owner: pick(f.evidence, "previous_owner") as string | null,
        owner_share_before: pick(f.evidence, "owner_share_before") as number | null,
        owner_share_after: pick(f.evidence, "owner_share_after") as number | null,
      })),
  };
}

export async function loadBoardShadowAi(organizationId: string, month: string) {
  const s = await getShadowAi(organizationId, month);
  return {
    last_import_at: s.last_import_at,
    ai_spend_usd: s.totals.ai_spend_usd,
    sanctioned_usd: s.totals.sanctioned_usd,
    unsanctioned_usd: s.totals.unsanctioned_usd,
    unsanctioned_share: s.totals.unsanctioned_share,
    by_department: s.by_department.slice(0, 5).map((d) => ({ department: d.department, unsanctioned_usd: d.unsanctioned_usd })),
  };
}
