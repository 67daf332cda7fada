"use client";
import Link from "next/link";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { usd } from "@/lib/format";
import type { Opportunity } from "@/lib/opportunities/types";

export type DraftRow = {
  id: string;
  opportunity_id: string;
  feature: string;
  owner_team: string | null;
  type: string;
  title: string;
  status: string;
  estimated_monthly_saving_usd: string;
  created_at: string;
  created_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  realised:
    | null
    | { status: "pending"; measurable_on: string; days_left: number }
    | { status: "measured"; after_usd: string; realised_usd: string };
  may_decide: boolean;
};

const KIND_LABEL: Record<string, string> = {
  model_switch: "Model switch",
  prompt_caching: "Prompt caching",
  output_cap: "Output cap",
  batch: "Batch pricing",
  zombie: "Zombie feature",
  agentic_loop: "Agent loop",
  freemium_throttle: "Free-tier throttle",
  unused_seats: "Unused seats",
};
const DRAFT_LABEL: Record<string, string> = {
  guardrail_downgrade: "Guardrail route",
  budget: "Budget",
  throttle: "Throttle rule",
  change_request: "Change request",
};

export function OpportunitiesView({
  opportunities,
  drafts,
  canDraft,
  kind,
  kinds,
}: {
  opportunities: Opportunity[];
  drafts: DraftRow[];
  canDraft: boolean;
  kind: string | null;
  kinds: string[];
}) {
  const { busy, error, run } = useApiAction();
  const waiting = new Set(drafts.filter((d) => d.status === "draft").map((d) => d.opportunity_id));
  const decided = new Map(drafts.filter((d) => d.status === "applied" || d.status === "approved").map((d) => [d.opportunity_id, d.status]));
  const draft = (id: string) =>
    run(() => apiFetch("/api/v1/policy-drafts", { method: "POST", json: { opportunity_id: id } }), { hint: "No draft was created." });
  const decide = (id: string, decision: string) =>
    run(() => apiFetch(`/api/v1/policy-drafts/${id}`, { method: "POST", json: { decision } }), { hint: "Nothing was applied." });

  const columns: Column<Opportunity>[] = [
    {
      key: "monthly_saving_usd",
      label: "Saving / month",
      numeric: true,
      value: (o) => o.monthly_saving_usd,
      render: (o) => <strong>{usd(o.monthly_saving_usd)}</strong>,
    },
    {
      key: "kind",
      label: "Kind",
      value: (o) => o.kind,
      render: (o) => (
        <>
          <span className="badge">{KIND_LABEL[o.kind] ?? o.kind}</span>
          <div className="muted" style={{ fontSize: 12, marginTop: 4 }}>
            → {DRAFT_LABEL[o.proposal.type]?.toLowerCase()}
          </div>
        </>
      ),
    },
    {
      key: "title",
      label: "Change",
      value: (o) => `${o.title}. ${o.basis.join(" ")}`,
      render: (o) => (
        <details>
          <summary>{o.title}</summary>
          <ul style={{ margin: "6px 0 0", paddingLeft: 18, fontSize: 13 }}>
            {o.basis.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </details>
      ),
    },
    { key: "feature", label: "Feature", value: (o) => o.feature },
    { key: "owner_team", label: "Owner team", value: (o) => o.owner_team ?? "" },
    {
      key: "current_monthly_cost_usd",
      label: "Cost / 30 days",
      numeric: true,
      value: (o) => o.current_monthly_cost_usd,
      render: (o) => usd(o.current_monthly_cost_usd),
    },
    actionsColumn((o) =>
      decided.has(o.id) ? (
        <span className="badge badge-good">{decided.get(o.id)}</span>
      ) : waiting.has(o.id) ? (
        <span className="muted">draft waiting</span>
      ) : canDraft ? (
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => draft(o.id)}
          aria-label={`Draft: ${o.title}`}
          title={`Draft a ${DRAFT_LABEL[o.proposal.type]?.toLowerCase() ?? "policy"} for approval`}
        >
          Draft
        </button>
      ) : null,
    ),
  ];

  const draftColumns: Column<DraftRow>[] = [
    { key: "title", label: "Draft", value: (d) => d.title },
    { key: "type", label: "Type", value: (d) => d.type, render: (d) => DRAFT_LABEL[d.type] ?? d.type },
    { key: "owner_team", label: "Approver team", value: (d) => d.owner_team ?? "" },
    {
      key: "status",
      label: "Status",
      value: (d) => d.status,
      render: (d) => (
        <span
          className={`badge ${d.status === "applied" || d.status === "approved" ? "badge-good" : d.status === "rejected" ? "badge-bad" : "badge-warn"}`}
        >
          {d.status}
        </span>
      ),
    },
    {
      key: "estimated_monthly_saving_usd",
      label: "Estimated / month",
      numeric: true,
      value: (d) => d.estimated_monthly_saving_usd,
      render: (d) => usd(d.estimated_monthly_saving_usd),
    },
    {
      key: "realised",
      label: "Realised (30 days after)",
      value: (d) => (d.realised?.status === "measured" ? d.realised.realised_usd : ""),
      render: (d) =>
        !d.realised ? (
          <span className="muted">—</span>
        ) : d.realised.status === "measured" ? (
          usd(d.realised.realised_usd)
        ) : (
          <span className="muted">measurable on {d.realised.measurable_on}</span>
        ),
    },
    { key: "created_by", label: "Drafted by", value: (d) => d.created_by ?? "" },
    {
      key: "decided_by",
      label: "Decided by",
      value: (d) => d.decided_by ?? "",
      render: (d) =>
        d.decided_by ? (
          <>
            {d.decided_by}
            <span className="muted"> ({d.status === "rejected" ? "rejected" : "approved"})</span>
          </>
        ) : (
          <span className="muted">—</span>
        ),
    },
    actionsColumn((d) =>
      d.status === "draft" && d.may_decide ? (
        <span style={{ display: "flex", gap: 6 }}>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => decide(d.id, "approve")}>
            Approve
          </button>
          <button type="button" className="btn" disabled={busy} onClick={() => decide(d.id, "reject")}>
            Reject
          </button>
        </span>
      ) : d.status === "applied" && d.type === "guardrail_downgrade" && d.may_decide ? (
        <button type="button" className="btn" disabled={busy} onClick={() => decide(d.id, "withdraw")}>
          Withdraw
        </button>
      ) : d.status === "draft" ? (
        <span className="muted">awaits {d.owner_team ? `a ${d.owner_team} lead` : "an admin"}</span>
      ) : null,
    ),
  ];

  return (
    <>
      <FormMessages error={error} />
      <nav aria-label="Filter by kind" style={{ display: "flex", flexWrap: "wrap", gap: 6, marginBottom: 12 }}>
        <Link className={`badge ${kind ? "" : "badge-good"}`} href="/opportunities">
          All
        </Link>
        {kinds.map((k) => (
          <Link key={k} className={`badge ${kind === k ? "badge-good" : ""}`} href={`/opportunities?kind=${k}`}>
            {KIND_LABEL[k] ?? k}
          </Link>
        ))}
      </nav>
      <DataTable
        title="Savings opportunities"
        filename="opportunities.csv"
        columns={columns}
        rows={opportunities}
        rowKey={(o) => o.id}
        empty={
          kind
            ? "No opportunity of this kind in the last 30 days."
            : "No opportunity worth $1 a month or more in the last 30 days: send more events, or come back when traffic has grown."
        }
      />
      <DataTable
        title="Policy drafts"
        filename="policy-drafts.csv"
        columns={draftColumns}
        rows={drafts}
        rowKey={(d) => d.id}
        empty="No drafts yet. Draft one from an opportunity above (or let an assistant do it through MCP); nothing is applied until the owning team's lead or an admin approves it."
      />
    </>
  );
}
