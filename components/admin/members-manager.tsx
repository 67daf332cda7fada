"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "../api-client";

const ROLES = [
  ["ADMIN", "Admin"],
  ["FINANCE", "Finance"],
  ["ENGINEERING_LEAD", "Engineering lead"],
  ["VIEWER", "Viewer"],
] as const;

type Row = { id: string; userId: string; email: string; name: string | null; role: string; team: string | null };

export function MembersManager({ members, meId }: { members: Row[]; meId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<unknown>, ok: string) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      setNotice(ok);
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
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
      <div className="card table-wrap">
        <table className="table">
          <thead>
            <tr><th>Email</th><th>Name</th><th>Team</th><th>Role</th><th /></tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>{m.email}{m.userId === meId && <span className="badge" style={{ marginLeft: 6 }}>you</span>}</td>
                <td>{m.name ?? "—"}</td>
                <td>{m.team ?? "—"}</td>
                <td>
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
                </td>
                <td className="num">
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
