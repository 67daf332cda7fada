"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { useRefreshingAction } from "../ui/use-refreshing-action";
import { DataTable } from "../ui/data-table";

const ROLES = [
  ["ADMIN", "Admin"],
  ["FINANCE", "Finance"],
  ["ENGINEERING_LEAD", "Engineering lead"],
  ["VIEWER", "Viewer"],
] as const;

type Row = { id: string; userId: string; email: string; name: string | null; role: string; team: string | null };

export function MembersManager({ members, meId }: { members: Row[]; meId: string }) {
  const action = useRefreshingAction();
  const { busy, error } = action;
  const [notice, setNotice] = useState<string | null>(null);

  async function run(fn: () => Promise<unknown>, ok: string) {
    setNotice(null);
    if (await action.run(fn)) setNotice(ok);
  }

  async function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    await run(
      () =>
        apiFetch("/api/v1/admin/members", {
          method: "POST",
          json: {
            email: f.get("email"),
            name: f.get("name") || undefined,
            role: f.get("role"),
            password: f.get("password"),
            team: f.get("team") || undefined,
          },
        }).then(() => form.reset()),
      `Added ${f.get("email")}. Share the password with them over a safe channel.`,
    );
  }

  return (
    <>
      {error && <div role="alert" className="alert alert-error">{error}</div>}
      {notice && <div role="status" className="alert alert-ok">{notice}</div>}
      <div className="card">
        <h2>Add a member</h2>
        <form onSubmit={onCreate} className="form-row">
          <div className="field">
            <label htmlFor="m-email">Email</label>
            <input id="m-email" name="email" type="email" required />
          </div>
          <div className="field">
            <label htmlFor="m-name">Name</label>
            <input id="m-name" name="name" />
          </div>
          <div className="field">
            <label htmlFor="m-role">Role</label>
            <select id="m-role" name="role" defaultValue="VIEWER">
              {ROLES.map(([v, l]) => (
                <option key={v} value={v}>{l}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="m-team">Team (engineering leads)</label>
            <input id="m-team" name="team" placeholder="e.g. support" />
          </div>
          <div className="field">
            <label htmlFor="m-password">Initial password</label>
            <input id="m-password" name="password" type="password" minLength={8} required />
          </div>
          <div className="field">
            <button className="btn btn-primary" disabled={busy}>Add member</button>
          </div>
        </form>
      </div>
      <DataTable
        title="Members"
        filename="members.csv"
        rows={members}
        rowKey={(m) => m.id}
        columns={[
          {
            key: "email",
            label: "Email",
            value: (m) => m.email,
            render: (m) => (
              <>
                {m.email}
                {m.userId === meId && <span className="badge" style={{ marginLeft: 6 }}>you</span>}
              </>
            ),
          },
          { key: "name", label: "Name", value: (m) => m.name ?? "" , render: (m) => m.name ?? "—" },
          { key: "team", label: "Team", value: (m) => m.team ?? "", render: (m) => m.team ?? "—" },
          {
            key: "role",
            label: "Role",
            value: (m) => m.role,
            render: (m) => (
              <select
                aria-label={`Role of ${m.email}`}
                value={m.role}
                disabled={busy}
                onChange={(e) =>
                  run(
                    () => apiFetch(`/api/v1/admin/members/${m.id}`, { method: "PATCH", json: { role: e.target.value } }),
                    `${m.email} is now ${e.target.value.toLowerCase().replace("_", " ")}.`,
                  )
                }
              >
                {ROLES.map(([v, l]) => (
                  <option key={v} value={v}>{l}</option>
                ))}
              </select>
            ),
          },
          {
            key: "actions",
            label: "",
            csv: false,
            numeric: true,
            value: () => null,
            render: (m) => (
              <button
                className="btn btn-danger"
                disabled={busy || m.userId === meId}
                onClick={() => {
                  if (confirm(`Remove ${m.email} from the organisation?`))
                    run(() => apiFetch(`/api/v1/admin/members/${m.id}`, { method: "DELETE" }), `Removed ${m.email}.`);
                }}
              >
                Remove
              </button>
            ),
          },
        ]}
      />
    </>
  );
}
