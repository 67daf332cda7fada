"use client";
import { DataTable, type Column } from "../ui/data-table";
import { usd } from "@/lib/format";
import { parseUsd } from "@/lib/money";
import type { CodingAgentsReport } from "@/lib/coding-agents/get-coding-agents";

type R = CodingAgentsReport;
// "never" only for a seat whose holder never used it; usage-only people have no seat activity to show
const lastActive = (p: R["people"][number]) => (p.last_active ? p.last_active.slice(0, 10) : parseUsd(p.seat_usd) !== 0n ? "never" : "—");

const teamCols: Column<R["teams"][number]>[] = [
  { key: "team", label: "Team", value: (t) => t.team },
  { key: "seats_usd", label: "Seats (fixed)", numeric: true, value: (t) => t.seats_usd, render: (t) => usd(t.seats_usd) },
  { key: "usage_usd", label: "Usage (variable)", numeric: true, value: (t) => t.usage_usd, render: (t) => usd(t.usage_usd) },
  { key: "total_usd", label: "Total", numeric: true, value: (t) => t.total_usd, render: (t) => usd(t.total_usd) },
  { key: "people", label: "People", numeric: true, value: (t) => t.people },
  {
    key: "cost_per_developer_usd",
    label: "Per developer",
    numeric: true,
    value: (t) => t.cost_per_developer_usd ?? "",
    render: (t) => usd(t.cost_per_developer_usd),
  },
];
export function TeamsTable({ rows, month }: { rows: R["teams"]; month: string }) {
  return (
    <DataTable
      title="Per team"
      filename={`coding-agents-teams-${month}.csv`}
      columns={teamCols}
      rows={rows}
      rowKey={(t) => t.team}
      empty="No seats or usage imported for this month."
    />
  );
}

const personCols: Column<R["people"][number]>[] = [
  { key: "person", label: "Person", value: (p) => p.person },
  { key: "team", label: "Team", value: (p) => p.team ?? "", render: (p) => p.team ?? <span className="badge badge-warn">unmapped</span> },
  { key: "tools", label: "Tools", value: (p) => p.tools.join(" ") },
  { key: "seat_usd", label: "Seat", numeric: true, value: (p) => p.seat_usd, render: (p) => usd(p.seat_usd) },
  { key: "usage_usd", label: "Usage", numeric: true, value: (p) => p.usage_usd, render: (p) => usd(p.usage_usd) },
  { key: "sessions", label: "Sessions", numeric: true, value: (p) => p.sessions },
  { key: "last_active", label: "Last active", value: (p) => p.last_active ?? "", render: (p) => lastActive(p) },
  {
    key: "unused_seat",
    label: "Seat used?",
    value: (p) => (p.unused_seat ? "unused" : ""),
    render: (p) => (p.unused_seat ? <span className="badge badge-warn">unused seat</span> : ""),
  },
];
export function PeopleTable({ rows, month }: { rows: R["people"]; month: string }) {
  return (
    <DataTable
      title="People"
      filename={`coding-agents-people-${month}.csv`}
      columns={personCols}
      rows={rows}
      rowKey={(p) => p.person}
      empty="No one used a coding agent this month."
      dense
    />
  );
}

const outcomeCols: Column<R["outcomes"][number]>[] = [
  { key: "actor", label: "Who", value: (o) => o.actor, render: (o) => (o.actor === "agent" ? "Agent" : "Human") },
  { key: "merged_prs", label: "Merged PRs", numeric: true, value: (o) => o.merged_prs, render: (o) => `${o.merged_prs} / ${o.prs}` },
  { key: "ci_runs", label: "CI runs", numeric: true, value: (o) => o.ci_runs },
  { key: "ci_minutes", label: "CI minutes", numeric: true, value: (o) => o.ci_minutes },
  { key: "ci_cost_usd", label: "CI cost", numeric: true, value: (o) => o.ci_cost_usd, render: (o) => usd(o.ci_cost_usd) },
  {
    key: "cost_per_ci_run_usd",
    label: "Per CI run",
    numeric: true,
    value: (o) => o.cost_per_ci_run_usd ?? "",
    render: (o) => usd(o.cost_per_ci_run_usd, 4),
  },
  {
    key: "cost_per_merged_pr_usd",
    label: "Per merged PR",
    numeric: true,
    value: (o) => o.cost_per_merged_pr_usd ?? "",
    render: (o) => usd(o.cost_per_merged_pr_usd, 4),
  },
];
export function OutcomesTable({ rows, month }: { rows: R["outcomes"]; month: string }) {
  return (
    <DataTable
      title="Agent vs human: cost per merged PR and CI run"
      filename={`coding-agents-outcomes-${month}.csv`}
      columns={outcomeCols}
      rows={rows.filter((r) => r.prs + r.ci_runs > 0)}
      rowKey={(o) => o.actor}
      empty="No CI runs or pull requests posted for this month."
    />
  );
}

const crossCols: Column<R["cross_team"][number]>[] = [
  { key: "paying_team", label: "Paid by", value: (c) => c.paying_team },
  { key: "author_team", label: "For runs of", value: (c) => c.author_team },
  { key: "ci_runs", label: "CI runs", numeric: true, value: (c) => c.ci_runs },
  { key: "cost_usd", label: "Cost", numeric: true, value: (c) => c.cost_usd, render: (c) => usd(c.cost_usd) },
];
export function CrossTeamTable({ rows, month }: { rows: R["cross_team"]; month: string }) {
  return (
    <DataTable
      title="One team paying for another's agent runs"
      filename={`coding-agents-cross-team-${month}.csv`}
      columns={crossCols}
      rows={rows}
      rowKey={(c) => `${c.paying_team}|${c.author_team}`}
      empty="Every team pays for its own runs."
    />
  );
}

const weekCols: Column<R["weekly"][number]>[] = [
  { key: "week", label: "Week of", value: (w) => w.week },
  { key: "agent_ci_runs", label: "Agent CI runs", numeric: true, value: (w) => w.agent_ci_runs },
  { key: "agent_merged_prs", label: "Agent merged PRs", numeric: true, value: (w) => w.agent_merged_prs },
  {
    key: "agent_ci_cost_usd",
    label: "Agent CI cost",
    numeric: true,
    value: (w) => w.agent_ci_cost_usd,
    render: (w) => usd(w.agent_ci_cost_usd),
  },
  {
    key: "cost_per_run_usd",
    label: "Per run",
    numeric: true,
    value: (w) => w.cost_per_run_usd ?? "",
    render: (w) => usd(w.cost_per_run_usd, 4),
  },
];
export function WeeklyTable({ rows, month }: { rows: R["weekly"]; month: string }) {
  return (
    <DataTable
      title="Agent CI, week by week (the detector's six weeks)"
      filename={`coding-agents-weekly-${month}.csv`}
      columns={weekCols}
      rows={rows}
      rowKey={(w) => w.week}
      dense
    />
  );
}
