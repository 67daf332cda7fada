"use client";
import { DataTable, type Column } from "../ui/data-table";
import { num, pct, usd } from "@/lib/format";
import type { Contracts } from "@/lib/billing/get-contracts";

type Commit = Contracts["commitments"][number];
type Quota = Contracts["quotas"][number];
type Cap = Contracts["capacity"][number];

const STATUS: Record<Commit["status"], [string, string]> = {
  ok: ["on track", "badge-good"],
  at_risk: ["at risk", "badge-warn"],
  lapsed: ["lapsed", "badge-bad"],
};

const commitCols: Column<Commit>[] = [
  { key: "name", label: "Commitment", value: (c) => c.name },
  { key: "provider", label: "Provider", value: (c) => c.provider },
  { key: "floor_usd", label: "Monthly floor", numeric: true, value: (c) => c.floor_usd, render: (c) => usd(c.floor_usd, 0) },
  { key: "discount", label: "Discount", numeric: true, value: (c) => c.discount, render: (c) => pct(Number(c.discount), 0) },
  {
    key: "run_rate",
    label: "Run-rate this month",
    numeric: true,
    value: (c) => c.months.find((m) => m.kind === "run_rate")?.spend_usd ?? "",
    render: (c) => usd(c.months.find((m) => m.kind === "run_rate")?.spend_usd ?? null, 0),
  },
  {
    key: "status",
    label: "Status",
    value: (c) => c.status,
    render: (c) => <span className={`badge ${STATUS[c.status][1]}`}>{STATUS[c.status][0]}</span>,
  },
  {
    key: "warning",
    label: "Forecast",
    value: (c) => c.warning ?? "",
    render: (c) => c.warning ?? "The run-rate stays above the floor for the rest of the period.",
  },
];
const quotaCols: Column<Quota>[] = [
  { key: "scope", label: "Quota", value: (q) => `${q.provider}${q.model ? ` / ${q.model}` : ""}` },
  {
    key: "limit",
    label: "Monthly limit",
    numeric: true,
    value: (q) => q.limit,
    render: (q) => (q.unit === "usd" ? usd(q.limit, 0) : `${num(Number(q.limit))} tokens`),
  },
  { key: "used_share", label: "Used", numeric: true, value: (q) => q.used_share, render: (q) => pct(q.used_share) },
  {
    key: "projected_exhaustion",
    label: "Runs out",
    value: (q) => q.projected_exhaustion ?? "",
    render: (q) => (q.projected_exhaustion ? q.projected_exhaustion.slice(0, 10) : "lasts the month"),
  },
  {
    key: "action",
    label: "Guardrail",
    value: (q) => q.action,
    render: (q) => (
      <span className={`badge ${q.action === "allow" ? "badge-good" : q.action === "downgrade" ? "badge-warn" : "badge-bad"}`}>
        {q.action}
      </span>
    ),
  },
];
const capCols: Column<Cap>[] = [
  { key: "name", label: "Capacity", value: (c) => c.name },
  { key: "model", label: "Model", value: (c) => c.model },
  { key: "hours", label: "Hours billed", numeric: true, value: (c) => c.hours },
  { key: "cost_usd", label: "Cost", numeric: true, value: (c) => c.cost_usd, render: (c) => usd(c.cost_usd) },
  { key: "utilisation", label: "Utilisation", numeric: true, value: (c) => c.utilisation, render: (c) => pct(c.utilisation) },
  { key: "idle_cost_usd", label: "Idle cost", numeric: true, value: (c) => c.idle_cost_usd, render: (c) => usd(c.idle_cost_usd) },
  { key: "owner_team", label: "Charged to", value: (c) => c.owner_team },
];

export function ContractsView({ contracts }: { contracts: Contracts }) {
  const empty = !contracts.commitments.length && !contracts.quotas.length && !contracts.capacity.length;
  if (empty) {
    return (
      <section className="card" aria-label="Contracts">
        <h2>Contracts</h2>
        <p className="muted">
          No commitment, quota or provisioned capacity recorded. Finance records them below (or with{" "}
          <code>POST /api/v1/billing/contracts</code>).
        </p>
      </section>
    );
  }
  return (
    <>
      {contracts.commitments
        .filter((c) => c.warning)
        .map((c) => (
          <div
            key={c.name}
            role="alert"
            className={`alert ${c.status === "lapsed" ? "alert-error" : ""}`}
            style={c.status === "lapsed" ? undefined : { background: "#fdf1dc", borderColor: "#f0d49a", color: "#7a4b00" }}
          >
            {c.name}: {c.warning}
          </div>
        ))}
      <DataTable
        title="Commitments"
        filename="commitments.csv"
        columns={commitCols}
        rows={contracts.commitments}
        rowKey={(c) => c.name}
        empty="No committed-spend contract."
      />
      <DataTable
        title="Quotas"
        filename="quotas.csv"
        columns={quotaCols}
        rows={contracts.quotas}
        rowKey={(q) => q.id}
        empty="No monthly quota."
      />
      <DataTable
        title="Provisioned capacity"
        filename="capacity.csv"
        columns={capCols}
        rows={contracts.capacity}
        rowKey={(c) => c.id}
        empty="No provisioned capacity in this month."
      />
    </>
  );
}
