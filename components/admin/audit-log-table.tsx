"use client";
import { DataTable } from "../ui/data-table";
import type { Change } from "@/lib/audit/diff";

export type AuditRow = { id: string; at: string; action: string; actor: string; target: string; changes: Change[] };

const text = (c: Change[]) => c.map((x) => `${x.field}: ${x.before} → ${x.after}`).join("; ");

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
                      {c.before !== "—" && <del>{c.before}</del>}
                      {c.before !== "—" && c.after !== "—" && " → "}
                      {c.after !== "—" ? <ins>{c.after}</ins> : <span className="muted">(removed)</span>}
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
