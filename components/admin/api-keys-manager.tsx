"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { DataTable } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit } from "../forms/form-values";

type Key = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().slice(0, 16).replace("T", " ") + " UTC" : "never");

export function ApiKeysManager({ keys }: { keys: Key[] }) {
  const { busy, error, run } = useApiAction();
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);

  const onCreate = onFormSubmit((f, form) =>
    run(async () => {
      setCreated(
        await apiFetch<{ key: string; name: string }>("/api/v1/admin/api-keys", {
          method: "POST",
          json: { name: f.get("name"), scopes: f.getAll("scopes") },
        }),
      );
      form.reset();
    }),
  );

  const revoke = (k: Key) =>
    run(() => apiFetch(`/api/v1/admin/api-keys/${k.id}`, { method: "DELETE" }), {
      confirm: `Revoke "${k.name}" (${k.prefix}…)? Applications using it will get 401 at once.`,
    });

  return (
    <>
      <FormMessages error={error} />
      {created && (
        <div className="card" role="status">
          <h2>Copy the key for “{created.name}” now</h2>
          <p className="muted">It will not be shown again. Store it in your application&apos;s secret store.</p>
          <div className="key-once" data-testid="new-api-key">
            {created.key}
          </div>
          <CopyButton text={created.key} />
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
          <SubmitButton busy={busy}>Create key</SubmitButton>
        </form>
      </div>
      <DataTable
        title="Keys"
        filename="api-keys.csv"
        rows={keys}
        rowKey={(k) => k.id}
        empty="No keys yet. Create one above, then send events with Authorization: Bearer <key>."
        columns={[
          { key: "name", label: "Name", value: (k) => k.name },
          { key: "prefix", label: "Key", value: (k) => `${k.prefix}…`, render: (k) => <code>{k.prefix}…</code> },
          { key: "scopes", label: "Scopes", value: (k) => k.scopes.join(" ") },
          { key: "created", label: "Created", value: (k) => when(k.createdAt) },
          { key: "last_used", label: "Last used", value: (k) => when(k.lastUsedAt) },
          {
            key: "status",
            label: "Status",
            value: (k) => (k.revokedAt ? "revoked" : "active"),
            render: (k) =>
              k.revokedAt ? <span className="badge badge-bad">revoked</span> : <span className="badge badge-good">active</span>,
          },
          actionsColumn(
            (k: Key) =>
              !k.revokedAt && (
                <button className="btn btn-danger" disabled={busy} onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>
                  Revoke
                </button>
              ),
            { numeric: true },
          ),
        ]}
      />
    </>
  );
}

/** Copies the new key; says so (the key is shown once). */
function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  return (
    <p style={{ marginBottom: 0 }}>
      <button
        type="button"
        className="btn btn-primary"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setCopied("yes"),
            () => setCopied("failed"),
          )
        }
      >
        Copy key
      </button>{" "}
      <span role="status" className="muted">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Copying is blocked here: select the key and copy it." : ""}
      </span>
    </p>
  );
}
