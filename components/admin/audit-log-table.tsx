"use client";
import { DataTable } from "../ui/data-table";

export type AuditRow = { id: string; at: string; action: string; actor: string; target: string; before: string; after: string };

export function AuditLogTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      title="Latest actions"
      filename="audit-log.csv"
      rows={rows}
      rowKey={(r) => r.id}
      empty="No administrative actions yet."
      columns={[
        { key: "at", label: "When (UTC)", value: (r) => r.at, render: (r) => <span style={{ whiteSpace: "nowrap" }}>{r.at.slice(0, 19).replace("T", " ")}</span> },
        { key: "action", label: "Action", value: (r) => r.action, render: (r) => <code>{r.action}</code> },
        { key: "actor", label: "Actor", value: (r) => r.actor },
        { key: "target", label: "Target", value: (r) => r.target },
        {
          key: "change",
          label: "Before → after",
          value: (r) => `${r.before} → ${r.after}`,
          render: (r) => <code style={{ fontSize: 12 }}>{r.before} → {r.after}</code>,
        },
      ]}
    />
  );
}
