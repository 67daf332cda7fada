"use client";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { useResource } from "../metrics/use-metric";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit, text } from "../forms/form-values";
import { SkeletonBlock } from "../ui/skeleton-block";
import { ScrollTable } from "../ui/scroll-table";
import { queryKeys } from "@/lib/api/query-keys";

type Settings = { reporting_currency: string; accounts: { account: string; provider: string; currency: string }[] };
type Rate = { base: string; quote: string; day: string; rate: string; source: string; updated_at: string };
type Rates = { rates: Rate[]; total: number; pairs: { base: string; quote: string; first: string; last: string; days: number }[] };
type ImportResult = { format: string; rates: number; pairs: string[]; first: string; last: string };

const CODE = { pattern: "[A-Za-z]{3}", maxLength: 3, size: 4, autoCapitalize: "characters" } as const;
const FORMAT: Record<string, string> = { ecb_xml: "ECB XML", ecb_csv: "ECB CSV", csv: "CSV" };

/**
 * Settings → Currency (docs/decisions/047-currencies.md): the reporting currency, the currency each
 * billing account is invoiced in, and the FX rates (imported from the ECB's files or a CSV, or
 * entered by hand). Admin and Finance change them; everyone else reads them.
 */
export function CurrencySettings({ canEdit }: { canEdit: boolean }) {
  const settings = useResource<Settings>("settings-currency", "/api/v1/settings/currency");
  const rates = useResource<Rates>("fx-rates", "/api/v1/fx/rates?limit=30");
  const qc = useQueryClient();
  const { busy, error, notice, run } = useApiAction({
    hint: "Currency codes are ISO 4217 (EUR, GBP, JPY); a rate reads 1 base = rate quote.",
  });
  const act = async <T,>(action: () => Promise<T>, ok: (r: T) => string, confirm?: string) => {
    const done = await run(action, { ok, confirm });
    await qc.invalidateQueries({ queryKey: queryKeys.all });
    return done;
  };
  const put = (url: string, json: unknown) => apiFetch<Settings>(url, { method: "PUT", json });

  const onReporting = onFormSubmit((f) =>
    act(
      () => put("/api/v1/settings/currency", { reporting_currency: text(f, "reporting") }),
      (r) => `The chargeback is now also shown in ${r.reporting_currency}.`,
    ),
  );
  const onAccount = onFormSubmit(async (f, form) => {
    const done = await act(
      () =>
        put(`/api/v1/settings/currency/accounts/${encodeURIComponent(text(f, "account"))}`, {
          currency: text(f, "currency"),
          ...(text(f, "provider") ? { provider: text(f, "provider") } : {}),
        }),
      () => `Account ${text(f, "account")} is billed in ${text(f, "currency").toUpperCase()}.`,
    );
    if (done && form.dataset.reset) form.reset();
  });
  const onImport = onFormSubmit(async (f, form) => {
    const file = f.get("file") as File | null;
    if (!file || file.size === 0) return;
    const xml = /\.xml$/i.test(file.name);
    const qs = new URLSearchParams({ base: text(f, "base") || "EUR" });
    if (text(f, "only")) qs.set("only", text(f, "only").replace(/\s+/g, ""));
    const done = await act(
      async () =>
        apiFetch<ImportResult>(`/api/v1/fx/rates/import?${qs}`, {
          method: "POST",
          body: await file.text(),
          headers: { "content-type": xml ? "application/xml" : "text/csv" },
        }),
      (r) =>
        `Imported ${r.rates.toLocaleString("en-US")} rates (${FORMAT[r.format] ?? r.format}: ${r.pairs.slice(0, 4).join(", ")}${r.pairs.length > 4 ? "…" : ""}), ${r.first} – ${r.last}.`,
    );
    if (done) form.reset();
  });
  const onRate = onFormSubmit(async (f, form) => {
    const body = { base: text(f, "base"), quote: text(f, "quote"), day: text(f, "day"), rate: text(f, "rate") };
    const done = await act(
      () => apiFetch<Rate>("/api/v1/fx/rates", { method: "PUT", json: body }),
      (r) => `Saved 1 ${r.base} = ${r.rate} ${r.quote} on ${r.day}.`,
    );
    if (done) form.reset();
  });
  const remove = (r: Rate) =>
    act(
      () => apiFetch(`/api/v1/fx/rates?${new URLSearchParams({ base: r.base, quote: r.quote, day: r.day })}`, { method: "DELETE" }),
      () => `Deleted the ${r.base}/${r.quote} rate of ${r.day}.`,
      `Delete the ${r.base}/${r.quote} rate of ${r.day}? Figures of that day will use the rate before it.`,
    );

  return (
    <section className="card" aria-label="Currency" style={{ marginTop: 16 }}>
      <h2>Currency</h2>
      <p className="muted" style={{ fontSize: 12 }}>
        Usage is priced in USD. Invoices are reconciled in the currency they were issued in (usage converted at each day&apos;s rate), and
        the chargeback is also shown in the reporting currency (the rate in force on the month&apos;s last day). Every converted figure
        shows its rate and date. {canEdit ? "" : "Only Admin and Finance can change these."}
      </p>
      <FormMessages error={error} ok={notice ?? undefined} />
      {!settings.data ? (
        settings.error ? (
          <p role="alert">Could not load the currency settings: {(settings.error as Error).message}</p>
        ) : (
          <SkeletonBlock height={80} />
        )
      ) : (
        <>
          <form onSubmit={onReporting} aria-label="Reporting currency">
            <div className="form-row">
              <div className="field">
                <label htmlFor="fx-reporting">Reporting currency</label>
                <input
                  id="fx-reporting"
                  name="reporting"
                  required
                  defaultValue={settings.data.reporting_currency}
                  disabled={!canEdit}
                  {...CODE}
                />
              </div>
              {canEdit && (
                <SubmitButton busy={busy} busyText="Saving…">
                  Save
                </SubmitButton>
              )}
            </div>
          </form>
          <h3>Billing accounts</h3>
          {settings.data.accounts.length === 0 ? (
            <p className="muted">
              No billing accounts yet: they appear with their first invoice import. Add one below to import its invoices in another
              currency.
            </p>
          ) : (
            <ScrollTable
              label="Billing accounts and their currencies"
              head={
                <>
                  <th>Account</th>
                  <th>Provider</th>
                  <th>Billed in</th>
                  <th />
                </>
              }
            >
              {settings.data.accounts.map((a) => (
                <tr key={a.account}>
                  <td>
                    <strong>{a.account}</strong>
                  </td>
                  <td>{a.provider}</td>
                  <td>
                    <input
                      id={`fx-acc-${a.account}`}
                      aria-label={`Currency of ${a.account}`}
                      form={`fx-acc-form-${a.account}`}
                      name="currency"
                      defaultValue={a.currency}
                      disabled={!canEdit}
                      {...CODE}
                    />
                  </td>
                  <td>
                    {canEdit && (
                      <form id={`fx-acc-form-${a.account}`} onSubmit={onAccount} aria-label={`Currency of ${a.account}`}>
                        <input type="hidden" name="account" value={a.account} />
                        <button type="submit" className="btn" disabled={busy}>
                          Save
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </ScrollTable>
          )}
          {canEdit && (
            <form onSubmit={onAccount} aria-label="Add an account billed in another currency" data-reset="1">
              <div className="form-row">
                <div className="field">
                  <label htmlFor="fx-new-account">New account</label>
                  <input id="fx-new-account" name="account" required maxLength={100} placeholder="anthropic-eu" />
                </div>
                <div className="field">
                  <label htmlFor="fx-new-provider">Provider</label>
                  <select id="fx-new-provider" name="provider" defaultValue="anthropic">
                    <option value="anthropic">Anthropic</option>
                    <option value="openai">OpenAI</option>
                    <option value="focus">FOCUS file (any provider)</option>
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="fx-new-currency">Billed in</label>
                  <input id="fx-new-currency" name="currency" required placeholder="EUR" {...CODE} />
                </div>
                <SubmitButton busy={busy} busyText="Adding…">
                  Add account
                </SubmitButton>
              </div>
            </form>
          )}
        </>
      )}

      <h3>Exchange rates</h3>
      {!rates.data ? (
        rates.error ? (
          <p role="alert">Could not load the rates: {(rates.error as Error).message}</p>
        ) : (
          <SkeletonBlock height={120} />
        )
      ) : rates.data.total === 0 ? (
        <p className="muted">
          No rates yet. Import the ECB&apos;s reference rates (eurofxref-hist.csv, eurofxref-daily.xml) or a CSV of date,currency,rate, or
          enter a rate below. Until then, EUR invoices cannot be compared and the chargeback stays in USD only.
        </p>
      ) : (
        <>
          <ul className="muted" style={{ fontSize: 12, paddingLeft: 18 }}>
            {rates.data.pairs.map((p) => (
              <li key={`${p.base}/${p.quote}`}>
                {p.base}/{p.quote}: {p.days.toLocaleString("en-US")} days, {p.first} – {p.last}
              </li>
            ))}
          </ul>
          <ScrollTable
            label="Latest rates"
            head={
              <>
                <th>Day</th>
                <th>Rate</th>
                <th>Source</th>
                <th />
              </>
            }
          >
            {rates.data.rates.map((r) => (
              <tr key={`${r.base}/${r.quote}/${r.day}`}>
                <td>{r.day}</td>
                <td title={`1 ${r.base} = ${r.rate} ${r.quote}, updated ${r.updated_at.slice(0, 16).replace("T", " ")} UTC`}>
                  1 {r.base} = {r.rate} {r.quote}
                </td>
                <td>{FORMAT[r.source] ?? r.source}</td>
                <td>
                  {canEdit && (
                    <button
                      type="button"
                      className="btn"
                      disabled={busy}
                      onClick={() => remove(r)}
                      aria-label={`Delete the ${r.base}/${r.quote} rate of ${r.day}`}
                    >
                      Delete
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </ScrollTable>
          {rates.data.total > rates.data.rates.length && (
            <p className="muted" style={{ fontSize: 12 }}>
              The latest {rates.data.rates.length} of {rates.data.total.toLocaleString("en-US")} rates (GET /api/v1/fx/rates for more).
            </p>
          )}
        </>
      )}
      {canEdit && (
        <>
          <form onSubmit={onImport} aria-label="Import rates">
            <div className="form-row">
              <div className="field">
                <label htmlFor="fx-file">Rate file (ECB XML or CSV, or date,currency,rate)</label>
                <input id="fx-file" name="file" type="file" required accept=".csv,.xml,text/csv,application/xml,text/xml" />
              </div>
              <div className="field">
                <label htmlFor="fx-only">Only these currencies</label>
                <input id="fx-only" name="only" placeholder="USD,GBP" maxLength={200} />
              </div>
              <div className="field">
                <label htmlFor="fx-base">Base of a plain CSV</label>
                <input id="fx-base" name="base" defaultValue="EUR" {...CODE} />
              </div>
              <SubmitButton busy={busy} busyText="Importing…">
                Import
              </SubmitButton>
            </div>
          </form>
          <form onSubmit={onRate} aria-label="Enter a rate">
            <div className="form-row">
              <div className="field">
                <label htmlFor="fx-r-day">Day</label>
                <input id="fx-r-day" name="day" type="date" required />
              </div>
              <div className="field">
                <label htmlFor="fx-r-base">1</label>
                <input id="fx-r-base" name="base" required defaultValue="EUR" {...CODE} />
              </div>
              <div className="field">
                <label htmlFor="fx-r-rate">=</label>
                <input
                  id="fx-r-rate"
                  name="rate"
                  required
                  inputMode="decimal"
                  pattern={String.raw`\d{1,12}(\.\d{1,12})?`}
                  placeholder="1.0823"
                  size={10}
                />
              </div>
              <div className="field">
                <label htmlFor="fx-r-quote">Quote</label>
                <input id="fx-r-quote" name="quote" required defaultValue="USD" {...CODE} />
              </div>
              <SubmitButton busy={busy} busyText="Saving…">
                Save rate
              </SubmitButton>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
