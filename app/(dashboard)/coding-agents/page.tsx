import { requireMember } from "@/lib/auth/page-guard";
import { can } from "@/lib/auth/roles";
import { monthSchema } from "@/lib/core/wire";
import { getCodingAgents } from "@/lib/coding-agents/get-coding-agents";
import { agentScope } from "@/lib/coding-agents/scope";
import { usd } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { Stat } from "@/components/metrics/states";
import { InvalidMonthAlert, MonthForm } from "@/components/forms/month-form";
import { CrossTeamTable, OutcomesTable, PeopleTable, TeamsTable, WeeklyTable } from "@/components/coding-agents/agent-tables";
import { AgentUploadForms } from "@/components/coding-agents/agent-forms";
import { ShiftFindings } from "@/components/coding-agents/shift-findings";

export const dynamic = "force-dynamic";

export default async function CodingAgentsPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const me = await requireMember("agents.read");
  const sp = await searchParams;
  const parsed = monthSchema.safeParse(sp.month);
  const month = parsed.success ? parsed.data : new Date().toISOString().slice(0, 7);
  // the lead's scope is applied in the query: other teams' people never reach this page
  const scope = agentScope({ role: me.role, member: { teamName: me.teamName } });
  const r = await getCodingAgents(me.organizationId, month, scope);
  const nothing = r.people.length === 0 && r.outcomes.every((o) => o.prs + o.ci_runs === 0);
  return (
    <>
      <PageHeader
        title="Coding agents"
        description={`Claude Code, Cursor, Copilot and other coding agents: seats (fixed per month) and usage (variable) per team and person, what a merged PR and a CI run cost — agent beside human — and shifts no unit dashboard shows.${scope.all ? "" : ` You see team ${scope.team ?? "(none: ask an admin to set your team)"} only.`}`}
      />
      {sp.month && !parsed.success && <InvalidMonthAlert given={sp.month} shown={month} />}
      <div className="filters" role="group" aria-label="Month">
        <MonthForm action="/coding-agents" id="ca-month-pick" label="Month (UTC)" month={month} />
      </div>
      {nothing ? (
        <EmptyState title={`No coding-agent data for ${month}`}>
          {can(me.role, "agents.manage")
            ? "Import a Claude Code, Cursor or Copilot file below, or store a connector key for the daily pull (docs/coding-agents.md), then map people to teams."
            : "Ask finance or an admin to import your organisation's coding-agent usage, or pick another month."}
        </EmptyState>
      ) : (
        <>
          <div className="grid grid-4" role="group" aria-label="Totals" style={{ marginBottom: 16 }}>
            <Stat
              label="Total"
              value={usd(r.totals.total_usd)}
              sub={`seats ${usd(r.totals.seats_usd)} + usage ${usd(r.totals.usage_usd)}`}
            />
            <Stat label="People" value={r.totals.people} sub={`${r.unmapped.length} without a team`} />
            <Stat label="Seats" value={r.totals.seats} sub={`${r.totals.unused_seats} unused (${usd(r.totals.unused_seats_usd)})`} />
            <Stat label="Shifts found" value={r.findings.filter((f) => f.fired).length} sub="see the detector below" />
          </div>
          {r.unmapped.length > 0 && (
            <div className="card" role="status">
              <strong>{r.unmapped.length} people have no team</strong>: their cost is charged to <code>unallocated</code> until they are
              mapped —{" "}
              {r.unmapped
                .slice(0, 8)
                .map((u) => u.person)
                .join(", ")}
              {r.unmapped.length > 8 ? "…" : ""}
            </div>
          )}
          <ShiftFindings findings={r.findings} />
          <TeamsTable rows={r.teams} month={month} />
          <OutcomesTable rows={r.outcomes} month={month} />
          <CrossTeamTable rows={r.cross_team} month={month} />
          <WeeklyTable rows={r.weekly} month={month} />
          <PeopleTable rows={r.people} month={month} />
        </>
      )}
      {can(me.role, "agents.manage") && <AgentUploadForms month={month} />}
    </>
  );
}
