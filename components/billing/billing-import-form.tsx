"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { ProgressBar } from "../ui/progress-bar";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options, Suggestions } from "../forms/options";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit } from "../forms/form-values";
import type { ImportResult } from "@/lib/billing/import-billing";
import { BILLING_TEMPLATES } from "@/lib/billing/templates";
import { downloadText } from "../ui/csv-download";

type Progress = { status: string; phase: string; processed: number; total: number };

/** What the person reads under the bar while a file imports. */
function progressText(p: Progress | null): string {
  if (!p || p.phase === "reading") return "Uploading and reading the file…";
  if (p.phase === "comparing") return `Comparing ${p.total.toLocaleString("en-US")} lines with what is stored…`;
  if (p.phase === "writing") return `Writing lines: ${p.processed.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")}…`;
  return "Finishing…";
}

const SOURCES = [
  ["openai_costs", "OpenAI Costs API (JSON)"],
  ["openai_usage", "OpenAI Usage API, completions (JSON)"],
  ["anthropic_cost_report", "Anthropic cost_report (JSON)"],
  ["anthropic_usage", "Anthropic usage_report/messages (JSON)"],
  ["focus", "FOCUS export (CSV)"],
] as const;

/** Upload one provider file: the API's JSON as a script saved it, or a FOCUS CSV. */
export function BillingImportForm({ accounts }: { accounts: string[] }) {
  const { busy, error, notice, run } = useApiAction();
  // a large file takes seconds: the server reports its phase and lines written, polled here
  const [progress, setProgress] = useState<Progress | null>(null);
  const [watching, setWatching] = useState(false);
  const [source, setSource] = useState<(typeof SOURCES)[number][0]>("openai_costs");
  const template = BILLING_TEMPLATES[source];

  const onSubmit = onFormSubmit(async (f, form) => {
    const file = f.get("file") as File | null;
    if (!file || file.size === 0) return;
    const fileSource = String(f.get("source"));
    const token = crypto.randomUUID();
    const done = await run(
      async () => {
        const qs = new URLSearchParams({ source: fileSource, account: String(f.get("account")).trim(), progress: token });
        setProgress(null);
        setWatching(true);
        const poll = setInterval(() => {
          apiFetch<Progress>(`/api/v1/billing/imports/progress/${token}`)
            .then((p) => setProgress(p))
            .catch(() => {}); // 404 until the upload reaches the server
        }, 700);
        try {
          return await apiFetch<ImportResult>(`/api/v1/billing/imports?${qs}`, {
            method: "POST",
            body: file,
            headers: { "content-type": fileSource === "focus" ? "text/csv" : "application/json" },
          });
        } finally {
          clearInterval(poll);
          setWatching(false);
        }
      },
      {
        hint: "Check the source matches the file and upload again.",
        ok: (r) =>
          r.unchanged
            ? `Nothing changed: ${r.account} ${r.period_start} – ${r.period_end} was already imported with the same ${r.lines} lines.`
            : `Imported ${r.lines} lines for ${r.account}, ${r.period_start} – ${r.period_end}: ${r.diff.added} added, ${r.diff.changed} changed, ${r.diff.removed} removed.`,
      },
    );
    if (done) form.reset();
  });

  return (
    <section className="card" aria-label="Import an invoice">
      <h2>Import an invoice or usage file</h2>
      <FormMessages error={error} ok={notice} />
      <form onSubmit={onSubmit}>
        <div className="form-row">
          <div className="field">
            <label htmlFor="bi-source">Source</label>
            <select id="bi-source" name="source" value={source} onChange={(e) => setSource(e.target.value as (typeof SOURCES)[number][0])}>
              <Options items={SOURCES} />
            </select>
          </div>
          <div className="field">
            <label htmlFor="bi-account">Provider account</label>
            <input id="bi-account" name="account" required placeholder="openai-prod" list="bi-accounts" maxLength={100} />
            <Suggestions id="bi-accounts" values={accounts} />
          </div>
          <div className="field">
            <label htmlFor="bi-file">File</label>
            <input id="bi-file" name="file" type="file" required accept=".json,.csv,application/json,text/csv" />
          </div>
          <SubmitButton busy={busy} busyText="Importing…">
            Import
          </SubmitButton>
        </div>
      </form>
      {watching && (
        <div aria-live="polite" style={{ margin: "8px 0" }}>
          <ProgressBar
            label="Import progress"
            percent={progress && progress.total > 0 ? Math.floor((100 * progress.processed) / progress.total) : 0}
          />
          <p className="muted" style={{ fontSize: 12, margin: "4px 0 0" }}>
            {progressText(progress)} The import is all or nothing: if it fails, nothing is changed.
          </p>
        </div>
      )}
      <p className="muted" style={{ fontSize: 12, margin: 0 }}>
        <button type="button" className="btn" onClick={() => downloadText(template.filename, template.text, template.type)}>
          Download template ({template.filename})
        </button>{" "}
        A file covers the days from its first to its last line: a part of a month is compared on those days only until the rest is imported.
        Re-importing a period replaces it and records what changed. Files up to 64 MiB (about 300,000 lines). Scripts can POST the same file
        to
        <code> /api/v1/billing/imports?source=…&amp;account=…</code> with an <code>admin</code> API key.
      </p>
    </section>
  );
}
