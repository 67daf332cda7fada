"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { DataTable } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options } from "../forms/options";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit } from "../forms/form-values";

const ROLES = [
  ["ADMIN", "Admin"],
  ["FINANCE", "Finance"],
  ["ENGINEERING_LEAD", "Engineering lead"],
  ["VIEWER", "Viewer"],
] as const;

type Row = { id: string; userId: string; email: string; name: string | null; role: string; team: string | null };

const roleLabel = (r: string) => ROLES.find(([v]) => v === r)?.[1] ?? r;

export function MembersManager({ members, meId, teams }: { members: Row[]; meId: string; teams: string[] }) {
  const { busy, error, notice, setNotice, run } = useApiAction();
  const [newRole, setNewRole] = useState("VIEWER");

  /** Role and team changes are confirmed: they change what the person may see and do at once. */
  function change(m: Row, next: { role?: string; team?: string | null }) {
    const role = next.role ?? m.role;
    const team = next.team !== undefined ? next.team : m.team;
    if (role === "ENGINEERING_LEAD" && !team) {
      setNotice(null);
      alert(`Choose ${m.email}'s team first: an engineering lead needs the team they lead.`);
      return;
    }
    const what =
      next.role !== undefined
        ? `role from ${roleLabel(m.role)} to ${roleLabel(role)}`
        : `team from ${m.team ?? "none"} to ${team ?? "none"}`;
    run(() => apiFetch(`/api/v1/admin/members/${m.id}`, { method: "PATCH", json: { role, team } }), {
      confirm: `Change ${m.email}'s ${what}? It takes effect at their next page load.`,
      ok: `${m.email} is now ${roleLabel(role).toLowerCase()}${team ? ` (team ${team})` : ""}.`,
    });
  }

  const onCreate = onFormSubmit((f, form) =>
    run(
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
        }).then(() => {
          form.reset();
          setNewRole("VIEWER");
        }),
      { ok: `Added ${f.get("email")}. Share the password with them over a safe channel.` },
    ),
  );

  return (
    <>
      <FormMessages error={error} ok={notice} />
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
            <select id="m-role" name="role" value={newRole} onChange={(e) => setNewRole(e.target.value)}>
              <Options items={ROLES} />
            </select>
          </div>
          <div className="field">
            <label htmlFor="m-team">Team{newRole === "ENGINEERING_LEAD" ? " (required for a lead)" : " (optional)"}</label>
            <select id="m-team" name="team" defaultValue="" required={newRole === "ENGINEERING_LEAD"}>
              <option value="">{newRole === "ENGINEERING_LEAD" ? "Choose a team…" : "No team"}</option>
              <Options items={teams} />
            </select>
          </div>
          <div className="field">
            <label htmlFor="m-password">Initial password</label>
            <input id="m-password" name="password" type="password" minLength={8} required />
          </div>
          <SubmitButton busy={busy}>Add member</SubmitButton>
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
                {m.userId === meId && (
                  <span className="badge" style={{ marginLeft: 6 }}>
                    you
                  </span>
                )}
              </>
            ),
          },
          { key: "name", label: "Name", value: (m) => m.name ?? "", render: (m) => m.name ?? "—" },
          {
            key: "team",
            label: "Team",
            value: (m) => m.team ?? "",
            render: (m) => (
              <select
                aria-label={`Team of ${m.email}`}
                value={m.team ?? ""}
                disabled={busy}
                onChange={(e) => change(m, { team: e.target.value || null })}
              >
                <option value="">No team</option>
                <Options items={[...new Set([...teams, ...(m.team ? [m.team] : [])])]} />
              </select>
            ),
          },
          {
            key: "role",
            label: "Role",
            value: (m) => m.role,
            render: (m) => (
              <select
                aria-label={`Role of ${m.email}`}
                value={m.role}
                disabled={busy}
                onChange={(e) => change(m, { role: e.target.value })}
              >
                <Options items={ROLES} />
              </select>
            ),
          },
          actionsColumn(
            (m: Row) => (
              <button
                className="btn btn-danger"
                disabled={busy || m.userId === meId}
                onClick={() =>
                  run(() => apiFetch(`/api/v1/admin/members/${m.id}`, { method: "DELETE" }), {
                    confirm: `Remove ${m.email} from the organisation?`,
                    ok: `Removed ${m.email}.`,
                  })
                }
              >
                Remove
              </button>
            ),
            { numeric: true },
          ),
        ]}
      />
    </>
  );
}
