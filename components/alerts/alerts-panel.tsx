"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Fragment } from "react";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options } from "../forms/options";
import type { AlertDto } from "@/lib/alerts/manage-alerts";

const stateBadge: Record<string, string> = { open: "badge badge-bad", acknowledged: "badge badge-warn", resolved: "badge badge-good" };

function Evidence({ e }: { e: unknown }) {
  if (!e || typeof e !== "object") return null;
  const entries = Object.entries(e as Record<string, unknown>).filter(([k]) => k !== "budget_id");
  return (
    <details>
      <summary className="muted" style={{ cursor: "pointer", fontSize: 12 }}>
        evidence
      </summary>
      <dl style={{ display: "grid", gridTemplateColumns: "auto 1fr", gap: "2px 10px", fontSize: 12, margin: "6px 0 0" }}>
        {entries.map(([k, v]) => (
          <Fragment key={k}>
            <dt className="muted">{k.replace(/_/g, " ")}</dt>
            <dd style={{ margin: 0 }}>{Array.isArray(v) ? v.join(", ") : String(v)}</dd>
          </Fragment>
        ))}
      </dl>
    </details>
  );
}

/** `refusal`: why this person may not act on the alert (alertActionRefusal, the server's own rule); null when they may */
type AlertRow = AlertDto & { refusal?: string | null };

export function AlertsPanel({ alerts, canManage }: { alerts: AlertRow[]; canManage: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { busy, error, run } = useApiAction({ hint: "Try again." });
  const state = params.get("state") ?? "";

  const act = (id: string, action: string) => run(() => apiFetch(`/api/v1/alerts/${id}`, { method: "POST", json: { action } }));

  const columns: Column<AlertRow>[] = [
    { key: "created_at", label: "Raised (UTC)", value: (a) => a.created_at, render: (a) => a.created_at.slice(0, 16).replace("T", " ") },
    {
      key: "state",
      label: "State",
      value: (a) => a.state,
      render: (a) => <span className={stateBadge[a.state] ?? "badge"}>{a.state}</span>,
    },
    {
      key: "kind",
      label: "Kind",
      value: (a) => a.kind,
      render: (a) => <span className={a.severity === "critical" ? "badge badge-bad" : "badge badge-warn"}>{a.kind}</span>,
    },
    { key: "title", label: "Alert", value: (a) => a.title, render: (a) => <div style={{ maxWidth: 520 }}>{a.title}</div> },
    { key: "evidence", label: "Evidence", value: (a) => JSON.stringify(a.evidence), render: (a) => <Evidence e={a.evidence} /> },
    ...(canManage
      ? [
          actionsColumn(
            (a: AlertRow) =>
              a.refusal ? (
                <span className="muted" title={a.refusal}>
                  team {a.team}&apos;s alert
                </span>
              ) : (
                <div style={{ display: "flex", gap: 6 }}>
                  {a.state === "open" && (
                    <button className="btn" disabled={busy} onClick={() => act(a.id, "acknowledge")}>
                      Acknowledge
                    </button>
                  )}
                  {a.state !== "resolved" && (
                    <button className="btn" disabled={busy} onClick={() => act(a.id, "resolve")}>
                      Resolve
                    </button>
                  )}
                  {a.state === "resolved" && (
                    <button className="btn" disabled={busy} onClick={() => act(a.id, "reopen")}>
                      Reopen
                    </button>
                  )}
                </div>
              ),
            { emptyCsvColumn: true },
          ),
        ]
      : []),
  ];

  return (
    <>
      <form method="get" action={pathname} className="filters" aria-label="Alert filters">
        <div className="field">
          <label htmlFor="al-state">Alert state</label>
          <select
            id="al-state"
            name="state"
            defaultValue={state}
            key={state}
            onChange={(e) => router.push(`${pathname}${e.target.value ? `?state=${e.target.value}` : ""}`)}
          >
            <Options items={[["", "all"], "open", "acknowledged", "resolved"]} />
          </select>
        </div>
        <noscript>
          <button className="btn">Show</button>
        </noscript>
      </form>
      <FormMessages error={error} />
      <DataTable
        title="Alerts"
        filename="alerts.csv"
        columns={columns}
        rows={alerts}
        rowKey={(a) => a.id}
        empty={
          state
            ? `No ${state} alerts.`
            : "No alerts. Budgets alert at their thresholds; anomalies (a feature's cost per minute ≥ 4× its baseline) alert as events arrive."
        }
      />
    </>
  );
}
