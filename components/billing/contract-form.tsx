"use client";
import { useState } from "react";
import { apiFetch } from "../api-client";
import { useApiAction } from "../forms/use-api-action";
import { FormMessages } from "../forms/form-messages";
import { Options } from "../forms/options";
import { SubmitButton } from "../forms/submit-button";
import { onFormSubmit, usdInput } from "../forms/form-values";

/** Record a commitment, a monthly quota or a provisioned capacity (POST /api/v1/billing/contracts). */
export function ContractForm({ teams }: { teams: string[] }) {
  const { busy, error, notice, run } = useApiAction();
  const [type, setType] = useState<"commitment" | "quota" | "capacity">("commitment");
  const first = new Date().toISOString().slice(0, 8) + "01";
  const nextYear = `${Number(first.slice(0, 4)) + 1}${first.slice(4)}`;

  const onSubmit = onFormSubmit(async (values, form) => {
    const f = Object.fromEntries(values) as Record<string, string>;
    const json =
      type === "commitment"
        ? {
            type,
            provider: f.provider,
            name: f.name,
            period_start: f.start,
            period_end: f.end,
            monthly_floor_usd: f.floor,
            discount: String(Number(f.discount) / 100),
            lapse_after_months: Number(f.lapse),
          }
        : type === "quota"
          ? { type, provider: f.provider, model: f.model ?? "", unit: f.unit, monthly_limit: f.limit }
          : {
              type,
              provider: f.provider,
              model: f.model,
              name: f.name,
              hourly_cost_usd: f.hourly,
              capacity_units: Number(f.units),
              tokens_per_minute_per_unit: Number(f.tpm),
              owner_team: f.owner,
              starts_at: new Date(`${f.start}T00:00:00Z`).toISOString(),
            };
    const recorded = await run(() => apiFetch("/api/v1/billing/contracts", { method: "POST", json }), {
      hint: "Fix the field named and submit again.",
      ok: `Recorded the ${type}.`,
    });
    if (recorded) form.reset();
  });

  return (
    <section className="card" aria-label="Record a contract">
      <h2>Record a commitment, quota or capacity</h2>
      <FormMessages error={error} ok={notice} />
      <form onSubmit={onSubmit}>
        <div className="form-row">
          <div className="field">
            <label htmlFor="ct-type">Kind</label>
            <select id="ct-type" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
              <Options
                items={[
                  ["commitment", "Committed spend (floor and discount)"],
                  ["quota", "Monthly quota"],
                  ["capacity", "Provisioned capacity"],
                ]}
              />
            </select>
          </div>
          <div className="field">
            <label htmlFor="ct-provider">Provider</label>
            <input id="ct-provider" name="provider" required placeholder="openai" />
          </div>
          {type !== "quota" && (
            <div className="field">
              <label htmlFor="ct-name">Name</label>
              <input id="ct-name" name="name" required placeholder={type === "commitment" ? "OpenAI committed use" : "PTU gpt-4o"} />
            </div>
          )}
          {type !== "commitment" && (
            <div className="field">
              <label htmlFor="ct-model">Model{type === "quota" ? " (empty: all)" : ""}</label>
              <input id="ct-model" name="model" required={type === "capacity"} placeholder="gpt-4o" />
            </div>
          )}
        </div>
        {type === "commitment" && (
          <div className="form-row">
            <div className="field">
              <label htmlFor="ct-start">Start</label>
              <input id="ct-start" name="start" type="date" required defaultValue={first} />
            </div>
            <div className="field">
              <label htmlFor="ct-end">End (exclusive)</label>
              <input id="ct-end" name="end" type="date" required defaultValue={nextYear} />
            </div>
            <div className="field">
              <label htmlFor="ct-floor">Monthly floor (USD)</label>
              <input id="ct-floor" name="floor" required {...usdInput} placeholder="10000" />
            </div>
            <div className="field">
              <label htmlFor="ct-discount">Discount (%)</label>
              <input id="ct-discount" name="discount" required inputMode="decimal" pattern="\d{1,2}(\.\d{1,4})?" placeholder="15" />
            </div>
            <div className="field">
              <label htmlFor="ct-lapse">Lapses after months under the floor</label>
              <input id="ct-lapse" name="lapse" type="number" min={1} max={24} defaultValue={3} required />
            </div>
          </div>
        )}
        {type === "quota" && (
          <div className="form-row">
            <div className="field">
              <label htmlFor="ct-unit">Unit</label>
              <select id="ct-unit" name="unit">
                <Options items={["tokens", ["usd", "USD"]]} />
              </select>
            </div>
            <div className="field">
              <label htmlFor="ct-limit">Monthly limit</label>
              <input id="ct-limit" name="limit" required inputMode="decimal" pattern="\d+(\.\d{1,6})?" placeholder="50000000" />
            </div>
          </div>
        )}
        {type === "capacity" && (
          <div className="form-row">
            <div className="field">
              <label htmlFor="ct-hourly">Hourly cost (USD)</label>
              <input id="ct-hourly" name="hourly" required {...usdInput} placeholder="2.50" />
            </div>
            <div className="field">
              <label htmlFor="ct-units">Capacity units</label>
              <input id="ct-units" name="units" type="number" min={1} required defaultValue={1} />
            </div>
            <div className="field">
              <label htmlFor="ct-tpm">Tokens per minute per unit</label>
              <input id="ct-tpm" name="tpm" type="number" min={1} required placeholder="2500" />
            </div>
            <div className="field">
              <label htmlFor="ct-owner">Idle cost charged to</label>
              <select id="ct-owner" name="owner">
                <Options items={teams} />
              </select>
            </div>
            <div className="field">
              <label htmlFor="ct-cstart">Billed from</label>
              <input id="ct-cstart" name="start" type="date" required defaultValue={first} />
            </div>
          </div>
        )}
        <div className="form-row">
          <SubmitButton busy={busy}>Record</SubmitButton>
        </div>
      </form>
    </section>
  );
}
