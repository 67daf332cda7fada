"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { DataTable, type Column } from "../ui/data-table";
import { actionsColumn } from "../ui/actions-column";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit } from "../forms/form-values";

type Hook = { id: string; url: string; enabled: boolean; created_at: string; deliveries: Record<string, number> };

export function WebhooksPanel({ webhooks }: { webhooks: Hook[] }) {
  const { busy, error, run } = useApiAction();
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);

  const onAdd = onFormSubmit((f, form) =>
    run(
      async () => {
        setSecret(
          await apiFetch<{ url: string; secret: string }>("/api/v1/webhooks", { method: "POST", json: { url: String(f.get("url")) } }),
        );
        form.reset();
      },
      { hint: "Check the URL (http or https) and try again." },
    ),
  );

  const columns: Column<Hook>[] = [
    { key: "url", label: "URL", value: (h) => h.url, render: (h) => <code>{h.url}</code> },
    { key: "delivered", label: "Delivered", numeric: true, value: (h) => h.deliveries.delivered ?? 0 },
    { key: "pending", label: "Retrying", numeric: true, value: (h) => h.deliveries.pending ?? 0 },
    { key: "failed", label: "Failed", numeric: true, value: (h) => h.deliveries.failed ?? 0 },
    actionsColumn(
      (h) => (
        <button
          className="btn btn-danger"
          disabled={busy}
          onClick={() =>
            run(() => apiFetch(`/api/v1/webhooks/${h.id}`, { method: "DELETE" }), { confirm: `Stop sending alerts to ${h.url}?` })
          }
          aria-label={`Delete webhook ${h.url}`}
        >
          Delete
        </button>
      ),
      { emptyCsvColumn: true },
    ),
  ];

  return (
    <>
      <FormMessages error={error} />
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
          <SubmitButton busy={busy}>Add webhook</SubmitButton>
        </form>
      </section>
    </>
  );
}
