"use client";
import { apiFetch } from "../api-client";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit } from "../forms/form-values";

const MAPPED = ["date", "merchant", "amount", "description", "currency", "employee", "department"] as const;
type Rule = { id: string; pattern: string; vendor: string; product: string; sanctioned: boolean; ignore: boolean; seat_usd: string | null };

/** Expense/card upload with column mapping, and the organisation's matching rules. */
export function ShadowForms({ rules }: { rules: Rule[] }) {
  const { busy, error, notice, run } = useApiAction({
    hint: "Map the columns to the file's headers (left empty: guessed from common names) and upload again.",
  });
  const onImport = onFormSubmit(async (f, form) => {
    const file = f.get("file") as File | null;
    if (!file || file.size === 0) return;
    const qs = new URLSearchParams({ source: String(f.get("source")), account: String(f.get("account")).trim() });
    for (const k of MAPPED) {
      const v = String(f.get(`col_${k}`) ?? "").trim();
      if (v) qs.set(k, v);
    }
    const done = await run(
      async () =>
        apiFetch<{ lines: number; unchanged: boolean; period_start: string; period_end: string }>(`/api/v1/shadow-ai/imports?${qs}`, {
          method: "POST",
          body: await file.text(),
          headers: { "content-type": "text/csv" },
        }),
      {
        ok: (r) =>
          r.unchanged
            ? `Nothing changed: ${r.period_start} – ${r.period_end} was already imported.`
            : `Imported ${r.lines} charges, ${r.period_start} – ${r.period_end}.`,
      },
    );
    if (done) form.reset();
  });
  const onRule = onFormSubmit(async (f, form) => {
    const kind = String(f.get("kind"));
    const seat = String(f.get("seat_usd") ?? "").trim();
    const done = await run(
      () =>
        apiFetch("/api/v1/shadow-ai/rules", {
          method: "POST",
          body: JSON.stringify({
            pattern: String(f.get("pattern")).trim(),
            vendor: String(f.get("vendor")).trim(),
            sanctioned: kind === "sanctioned",
            ignore: kind === "ignore",
            seat_usd: seat || null,
          }),
          headers: { "content-type": "application/json" },
        }),
      {
        hint: "A pattern is at least three characters of the merchant as it appears on the statement.",
        ok: () => "Rule saved; the report uses it at once.",
      },
    );
    if (done) form.reset();
  });
  const remove = (id: string) =>
    run(() => apiFetch(`/api/v1/shadow-ai/rules/${id}`, { method: "DELETE" }), { confirm: "Delete this rule?", ok: () => "Rule deleted." });
  return (
    <section className="card" aria-label="Import statements and edit rules">
      <h2>Import expenses or card transactions</h2>
      <FormMessages error={error} ok={notice} />
      <form onSubmit={onImport} aria-label="Statement upload">
        <div className="form-row">
          <div className="field">
            <label htmlFor="sh-source">Source</label>
            <select id="sh-source" name="source" defaultValue="card">
              <option value="card">Card transactions (CSV)</option>
              <option value="expense">Expense report (CSV)</option>
              <option value="focus">FOCUS file: marketplace lines (CSV)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="sh-account">From</label>
            <input id="sh-account" name="account" required placeholder="amex-corporate" maxLength={100} />
          </div>
          <div className="field">
            <label htmlFor="sh-file">File</label>
            <input id="sh-file" name="file" type="file" required accept=".csv,text/csv" />
          </div>
        </div>
        <details>
          <summary>Map columns (optional: common header names are recognised)</summary>
          <div className="form-row">
            {MAPPED.map((k) => (
              <div className="field" key={k}>
                <label htmlFor={`sh-col-${k}`}>{k} column</label>
                <input id={`sh-col-${k}`} name={`col_${k}`} maxLength={100} />
              </div>
            ))}
          </div>
        </details>
        <SubmitButton busy={busy} busyText="Importing…">
          Import
        </SubmitButton>
      </form>
      <h2 style={{ marginTop: 16 }}>Matching rules</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        Your rules come before the maintained vendor list. Mark company accounts as sanctioned (with the contract&apos;s seat price) and
        false positives as ignored.
      </p>
      <ul>
        {rules.map((r) => (
          <li key={r.id}>
            <code>{r.pattern}</code> → {r.ignore ? "ignored (not AI)" : `${r.vendor} ${r.product}`}{" "}
            {r.sanctioned && (
              <span className="badge badge-good">sanctioned{r.seat_usd ? `, $${Number(r.seat_usd).toFixed(2)}/seat` : ""}</span>
            )}{" "}
            <button type="button" className="btn" onClick={() => remove(r.id)} disabled={busy} aria-label={`Delete rule ${r.pattern}`}>
              Delete
            </button>
          </li>
        ))}
        {rules.length === 0 && <li className="muted">No rules yet: only the maintained list applies, and nothing is marked sanctioned.</li>}
      </ul>
      <form onSubmit={onRule} aria-label="Add a rule">
        <div className="form-row">
          <div className="field">
            <label htmlFor="sh-pattern">Statement text</label>
            <input id="sh-pattern" name="pattern" required minLength={3} maxLength={200} placeholder="OPENAI *CHATGPT ENTERPRISE" />
          </div>
          <div className="field">
            <label htmlFor="sh-vendor">Vendor</label>
            <input id="sh-vendor" name="vendor" required maxLength={100} placeholder="OpenAI" />
          </div>
          <div className="field">
            <label htmlFor="sh-kind">Rule</label>
            <select id="sh-kind" name="kind" defaultValue="sanctioned">
              <option value="sanctioned">Sanctioned account</option>
              <option value="vendor">AI vendor (unsanctioned)</option>
              <option value="ignore">Not AI: ignore</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="sh-seat">Seat price (USD / month)</label>
            <input id="sh-seat" name="seat_usd" inputMode="decimal" maxLength={12} placeholder="60" />
          </div>
          <SubmitButton busy={busy} busyText="Saving…">
            Add rule
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
