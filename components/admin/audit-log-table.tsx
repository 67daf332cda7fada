"use client";
import { DataTable } from "../ui/data-table";
import type { DisplayChange } from "@/lib/audit/display";

export type AuditRow = { id: string; at: string; action: string; actor: string; target: string; changes: DisplayChange[] };

const text = (c: DisplayChange[]) => c.map((x) => `${x.field}: ${x.before} → ${x.after}`).join("; ");

export function AuditLogTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      title="Latest actions"
      filename="audit-log.csv"
      rows={rows}
      rowKey={(r) => r.id}
      empty="No administrative actions match these filters."
      columns={[
        {
          key: "at",
          label: "When (UTC)",
          value: (r) => r.at,
          render: (r) => <span style={{ whiteSpace: "nowrap" }}>{r.at.slice(0, 19).replace("T", " ")}</span>,
        },
        { key: "action", label: "Action", value: (r) => r.action, render: (r) => <code>{r.action}</code> },
        { key: "actor", label: "Actor", value: (r) => r.actor },
        { key: "target", label: "Target", value: (r) => r.target },
        {
          key: "change",
          label: "What changed",
          value: (r) => text(r.changes),
          render: (r) =>
            r.changes.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              <dl className="audit-diff">
                {r.changes.map((c) => (
                  <div key={c.field}>
                    <dt>{c.field}</dt>
                    <dd>
                      {!c.added && <del>{c.before}</del>}
                      {!c.added && !c.removed && " → "}
                      {!c.removed ? <ins>{c.after}</ins> : <span className="muted">(removed)</span>}
                    </dd>
                  </div>
                ))}
              </dl>
            ),
        },
      ]}
    />
  );
}
