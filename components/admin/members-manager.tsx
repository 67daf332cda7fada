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
type InviteRow = { id: string; email: string; role: string; team: string | null; expiresAt: string; status: "pending" | "expired" };
type Created = { accept_url: string; existing_account: boolean; message: string; invite: { email: string } };

const roleLabel = (r: string) => ROLES.find(([v]) => v === r)?.[1] ?? r;

export function MembersManager({ members, invites, meId, teams }: { members: Row[]; invites: InviteRow[]; meId: string; teams: string[] }) {
  const { busy, error, notice, setNotice, run } = useApiAction();
  const [newRole, setNewRole] = useState("VIEWER");
  const [created, setCreated] = useState<Created | null>(null);
  const [copied, setCopied] = useState(false);

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
        apiFetch<Created>("/api/v1/admin/members", {
          method: "POST",
          json: { email: f.get("email"), role: f.get("role"), team: f.get("team") || undefined },
        }).then((answer) => {
          form.reset();
          setNewRole("VIEWER");
          setCopied(false);
          setCreated(answer);
          return answer;
        }),
      { ok: (a) => `Invited ${a.invite.email}. ${a.message}` },
    ),
  );

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
      alert("Copying was refused by the browser: select the link and copy it yourself.");
    }
  }

  return (
    <>
      <FormMessages error={error} ok={notice} />
      <div className="card">
        <h2>Invite a member</h2>
        <p className="muted" style={{ marginTop: 0 }}>
          The person opens the invite link and chooses their own password (or signs in, if they already have a Spendline account). Spendline
          sends no email: copy the link and send it to them yourself. A link works once, for 7 days.
        </p>
        <form onSubmit={onCreate} className="form-row">
          <div className="field">
            <label htmlFor="m-email">Email</label>
            <input id="m-email" name="email" type="email" required />
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
          <SubmitButton busy={busy}>Create invite link</SubmitButton>
        </form>
        {created && (
          <div className="invite-link" style={{ marginTop: 12 }}>
            <label htmlFor="invite-url">
              Invite link for {created.invite.email} (shown once{created.existing_account ? "; they already have an account" : ""})
            </label>
            <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
              <input
                id="invite-url"
                readOnly
                value={created.accept_url}
                onFocus={(e) => e.currentTarget.select()}
                style={{ flex: "1 1 240px", minWidth: 0 }}
              />
              <button type="button" className="btn" onClick={() => copy(created.accept_url)}>
                {copied ? "Copied" : "Copy link"}
              </button>
            </div>
          </div>
        )}
      </div>
      {invites.length > 0 && (
        <DataTable
          title="Invites not yet accepted"
          filename="invites.csv"
          rows={invites}
          rowKey={(i) => i.id}
          columns={[
            { key: "email", label: "Email", value: (i) => i.email },
            { key: "role", label: "Role", value: (i) => roleLabel(i.role) },
            { key: "team", label: "Team", value: (i) => i.team ?? "", render: (i) => i.team ?? "—" },
            {
              key: "expires",
              label: "Link",
              value: (i) => (i.status === "expired" ? `expired ${i.expiresAt}` : `valid until ${i.expiresAt}`),
              render: (i) =>
                i.status === "expired" ? (
                  <span className="badge">expired: invite again</span>
                ) : (
                  <>valid until {i.expiresAt.slice(0, 16).replace("T", " ")} UTC</>
                ),
            },
            actionsColumn(
              (i: InviteRow) => (
                <button
                  className="btn btn-danger"
                  disabled={busy}
                  aria-label={`Revoke the invite for ${i.email}`}
                  onClick={() =>
                    run(() => apiFetch(`/api/v1/admin/invites/${i.id}`, { method: "DELETE" }), {
                      confirm: `Revoke the invite for ${i.email}? The link stops working.`,
                      ok: `Revoked the invite for ${i.email}.`,
                    })
                  }
                >
                  Revoke
                </button>
              ),
              { numeric: true },
            ),
          ]}
        />
      )}
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
