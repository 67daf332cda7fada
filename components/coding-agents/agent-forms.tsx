"use client";
import { apiFetch } from "../api-client";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options } from "../forms/options";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit } from "../forms/form-values";
import type { AgentImportResult } from "@/lib/coding-agents/import-agent-usage";

const SOURCES = [
  ["claude_code_usage", "Claude Code usage report (Anthropic Admin API, JSON)"],
  ["cursor_usage_events", "Cursor usage events (Admin API, JSON)"],
  ["cursor_members", "Cursor team members → seats (JSON)"],
  ["copilot_seats", "GitHub Copilot seat assignments (JSON)"],
  ["copilot_premium_requests", "GitHub Copilot premium-request usage (JSON)"],
  ["generic_csv", "Other tool, e.g. Codex / ChatGPT workspace (CSV)"],
] as const;

/** Upload a coding-agent file, the people → team mapping, or CI runs and PRs. */
export function AgentUploadForms({ month }: { month: string }) {
  const { busy, error, notice, run } = useApiAction({ hint: "Check the source matches the file and upload again." });
  const post = (path: string, file: File, type: string) => async () =>
    apiFetch<unknown>(path, { method: "POST", body: await file.text(), headers: { "content-type": type } });

  const onImport = onFormSubmit(async (f, form) => {
    const file = f.get("file") as File | null;
    if (!file || file.size === 0) return;
    const qs = new URLSearchParams({
      source: String(f.get("source")),
      account: String(f.get("account")).trim(),
      month: String(f.get("month")),
    });
    if (String(f.get("seat_usd") ?? "").trim()) qs.set("seat_usd", String(f.get("seat_usd")).trim());
    const done = await run(() => post(`/api/v1/coding-agents/imports?${qs}`, file, "text/plain")() as Promise<AgentImportResult>, {
      ok: (r) =>
        (r.unchanged
          ? `Nothing changed: ${r.account} ${r.period_start} – ${r.period_end} was already imported.`
          : `Imported ${r.lines} lines (${r.diff.added} added, ${r.diff.changed} changed, ${r.diff.removed} removed).`) +
        (r.unmapped_people.length ? ` ${r.unmapped_people.length} people have no team yet: upload a mapping below.` : ""),
    });
    if (done) form.reset();
  });
  const onPeople = onFormSubmit(async (f, form) => {
    const file = f.get("file") as File | null;
    if (!file || file.size === 0) return;
    const done = await run(() => post("/api/v1/coding-agents/people", file, "text/csv")() as Promise<{ rows: number; changed: number }>, {
      hint: "The CSV needs the columns person (or email / login) and team.",
      ok: (r) => `Mapping saved: ${r.changed} of ${r.rows} people changed team.`,
    });
    if (done) form.reset();
  });
  const onOutcomes = onFormSubmit(async (f, form) => {
    const file = f.get("file") as File | null;
    if (!file || file.size === 0) return;
    const type = file.name.endsWith(".json") ? "application/json" : "text/csv";
    const done = await run(() => post("/api/v1/coding-agents/outcomes", file, type)() as Promise<{ rows: number }>, {
      hint: "Columns: id, kind (pr or ci_run), repo, pr, author, actor (agent or human), agent, minutes, cost_usd, merged, at, paying_team.",
      ok: (r) => `${r.rows} runs and pull requests recorded.`,
    });
    if (done) form.reset();
  });

  return (
    <section className="card" aria-label="Import coding-agent data">
      <h2>Import usage, seats, people and CI runs</h2>
      <FormMessages error={error} ok={notice} />
      <form onSubmit={onImport} aria-label="Usage or seat file">
        <div className="form-row">
          <div className="field">
            <label htmlFor="ca-source">Source</label>
            <select id="ca-source" name="source" defaultValue="claude_code_usage">
              <Options items={SOURCES} />
            </select>
          </div>
          <div className="field">
            <label htmlFor="ca-account">Account</label>
            <input id="ca-account" name="account" required placeholder="anthropic-main" maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="ca-month">Seat month</label>
            <input id="ca-month" name="month" type="month" defaultValue={month} required />
          </div>
          <div className="field">
            <label htmlFor="ca-seat">Seat price (USD, optional)</label>
            <input id="ca-seat" name="seat_usd" inputMode="decimal" placeholder="list price" maxLength={12} />
          </div>
          <div className="field">
            <label htmlFor="ca-file">File</label>
            <input id="ca-file" name="file" type="file" required accept=".json,.csv,application/json,text/csv" />
          </div>
          <SubmitButton busy={busy} busyText="Importing…">
            Import
          </SubmitButton>
        </div>
      </form>
      <div className="form-row">
        <form onSubmit={onPeople} aria-label="People to teams" className="form-row">
          <div className="field">
            <label htmlFor="ca-people">People → teams (CSV: person, team)</label>
            <input id="ca-people" name="file" type="file" required accept=".csv,text/csv" />
          </div>
          <SubmitButton busy={busy} busyText="Saving…">
            Upload mapping
          </SubmitButton>
        </form>
        <form onSubmit={onOutcomes} aria-label="CI runs and pull requests" className="form-row">
          <div className="field">
            <label htmlFor="ca-outcomes">CI runs and PRs (CSV or JSON)</label>
            <input id="ca-outcomes" name="file" type="file" required accept=".csv,.json,text/csv,application/json" />
          </div>
          <SubmitButton busy={busy} busyText="Sending…">
            Upload runs
          </SubmitButton>
        </form>
      </div>
      <p className="muted" style={{ fontSize: 12, margin: 0 }}>
        Re-importing a period replaces it and records what changed. People without a team are listed and charged to <code>unallocated</code>
        . CI can POST its runs to
        <code> /api/v1/coding-agents/outcomes</code> with an <code>ingest</code> key. What each source reads: docs/coding-agents.md.
      </p>
    </section>
  );
}
