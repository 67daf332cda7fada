"use client";
import { DataTable, type Column } from "../ui/data-table";
import { displayOrigin, shortUserAgent, type DisplayChange } from "@/lib/audit/display";

export type AuditRow = {
  id: string;
  at: string;
  action: string;
  actor: string;
  /** from where: the client address and user agent the entry recorded (none for the CLI and background work) */
  ip: string | null;
  user_agent: string | null;
  target: string;
  changes: DisplayChange[];
};

const text = (c: DisplayChange[]) => c.map((x) => `${x.field}: ${x.before} → ${x.after}`).join("; ");

export function AuditLogTable({ rows }: { rows: AuditRow[] }) {
  const columns: Column<AuditRow>[] = [
    {
      key: "at",
      label: "When (UTC)",
      value: (r) => r.at,
      render: (r) => <span style={{ whiteSpace: "nowrap" }}>{r.at.slice(0, 19).replace("T", " ")}</span>,
    },
    { key: "action", label: "Action", value: (r) => r.action, render: (r) => <code>{r.action}</code> },
    { key: "actor", label: "Actor", value: (r) => r.actor },
    {
      key: "from",
      label: "From",
      value: (r) => displayOrigin(r.ip, r.user_agent),
      render: (r) =>
        r.ip || r.user_agent ? (
          <span title={r.user_agent ?? undefined} style={{ display: "inline-block", minWidth: 120 }}>
            {r.ip && <code style={{ whiteSpace: "nowrap" }}>{r.ip}</code>}
            {r.ip && r.user_agent && <br />}
            {r.user_agent && <span className="muted">{shortUserAgent(r.user_agent)}</span>}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
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
  ];
  // the CSV keeps the address and the whole user agent in their own columns
  const at = columns.findIndex((c) => c.key === "from");
  const csvColumns = [
    ...columns.slice(0, at),
    { key: "ip", label: "IP address", value: (r: AuditRow) => r.ip ?? "" },
    { key: "ua", label: "User agent", value: (r: AuditRow) => r.user_agent ?? "" },
    ...columns.slice(at + 1),
  ];
  return (
    <DataTable
      title="Latest actions"
      filename="audit-log.csv"
      rows={rows}
      rowKey={(r) => r.id}
      empty="No administrative actions match these filters."
      columns={columns}
      csvColumns={csvColumns}
    />
  );
}
