"use client";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-client";
import { useResource } from "./use-metric";
import { CsvDownload } from "../ui/csv-download";
import { SkeletonBlock } from "../ui/skeleton-block";
import { queryKeys } from "@/lib/api/query-keys";

type Tier = { tier: string; predicted_ltv_usd: string; monthly_price_usd: string; source: string };
type Feature = {
  feature: string;
  display_name: string | null;
  owner_team: string | null;
  review_threshold_usd: string;
  unit_of_value: string;
  value_per_unit_usd: string | null;
  value_method: string | null;
  design_tokens_per_request: number | null;
  design_calls_per_request: number | null;
};
const trimUsd = (s: string | null) => (s === null ? "" : s.replace(/\.?0+$/, ""));

export function SettingsView({ canEditTiers }: { canEditTiers: boolean }) {
  const tiers = useResource<{ tiers: Tier[] }>("settings-tiers", "/api/v1/settings/tiers");
  const features = useResource<{ features: Feature[] }>("settings-features", "/api/v1/settings/features");
  const qc = useQueryClient();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  async function save(url: string, json: unknown, ok: string) {
    setMsg(null);
    try {
      await apiFetch(url, { method: "PUT", json });
      setMsg({ ok: true, text: ok });
      await qc.invalidateQueries({ queryKey: queryKeys.all });
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    }
  }
  return (
    <>
      {msg && (
        <div role={msg.ok ? "status" : "alert"} className={`alert ${msg.ok ? "alert-ok" : "alert-error"}`}>
          {msg.text}
        </div>
      )}
      <section className="card" style={{ marginBottom: 16 }} aria-label="Tiers">
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
          <h2>Customer tiers</h2>
          {tiers.data && (
            <CsvDownload
              filename="tiers.csv"
              rows={tiers.data.tiers}
              columns={[
                { key: "t", label: "tier", value: (t) => t.tier },
                { key: "l", label: "predicted_ltv_usd", value: (t) => t.predicted_ltv_usd },
                { key: "p", label: "monthly_price_usd", value: (t) => t.monthly_price_usd },
                { key: "s", label: "source", value: (t) => t.source },
              ]}
            />
          )}
        </div>
        <p className="muted" style={{ fontSize: 12 }}>
          Predicted LTV drives the freemium trap; the monthly price per tenant drives the subsidy ratio.{" "}
          {canEditTiers ? "" : "Only Admin and Finance can change them."}
        </p>
        {!tiers.data ? (
          <SkeletonBlock height={120} />
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th>Tier</th>
                  <th>Predicted LTV (USD)</th>
                  <th>Monthly price per tenant (USD)</th>
                  <th>Source</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {tiers.data.tiers.map((t) => {
                  const fid = `tier-${t.tier}`;
                  return (
                    <tr key={t.tier}>
                      <td>
                        <strong>{t.tier}</strong>
                      </td>
                      <td>
                        <input
                          form={fid}
                          name="ltv"
                          aria-label={`Predicted LTV for ${t.tier}`}
                          defaultValue={trimUsd(t.predicted_ltv_usd)}
                          inputMode="decimal"
                          size={10}
                          disabled={!canEditTiers}
                        />
                      </td>
                      <td>
                        <input
                          form={fid}
                          name="price"
                          aria-label={`Monthly price for ${t.tier}`}
                          defaultValue={trimUsd(t.monthly_price_usd)}
                          inputMode="decimal"
                          size={10}
                          disabled={!canEditTiers}
                        />
                      </td>
                      <td>
                        <span className="badge">{t.source === "default" ? "default value" : "set in settings"}</span>
                      </td>
                      <td>
                        {canEditTiers && (
                          <form
                            id={fid}
                            aria-label={`Tier ${t.tier}`}
                            onSubmit={(e) => {
                              e.preventDefault();
                              const f = new FormData(e.currentTarget);
                              void save(
                                `/api/v1/settings/tiers/${encodeURIComponent(t.tier)}`,
                                { predicted_ltv_usd: String(f.get("ltv")).trim(), monthly_price_usd: String(f.get("price")).trim() },
                                `Saved tier ${t.tier}.`,
                              );
                            }}
                          >
                            <button className="btn" type="submit">
                              Save
                            </button>
                          </form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-label="Features">
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center" }}>
          <h2>Features</h2>
          {features.data && (
            <CsvDownload
              filename="features.csv"
              rows={features.data.features}
              columns={[
                { key: "f", label: "feature", value: (f) => f.feature },
                { key: "o", label: "owner_team", value: (f) => f.owner_team },
                { key: "t", label: "review_threshold_usd", value: (f) => f.review_threshold_usd },
                { key: "u", label: "unit_of_value", value: (f) => f.unit_of_value },
                { key: "v", label: "value_per_unit_usd", value: (f) => f.value_per_unit_usd },
                { key: "m", label: "value_method", value: (f) => f.value_method },
                { key: "d", label: "design_tokens_per_request", value: (f) => f.design_tokens_per_request },
                { key: "c", label: "design_calls_per_request", value: (f) => f.design_calls_per_request },
              ]}
            />
          )}
        </div>
        <p className="muted" style={{ fontSize: 12 }}>
          Owner, architecture-review threshold (mean cost per interaction), unit of value and its value (unit economics), and the design
          estimate (agentic-loop detector).
        </p>
        {!features.data ? (
          <SkeletonBlock height={160} />
        ) : features.data.features.length === 0 ? (
          <p className="muted">Features appear here when their first event arrives.</p>
        ) : (
          <div className="table-wrap" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th>Feature</th>
                  <th>Owner team</th>
                  <th>Threshold $</th>
                  <th>Unit</th>
                  <th>Value/unit $</th>
                  <th>Method</th>
                  <th>Design tokens</th>
                  <th>Design calls</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {features.data.features.map((f) => (
                  <FeatureRow
                    key={f.feature}
                    f={f}
                    onSave={(body) => save(`/api/v1/settings/features/${encodeURIComponent(f.feature)}`, body, `Saved ${f.feature}.`)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function FeatureRow({ f, onSave }: { f: Feature; onSave: (body: unknown) => void }) {
  const id = `feat-${f.feature}`;
  return (
    <tr>
      <td>
        <strong>{f.feature}</strong>
      </td>
      <td>
        <input form={id} name="owner" aria-label={`Owner team of ${f.feature}`} defaultValue={f.owner_team ?? ""} size={8} />
      </td>
      <td>
        <input
          form={id}
          name="thr"
          aria-label={`Review threshold of ${f.feature}`}
          defaultValue={trimUsd(f.review_threshold_usd)}
          size={5}
          inputMode="decimal"
        />
      </td>
      <td>
        <select form={id} name="unit" aria-label={`Unit of value of ${f.feature}`} defaultValue={f.unit_of_value}>
          {["conversation", "document", "task", "query", "report"].map((u) => (
            <option key={u}>{u}</option>
          ))}
        </select>
      </td>
      <td>
        <input
          form={id}
          name="value"
          aria-label={`Value per unit of ${f.feature}`}
          defaultValue={trimUsd(f.value_per_unit_usd)}
          size={5}
          inputMode="decimal"
          placeholder="none"
        />
      </td>
      <td>
        <select form={id} name="method" aria-label={`Value method of ${f.feature}`} defaultValue={f.value_method ?? ""}>
          <option value="">—</option>
          {["cost_displacement", "revenue_uplift", "retention", "premium_price"].map((m) => (
            <option key={m} value={m}>
              {m.replace(/_/g, " ")}
            </option>
          ))}
        </select>
      </td>
      <td>
        <input
          form={id}
          name="tok"
          aria-label={`Design tokens per request of ${f.feature}`}
          defaultValue={f.design_tokens_per_request ?? ""}
          size={5}
          inputMode="numeric"
        />
      </td>
      <td>
        <input
          form={id}
          name="calls"
          aria-label={`Design calls per request of ${f.feature}`}
          defaultValue={f.design_calls_per_request ?? ""}
          size={4}
          inputMode="numeric"
        />
      </td>
      <td>
        <form
          id={id}
          onSubmit={(e) => {
            e.preventDefault();
            const v = new FormData(e.currentTarget);
            const s = (k: string) => String(v.get(k) ?? "").trim();
            onSave({
              owner_team: s("owner") || null,
              review_threshold_usd: s("thr") || "0.10",
              unit_of_value: s("unit"),
              value_per_unit_usd: s("value") || null,
              value_method: s("method") || null,
              design_tokens_per_request: s("tok") ? Number(s("tok")) : null,
              design_calls_per_request: s("calls") ? Number(s("calls")) : null,
            });
          }}
        >
          <button className="btn" type="submit">
            Save
          </button>
        </form>
      </td>
    </tr>
  );
}
