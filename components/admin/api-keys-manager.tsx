"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch } from "../api-client";

type Key = { id: string; name: string; prefix: string; scopes: string[]; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

export function ApiKeysManager({ keys }: { keys: Key[] }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setBusy(true);
    setError(null);
    try {
      const out = await apiFetch<{ key: string; name: string }>("/api/v1/admin/api-keys", {
        method: "POST",
        json: { name: f.get("name"), scopes: f.getAll("scopes") },
      });
      setCreated(out);
      form.reset();
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(k: Key) {
    if (!confirm(`Revoke "${k.name}" (${k.prefix}…)? Applications using it will get 401 at once.`)) return;
    setBusy(true);
    setError(null);
    try {
      await apiFetch(`/api/v1/admin/api-keys/${k.id}`, { method: "DELETE" });
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {error && <div role="alert" className="alert alert-error">{error}</div>}
      {created && (
        <div className="card" role="status">
          <h2>Copy the key for “{created.name}” now</h2>
          <p className="muted">It will not be shown again. Store it in your application&apos;s secret store.</p>
          <div className="key-once" data-testid="new-api-key">{created.key}</div>
        </div>
      )}
      <div className="card">
        <h2>Create a key</h2>
        <form onSubmit={onCreate} className="form-row">
          <div className="field">
            <label htmlFor="k-name">Name</label>
            <input id="k-name" name="name" placeholder="e.g. support-bot production" required />
          </div>
          <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
            <legend style={{ fontWeight: 600, fontSize: 12, marginBottom: 4 }}>Scopes</legend>
            {(["ingest", "read", "admin"] as const).map((s) => (
              <label key={s} style={{ display: "inline-flex", gap: 4, marginRight: 12, fontWeight: 400, fontSize: 14 }}>
                <input type="checkbox" name="scopes" value={s} defaultChecked={s === "ingest"} /> {s}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <button className="btn btn-primary" disabled={busy}>Create key</button>
          </div>
        </form>
      </div>
      <div className="card table-wrap">
        {keys.length === 0 ? (
          <p className="muted">No keys yet. Create one above, then send events with <code>Authorization: Bearer &lt;key&gt;</code>.</p>
        ) : (
          <table className="table">
            <thead>
              <tr><th>Name</th><th>Key</th><th>Scopes</th><th>Created</th><th>Last used</th><th>Status</th><th /></tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td><code>{k.prefix}…</code></td>
                  <td>{k.scopes.join(", ")}</td>
                  <td>{when(k.createdAt)}</td>
                  <td>{when(k.lastUsedAt)}</td>
                  <td>{k.revokedAt ? <span className="badge badge-bad">revoked</span> : <span className="badge badge-good">active</span>}</td>
                  <td className="num">
                    {!k.revokedAt && (
                      <button className="btn btn-danger" disabled={busy} onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
