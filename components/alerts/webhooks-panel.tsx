"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { useRefreshingAction } from "../ui/use-refreshing-action";
import { DataTable, type Column } from "../ui/data-table";

type Hook = { id: string; url: string; enabled: boolean; created_at: string; deliveries: Record<string, number> };

export function WebhooksPanel({ webhooks }: { webhooks: Hook[] }) {
  const { busy, error, run } = useRefreshingAction();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);

  async function onAdd(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const url = String(new FormData(form).get("url"));
    await run(async () => {
      setSecret(await apiFetch<{ url: string; secret: string }>("/api/v1/webhooks", { method: "POST", json: { url } }));
      form.reset();
    }, "Check the URL (http or https) and try again.");
  }

  async function remove(h: Hook) {
    if (!confirm(`Stop sending alerts to ${h.url}?`)) return;
    await run(() => apiFetch(`/api/v1/webhooks/${h.id}`, { method: "DELETE" }));
  }

  const columns: Column<Hook>[] = [
    { key: "url", label: "URL", value: (h) => h.url, render: (h) => <code>{h.url}</code> },
    { key: "delivered", label: "Delivered", numeric: true, value: (h) => h.deliveries.delivered ?? 0 },
    { key: "pending", label: "Retrying", numeric: true, value: (h) => h.deliveries.pending ?? 0 },
    { key: "failed", label: "Failed", numeric: true, value: (h) => h.deliveries.failed ?? 0 },
    {
      key: "actions",
      label: "",
      value: () => "",
      render: (h) => (
        <button className="btn btn-danger" disabled={busy} onClick={() => remove(h)} aria-label={`Delete webhook ${h.url}`}>
          Delete
        </button>
      ),
    },
  ];

  return (
    <>
      {error && (
        <div role="alert" className="alert alert-error">
          {error}
        </div>
      )}
      {secret && (
        <div className="card" role="status">
          <h2>Signing secret for {secret.url}</h2>
          <p className="muted">
            Shown once. Verify <code>X-Spendline-Signature: t=…,v1=…</code> = HMAC-SHA256(secret, &quot;t.body&quot;).
          </p>
          <div className="key-once">{secret.secret}</div>
        </div>
      )}
      <DataTable
        title="Alert webhooks"
        filename="webhooks.csv"
        columns={columns}
        rows={webhooks}
        rowKey={(h) => h.id}
        empty="No webhook yet: add a URL to receive every new alert as a signed JSON POST (retried with backoff)."
      />
      <section className="card" aria-label="Add a webhook">
        <form onSubmit={onAdd} className="form-row">
          <div className="field">
            <label htmlFor="wh-url">Webhook URL</label>
            <input id="wh-url" name="url" type="url" required placeholder="https://hooks.example.com/spendline" size={48} />
          </div>
          <div className="field">
            <button className="btn btn-primary" disabled={busy}>
              Add webhook
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
